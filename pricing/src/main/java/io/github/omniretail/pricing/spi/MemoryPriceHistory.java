package io.github.omniretail.pricing.spi;

import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The in-memory {@link PriceHistory}: a sorted map of published prices per (SKU, channel). Thread-safe. */
final class MemoryPriceHistory implements PriceHistory {

    private record Key(Sku sku, ChannelId channel) {
    }

    private final Map<Key, NavigableMap<Instant, Money>> prices = new ConcurrentHashMap<>();

    @Override
    public void record(Sku sku, ChannelId channel, Instant at, Money price) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(price, "price");
        prices.computeIfAbsent(new Key(sku, channel), k -> new ConcurrentSkipListMap<>()).put(at, price);
    }

    @Override
    public Optional<Money> inEffect(Sku sku, ChannelId channel, Instant at) {
        NavigableMap<Instant, Money> history = prices.get(new Key(sku, channel));
        if (history == null) {
            return Optional.empty();
        }
        Map.Entry<Instant, Money> e = history.floorEntry(at);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    @Override
    public Optional<Money> lowest(Sku sku, ChannelId channel, Instant from, Instant to) {
        NavigableMap<Instant, Money> history = prices.get(new Key(sku, channel));
        if (history == null) {
            return Optional.empty();
        }
        Money lowest = null;
        Map.Entry<Instant, Money> before = history.floorEntry(from);
        if (before != null) {
            lowest = before.getValue();
        }
        for (Money m : history.subMap(from, true, to, true).values()) {
            lowest = lowest == null || m.isLessThan(lowest) ? m : lowest;
        }
        return Optional.ofNullable(lowest);
    }
}
