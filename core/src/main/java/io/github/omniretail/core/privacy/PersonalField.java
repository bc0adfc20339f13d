package io.github.omniretail.core.privacy;

import java.util.Objects;

/**
 * The kinds of personal information this library handles, each with its mask: what a value looks like to someone
 * who may see only its shape.
 */
public enum PersonalField {
    /** A person's name: the first character kept ({@code 张**}, {@code J***}). */
    NAME,
    /** A phone number: the first 3 and last 4 digits kept ({@code 138****8000}); shorter ones keep the last 2. */
    PHONE,
    /** An e-mail address: the first character and the domain kept ({@code j***@example.com}). */
    EMAIL,
    /** A postal address: its first third, at most 6 characters, kept ({@code 浙江省杭州市****}). */
    ADDRESS,
    /**
     * A location as {@code "latitude,longitude"} in degrees: rounded to 0.1° (about 11 km) ({@code ~30.3,120.1}).
     */
    LOCATION,
    /** A birthday as an ISO date: only the month kept ({@code ****-05-**}). */
    BIRTHDAY;

    /**
     * The masked form of a clear value of this kind.
     *
     * @param clear non-null clear value
     * @return its mask; never the clear value unless the value is empty
     */
    public String mask(String clear) {
        Objects.requireNonNull(clear, "clear");
        switch (this) {
            case NAME:
                return keepFirst(clear, 1);
            case PHONE:
                return maskPhone(clear);
            case EMAIL: {
                int at = clear.lastIndexOf('@');
                return at < 1 ? stars(clear.length()) : clear.charAt(0) + "***" + clear.substring(at);
            }
            case ADDRESS: {
                int n = clear.codePointCount(0, clear.length());
                return n == 0 ? "" : clear.substring(0, clear.offsetByCodePoints(0, Math.min(6, n / 3))) + "****";
            }
            case LOCATION:
                return maskLocation(clear);
            case BIRTHDAY:
                return clear.length() == 10 && clear.charAt(4) == '-' && clear.charAt(7) == '-'
                        ? "****-" + clear.substring(5, 7) + "-**" : stars(clear.length());
            default:
                throw new AssertionError(this);
        }
    }

    private static String keepFirst(String clear, int kept) {
        int n = clear.codePointCount(0, clear.length());
        if (n <= kept) {
            return n == 0 ? "" : "*";
        }
        return clear.substring(0, clear.offsetByCodePoints(0, kept)) + stars(n - kept);
    }

    private static String maskPhone(String clear) {
        StringBuilder digits = new StringBuilder();
        clear.chars().filter(Character::isDigit).forEach(c -> digits.append((char) c));
        int n = digits.length();
        if (n >= 7) {
            return digits.substring(0, 3) + stars(n - 7) + digits.substring(n - 4);
        }
        return n <= 2 ? stars(n) : stars(n - 2) + digits.substring(n - 2);
    }

    private static String maskLocation(String clear) {
        int comma = clear.indexOf(',');
        try {
            double lat = Double.parseDouble(clear.substring(0, comma).trim());
            double lon = Double.parseDouble(clear.substring(comma + 1).trim());
            return String.format(java.util.Locale.ROOT, "~%.1f,%.1f", lat, lon);
        } catch (RuntimeException e) {
            return stars(clear.length());
        }
    }

    static String stars(int n) {
        return "*".repeat(Math.max(0, n));
    }
}
