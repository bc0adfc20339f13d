package io.github.omniretail.analytics;

import io.github.omniretail.core.ChannelKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Counts {@link KpiEvent}s as they happen and answers every KPI as of an instant ({@link #kpis}).
 *
 * <p><b>Incremental and batch are one computation.</b> Feeding the tracker live (from the checkout's and inventory
 * engine's events) and reading a CSV export into a fresh tracker ({@link KpiCsv#read}) give equal {@link Kpis}:
 * sales slices are running sums; member, fulfilment and stock KPIs are derived at {@link #kpis} from the facts
 * kept (each member's order times, each order's placement and fulfilment, each position's stock levels).
 *
 * <p><b>Order and duplicates.</b> Events may arrive in any order across orders, members and positions (a return
 * or a fulfilment before its order is held until the order arrives); only one position's stock levels must arrive
 * in time order. An order, a return ({@code returnId}), a fulfilment, a quote and an expired lot are each counted
 * once however often they are delivered; receipts, levels and rejections are counted as delivered.
 *
 * <p><b>Failures.</b> An event in another currency throws {@link IllegalArgumentException} and changes nothing.
 *
 * <p><b>Thread-safety.</b> Thread-safe: {@link #accept} and {@link #kpis} may be called from any threads; each call
 * is atomic. Memory grows with the orders, members' order times and stock levels kept: 77 bytes per event on a month of
 * 1,000,000 mixed events (measured by the benchmarks' {@code KpiTrackerHeap}).
 */
public interface KpiTracker {

    /**
     * A builder.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Counts one event.
     *
     * @param event the event; non-null
     * @throws IllegalArgumentException if its amounts are not in the tracker's currency
     */
    void accept(KpiEvent event);

    /**
     * Counts events in order.
     *
     * @param events the events; non-null
     * @throws IllegalArgumentException as {@link #accept}; the events before the bad one are counted
     */
    default void acceptAll(Iterable<? extends KpiEvent> events) {
        for (KpiEvent e : events) {
            accept(e);
        }
    }

    /**
     * Every KPI as of {@code asOf}. Events after {@code asOf} already counted are included; {@code asOf} bounds
     * open stock-outs, stock on hand, the repurchase window and retention maturity.
     *
     * @param asOf the instant; non-null
     * @return the KPIs
     */
    Kpis kpis(Instant asOf);

    /**
     * Events counted so far (duplicates that were ignored are not).
     *
     * @return the count
     */
    long events();

    /** Builds a tracker. Each setting may be set once. */
    final class Builder {
        private final Map<String, Boolean> set = new HashMap<>();
        private Currency currency;
        private ZoneId zone;
        private Set<ChannelKind> ownChannels = EnumSet.of(ChannelKind.ONLINE_STORE, ChannelKind.APP,
                ChannelKind.MINI_PROGRAM, ChannelKind.SOCIAL_COMMERCE, ChannelKind.STORE_POS, ChannelKind.CALL_CENTER);
        private Duration repurchaseWindow = Duration.ofDays(90);

        private Builder() {
        }

        private void once(String setting) {
            if (set.putIfAbsent(setting, Boolean.TRUE) != null) {
                throw new IllegalStateException(setting + " is already set");
            }
        }

        /**
         * The currency of every amount (required).
         *
         * @param currency the currency
         * @return this builder
         */
        public Builder currency(Currency currency) {
            once("currency");
            this.currency = Objects.requireNonNull(currency, "currency");
            return this;
        }

        /**
         * The zone that days and cohort months are counted in (required).
         *
         * @param zone the zone
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            once("zone");
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * The retailer's own channels (私域); default: online store, app, mini-program, social commerce, store POS
         * and call centre — every kind but marketplaces and live streams on others' platforms.
         *
         * @param kinds the kinds, non-empty
         * @return this builder
         */
        public Builder ownChannels(Set<ChannelKind> kinds) {
            once("ownChannels");
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("ownChannels must not be empty");
            }
            this.ownChannels = EnumSet.copyOf(kinds);
            return this;
        }

        /**
         * The repurchase window, ending at {@code asOf}; default 90 days.
         *
         * @param window positive
         * @return this builder
         */
        public Builder repurchaseWindow(Duration window) {
            once("repurchaseWindow");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("repurchaseWindow must be positive, was " + window);
            }
            this.repurchaseWindow = window;
            return this;
        }

        /**
         * Builds.
         *
         * @return the tracker
         * @throws IllegalStateException if the currency or zone is missing
         */
        public KpiTracker build() {
            if (currency == null || zone == null) {
                throw new IllegalStateException("currency and zone are required; missing: "
                        + (currency == null ? "currency " : "") + (zone == null ? "zone" : ""));
            }
            return new MemoryKpiTracker(currency, zone, ownChannels, repurchaseWindow);
        }
    }
}
