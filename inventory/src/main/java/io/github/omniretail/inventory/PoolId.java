package io.github.omniretail.inventory;

import java.util.Objects;

/**
 * Names a stock pool: a set of nodes whose stock can serve a pool-level hold line, such as all stores in a city.
 *
 * @param value non-blank name, at most 128 characters, stripped of surrounding white space
 */
public record PoolId(String value) implements Comparable<PoolId> {

    /**
     * Strips and validates the name.
     *
     * @param value non-blank name, at most 128 characters, stripped of surrounding white space
     */
    public PoolId {
        Objects.requireNonNull(value, "PoolId value");
        value = value.strip();
        if (value.isEmpty() || value.length() > 128 || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("PoolId must be 1..128 printable characters, was '" + value + "'");
        }
    }

    /**
     * The pool with this name.
     *
     * @param value non-blank name
     * @return the id
     */
    public static PoolId of(String value) {
        return new PoolId(value);
    }

    @Override
    public int compareTo(PoolId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
