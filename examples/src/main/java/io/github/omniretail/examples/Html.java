package io.github.omniretail.examples;

/** Text for the examples' self-contained HTML reports. Stateless; thread-safe. */
public final class Html {

    private Html() {
    }

    /**
     * Escapes text for an HTML or XML element or a quoted attribute.
     *
     * @param text non-null text
     * @return the text with {@code & < > " '} escaped
     */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
