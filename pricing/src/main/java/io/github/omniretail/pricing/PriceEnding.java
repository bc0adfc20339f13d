package io.github.omniretail.pricing;

/**
 * Price endings (the last stage). A price moves to the nearest price with the ending (ties to the lower one); if
 * that breaks the floor, the minimum advertised price or the ceiling, to the other neighbour; if both break a bound
 * the price is left as it is. So an ending never breaks the floor or the ceiling.
 */
public enum PriceEnding {
    /** Leave the price as it is. */
    NONE,
    /** x.99: one minor unit below a whole major unit (12.99; 12.999 in a three-decimal currency). */
    NINETY_NINE,
    /** x.x9 → x.90: the last minor digit 0 and the one before 9 (e.g. 12.90). */
    NINE,
    /** A whole major unit (12.00). */
    WHOLE;

    /**
     * The largest price with this ending at or below {@code minor} (in minor units of a currency with
     * {@code scale} decimals), or {@code minor} itself for {@link #NONE} or a currency without decimals where the
     * ending has no meaning.
     */
    long down(long minor, int scale) {
        if (this == NONE || scale <= 0) {
            return minor;
        }
        long unit = pow10(scale);
        return switch (this) {
            case WHOLE -> Math.floorDiv(minor, unit) * unit;
            case NINETY_NINE -> {
                long candidate = Math.floorDiv(minor + 1, unit) * unit - 1;
                yield candidate;
            }
            case NINE -> {
                long step = unit / 10 * 9; // .90 within each major unit
                long base = Math.floorDiv(minor, unit) * unit;
                yield base + step <= minor ? base + step : base - unit + step;
            }
            case NONE -> minor;
        };
    }

    /** The smallest price with this ending at or above {@code minor}. */
    long up(long minor, int scale) {
        if (this == NONE || scale <= 0) {
            return minor;
        }
        long unit = pow10(scale);
        long down = down(minor, scale);
        return down == minor ? minor : down(minor + unit, scale);
    }

    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private static long pow10(int scale) {
        return POWERS[scale];
    }
}
