package io.github.omniretail.examples;

import io.github.omniretail.core.Money;

/** Text for people: money with thousands separators, and padding by display width (CJK takes two columns). */
public final class Text {

    private Text() {
    }

    /**
     * Money as {@code CNY 2,445,708.32}: the currency code, then the amount with comma thousands separators and the
     * currency's decimals. Exact: the digits are the minor units', never a {@code double}'s.
     *
     * @param money non-null amount
     * @return the text
     */
    public static String money(Money money) {
        String amount = money.amountString();
        boolean negative = amount.startsWith("-");
        String digits = negative ? amount.substring(1) : amount;
        int dot = digits.indexOf('.');
        String whole = dot < 0 ? digits : digits.substring(0, dot);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(whole.charAt(i));
        }
        return money.currency().getCurrencyCode() + " " + (negative ? "-" : "") + grouped
                + (dot < 0 ? "" : digits.substring(dot));
    }

    /**
     * How many terminal columns a text takes: East Asian wide and full-width characters (汉字, kana, hangul,
     * full-width forms, most emoji) take two, combining marks and zero-width characters none, the rest one.
     *
     * @param text non-null text
     * @return columns
     */
    public static int width(String text) {
        int columns = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
                continue;
            }
            columns += wide(c) ? 2 : 1;
        }
        return columns;
    }

    private static boolean wide(int c) {
        return c >= 0x1100 && c <= 0x115F || c >= 0x2E80 && c <= 0x303E || c >= 0x3041 && c <= 0x33FF
                || c >= 0x3400 && c <= 0x4DBF || c >= 0x4E00 && c <= 0x9FFF || c >= 0xA000 && c <= 0xA4CF
                || c >= 0xAC00 && c <= 0xD7A3 || c >= 0xF900 && c <= 0xFAFF || c >= 0xFE30 && c <= 0xFE4F
                || c >= 0xFF00 && c <= 0xFF60 || c >= 0xFFE0 && c <= 0xFFE6 || c >= 0x1F300 && c <= 0x1F64F
                || c >= 0x1F900 && c <= 0x1F9FF || c >= 0x20000 && c <= 0x3FFFD;
    }

    /**
     * Pads a text with spaces on the right to a display width (a longer text is returned unchanged).
     *
     * @param text non-null text
     * @param columns the width to fill
     * @return the padded text
     */
    public static String pad(String text, int columns) {
        int missing = columns - width(text);
        return missing <= 0 ? text : text + " ".repeat(missing);
    }
}
