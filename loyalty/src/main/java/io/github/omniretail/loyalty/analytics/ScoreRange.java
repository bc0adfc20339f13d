package io.github.omniretail.loyalty.analytics;

/**
 * An inclusive range of scores, e.g. F 4–5.
 *
 * @param min lowest score, 1..9
 * @param max highest score, min..9
 */
public record ScoreRange(int min, int max) {

    /** Any score. */
    public static final ScoreRange ANY = new ScoreRange(1, 9);

    /**
     * Validates the components.
     *
     * @param min lowest score, 1..9
     * @param max highest score, min..9
     */
    public ScoreRange {
        if (min < 1 || max > 9 || min > max) {
            throw new IllegalArgumentException("score range must satisfy 1 <= min <= max <= 9, was " + min + ".."
                    + max);
        }
    }

    /**
     * @param score a single score
     * @return the range holding only it
     */
    public static ScoreRange of(int score) {
        return new ScoreRange(score, score);
    }

    /**
     * @param min lowest
     * @param max highest
     * @return the range
     */
    public static ScoreRange of(int min, int max) {
        return new ScoreRange(min, max);
    }

    /**
     * @param score a score
     * @return true when min ≤ score ≤ max
     */
    public boolean contains(int score) {
        return score >= min && score <= max;
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + "-" + max;
    }
}
