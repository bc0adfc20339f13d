package io.github.omniretail.inventory;

/**
 * Identifies a hold; assigned by the engine, unique within it and never reused.
 *
 * @param value positive number
 */
public record HoldId(long value) implements Comparable<HoldId> {

    /**
     * Validates the number.
     *
     * @param value positive number
     */
    public HoldId {
        if (value <= 0) {
            throw new IllegalArgumentException("HoldId must be > 0, was " + value);
        }
    }

    /**
     * The hold id with this number.
     *
     * @param value positive number
     * @return the id
     */
    public static HoldId of(long value) {
        return new HoldId(value);
    }

    @Override
    public int compareTo(HoldId other) {
        return Long.compare(value, other.value);
    }

    /** @return {@code "H-"} and the number */
    @Override
    public String toString() {
        return "H-" + value;
    }
}
