package io.github.omniretail.pricing.spi;

import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import java.time.Instant;
import java.util.Optional;

/**
 * Published prices per SKU and channel: the reference for the maximum change per period and for the lowest price
 * in the last 30 days (EU Omnibus rule). The engine writes on {@code publish}; implementations must be
 * thread-safe. {@link #inMemory()} is the default.
 */
public interface PriceHistory {

    /**
     * Records that {@code price} was published at {@code at}.
     *
     * @param sku non-null
     * @param channel non-null
     * @param at non-null
     * @param price non-null
     */
    void record(Sku sku, ChannelId channel, Instant at, Money price);

    /**
     * @param sku non-null
     * @param channel non-null
     * @param at non-null
     * @return the price in effect at {@code at} (the last published at or before it), if any
     */
    Optional<Money> inEffect(Sku sku, ChannelId channel, Instant at);

    /**
     * @param sku non-null
     * @param channel non-null
     * @param from start, inclusive; non-null
     * @param to end, inclusive; non-null
     * @return the lowest price in effect at any moment in [from, to], if any was published by {@code to}
     */
    Optional<Money> lowest(Sku sku, ChannelId channel, Instant from, Instant to);

    /** @return a new, empty, thread-safe in-memory history */
    static PriceHistory inMemory() {
        return new MemoryPriceHistory();
    }
}
