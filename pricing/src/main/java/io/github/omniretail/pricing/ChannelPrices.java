package io.github.omniretail.pricing;

import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One SKU's prices on several channels after the {@link ChannelConsistency} check.
 *
 * @param sku the SKU; non-null
 * @param prices channel → unit price (clamped when the policy clamps); non-null
 * @param conflicts one line per channel outside the band, e.g. {@code "live-stream 15.80 is 23.44% above
 *     mini-program 12.80 (band 10.00%)"}; non-null
 * @param clamped true when prices were brought into the band
 */
public record ChannelPrices(Sku sku, Map<ChannelId, Money> prices, List<String> conflicts, boolean clamped) {
    /**
     * Validates and copies.
     *
     * @param sku the SKU
     * @param prices prices by channel
     * @param conflicts conflicts found
     * @param clamped clamped or not
     */
    public ChannelPrices {
        Objects.requireNonNull(sku, "sku");
        prices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(prices));
        conflicts = List.copyOf(conflicts);
    }
}
