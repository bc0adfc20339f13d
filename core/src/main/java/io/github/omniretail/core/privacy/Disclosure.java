package io.github.omniretail.core.privacy;

/** How much of a personal value a reader sees. */
public enum Disclosure {
    /** Nothing readable: a keyed hash, stable per value, so records still join ({@code h:3f9a…}). */
    HASHED,
    /** The value's shape ({@link PersonalField#mask}). */
    MASKED,
    /** The value itself. */
    CLEAR
}
