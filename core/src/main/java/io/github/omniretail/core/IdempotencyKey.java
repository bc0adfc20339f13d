package io.github.omniretail.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The key that makes a call safe to retry: a call made again with the same key returns the first call's outcome
 * instead of acting twice. One key names one business action (an order's placement, a payment's capture); the
 * steps it takes in several engines get keys {@linkplain #derive derived} from it, so a retry of the whole action
 * reaches every engine with the same keys.
 *
 * <p>Text rules: stripped, 1..{@value #MAX_LENGTH} characters, printable (as {@link Identifier}, with a longer
 * limit). Immutable and thread-safe.
 *
 * @param value the key text; non-null
 */
public record IdempotencyKey(String value) implements Comparable<IdempotencyKey> {

    /** Longest key text, in chars. */
    public static final int MAX_LENGTH = 200;

    /** Longest step name accepted by {@link #derive}. */
    public static final int MAX_STEP_LENGTH = 40;

    /**
     * Strips and validates the text.
     *
     * @param value non-null text
     */
    public IdempotencyKey {
        value = IdentifierText.normalise("IdempotencyKey", value, MAX_LENGTH);
    }

    /**
     * The key with this text.
     *
     * @param value non-null text; leading and trailing white space is stripped
     * @return the key
     * @throws IllegalArgumentException if blank, longer than {@value #MAX_LENGTH} characters or not printable
     */
    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }

    /**
     * The key of one step of this action: {@code <this key>/<step>}. When that would be longer than
     * {@value #MAX_LENGTH} characters, the SHA-256 of this key (64 hex digits) stands in for it, so a derived key
     * is always valid and always the same for the same key and step.
     *
     * @param step non-null step name: 1..{@value #MAX_STEP_LENGTH} characters of {@code a-z}, {@code 0-9},
     *     {@code -} and {@code .}
     * @return the step's key
     * @throws IllegalArgumentException if the step name breaks those rules
     */
    public IdempotencyKey derive(String step) {
        Objects.requireNonNull(step, "step");
        if (step.isEmpty() || step.length() > MAX_STEP_LENGTH || !step.chars().allMatch(
                c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
            throw new IllegalArgumentException("a step name is 1.." + MAX_STEP_LENGTH
                    + " characters of a-z, 0-9, '-' and '.', was '" + step + "'");
        }
        String base = value.length() + 1 + step.length() <= MAX_LENGTH ? value : sha256(value);
        return new IdempotencyKey(base + "/" + step);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public int compareTo(IdempotencyKey other) {
        return value.compareTo(other.value);
    }

    /** @return the key text itself */
    @Override
    public String toString() {
        return value;
    }
}
