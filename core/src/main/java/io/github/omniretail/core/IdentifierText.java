package io.github.omniretail.core;

/** The validation rules of {@link Identifier} text, shared by every identifier record. */
final class IdentifierText {

    private IdentifierText() {
    }

    /**
     * Validates and normalises identifier text; used by every identifier record's constructor.
     *
     * @param kind the identifier type's name, for messages
     * @param raw the text as given
     * @return the stripped text
     * @throws NullPointerException if {@code raw} is null
     * @throws IllegalArgumentException naming the kind, the text and the offending character
     */
    static String normalise(String kind, String raw) {
        return normalise(kind, raw, Identifier.MAX_LENGTH);
    }

    /**
     * As {@link #normalise(String, String)} with another length limit.
     *
     * @param kind the type's name, for messages
     * @param raw the text as given
     * @param maxLength the longest text accepted, in chars
     * @return the stripped text
     */
    static String normalise(String kind, String raw, int maxLength) {
        if (raw == null) {
            throw new NullPointerException(kind + " value is null");
        }
        String text = raw.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(kind + " must not be blank, was '" + raw + "'");
        }
        if (text.length() > maxLength) {
            throw new IllegalArgumentException(kind + " must be at most " + maxLength + " characters, was "
                    + text.length() + ": '" + text.substring(0, 32) + "…'");
        }
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!printable(cp)) {
                throw new IllegalArgumentException(kind + " contains a non-printable character U+"
                        + String.format("%04X", cp) + " at index " + i + ": '" + text.replaceAll("\\p{C}", "?") + "'");
            }
            i += Character.charCount(cp);
        }
        return text;
    }

    private static boolean printable(int cp) {
        if (cp == ' ') {
            return true;
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return false;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.PRIVATE_USE:
            case Character.SURROGATE:
            case Character.UNASSIGNED:
                return false;
            default:
                return true;
        }
    }
}
