package io.github.omniretail.pricing;

/**
 * How often the pricing engine found a base price (stages BASE to MEMBER) in its cache, since it was built.
 *
 * @param hits lookups answered from the cache, {@code >= 0}
 * @param misses lookups that computed the price, {@code >= 0}
 */
public record CacheStatistics(long hits, long misses) {

    /**
     * Checks the counts.
     *
     * @param hits lookups answered from the cache
     * @param misses lookups that computed the price
     */
    public CacheStatistics {
        if (hits < 0 || misses < 0) {
            throw new IllegalArgumentException("counts must not be negative, were " + hits + " and " + misses);
        }
    }

    /** @return hits as a share of lookups, 0..1; 0 before the first lookup */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
