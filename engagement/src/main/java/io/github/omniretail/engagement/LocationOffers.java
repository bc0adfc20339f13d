package io.github.omniretail.engagement;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.spi.StockView;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.MarketingChannel;
import java.time.Clock;
import java.time.Instant;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The offers a member's location ping makes eligible (work in progress, issue 22): the nodes whose fence contains
 * the ping, then, per offer, consent, segment targeting, quiet hours in the node's zone, the per-day cap and stock at
 * the node. An offer returned counts against the member's cap. A ping is not kept: only the cap counters, per
 * member × offer × local day, and those of past days are dropped. Thread-safe.
 */
public final class LocationOffers {
    private final List<NodeOffer> offers;
    private final FenceGrid grid;
    private final ConsentRegistry consents;
    private final Function<MemberId, Set<String>> segments;
    private final StockView stock;
    private final Channel channel;
    private final Clock clock;
    private final CapCounters caps;
    private final ZoneRules[] rules;
    private final ThreadLocal<int[]> buffers;

    private LocationOffers(Builder b) {
        this.offers = List.copyOf(b.offers);
        this.grid = new FenceGrid(offers.stream().map(NodeOffer::fence).toList(), b.cellDegrees);
        this.consents = b.consents;
        this.segments = b.segments;
        this.stock = b.stock;
        this.channel = b.channel;
        this.clock = b.clock;
        this.caps = new CapCounters(b.expectedDeliveries);
        this.rules = offers.stream().map(o -> o.zone().getRules()).toArray(ZoneRules[]::new);
        int size = Math.max(1, grid.maxPerCell());
        this.buffers = ThreadLocal.withInitial(() -> new int[size]);
    }

    /** @return a builder; offers, consent, segments, stock, channel and clock are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The offers a ping makes eligible now, each counted against the member's daily cap.
     *
     * @param member non-null member
     * @param ping non-null location
     * @return the offers, in the order they were given to the builder; empty without consent
     */
    public List<NodeOffer> eligible(MemberId member, GeoPoint ping) {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(ping, "ping");
        int[] found = buffers.get();
        int n = grid.containing(ping.latitude(), ping.longitude(), found);
        if (n == 0 || !consents.allows(member, MarketingChannel.LOCATION)) {
            return List.of();
        }
        List<NodeOffer> out = new ArrayList<>(n);
        Set<String> in = null;
        Instant now = clock.instant();
        long epochSecond = now.getEpochSecond();
        int memberHash = 0;
        ZoneRules lastRules = null;
        int offset = 0;
        for (int k = 0; k < n; k++) {
            int index = found[k];
            NodeOffer o = offers.get(index);
            if (!o.segments().isEmpty()) {
                in = in == null ? segments.apply(member) : in;
                if (o.segments().stream().noneMatch(in::contains)) {
                    continue;
                }
            }
            if (rules[index] != lastRules) { // offers near each other mostly share a zone: one lookup per ping
                lastRules = rules[index];
                offset = lastRules.getOffset(now).getTotalSeconds();
            }
            long local = epochSecond + offset;
            int day = (int) Math.floorDiv(local, 86_400L);
            if (o.quietAtSecond((int) Math.floorMod(local, 86_400L))) {
                continue;
            }
            if (o.sku().isPresent() && stock.available(o.sku().get(), o.node(), channel) <= 0) {
                continue;
            }
            if (memberHash == 0) {
                memberHash = caps.member(member); // never 0: 0 means "not computed yet"
            }
            if (!caps.take(memberHash, index, day, o.capPerDay())) {
                continue;
            }
            out.add(o);
        }
        return out; // a cell lists its fences in the builder's order
    }

    /**
     * Forgets the cap counters of days before {@code today} in every zone; call it daily.
     *
     * @return counters dropped
     */
    public int forgetPastDays() {
        Instant now = clock.instant();
        long earliest = offers.stream().map(NodeOffer::zone).distinct()
                .mapToLong(z -> now.atZone(z).toLocalDate().toEpochDay()).min().orElse(Long.MAX_VALUE);
        return caps.forget(day -> day < earliest);
    }

    /** Settings. Not thread-safe. */
    public static final class Builder {
        private List<NodeOffer> offers = List.of();
        private double cellDegrees = 0.05;
        private int expectedDeliveries = 1 << 16;
        private ConsentRegistry consents;
        private Function<MemberId, Set<String>> segments;
        private StockView stock;
        private Channel channel;
        private Clock clock;

        private Builder() {
        }

        /**
         * @param offers non-null offers, fewer than 2<sup>24</sup>
         * @return this
         */
        public Builder offers(List<NodeOffer> offers) {
            if (offers.size() >= 1 << 24) {
                throw new IllegalArgumentException("at most 16,777,215 offers, was " + offers.size());
            }
            this.offers = List.copyOf(offers);
            return this;
        }

        /**
         * @param consents non-null registry: a member must have granted {@link MarketingChannel#LOCATION}
         * @return this
         */
        public Builder consents(ConsentRegistry consents) {
            this.consents = Objects.requireNonNull(consents, "consents");
            return this;
        }

        /**
         * @param segments non-null: a member's segments (asked only for offers that target segments)
         * @return this
         */
        public Builder segments(Function<MemberId, Set<String>> segments) {
            this.segments = Objects.requireNonNull(segments, "segments");
            return this;
        }

        /**
         * @param stock non-null stock view, asked for offers with a SKU
         * @param channel non-null channel the offer sells through
         * @return this
         */
        public Builder stock(StockView stock, Channel channel) {
            this.stock = Objects.requireNonNull(stock, "stock");
            this.channel = Objects.requireNonNull(channel, "channel");
            return this;
        }

        /**
         * @param clock non-null clock (quiet hours and caps' days)
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param degrees the index's cell size, in [0.001, 1] (default 0.05: about 5 km)
         * @return this
         */
        public Builder cellDegrees(double degrees) {
            this.cellDegrees = degrees;
            return this;
        }

        /**
         * Sizes the cap counters up front, so they rarely grow while pings are served.
         *
         * @param deliveries expected offers delivered per day, {@code >= 0} (default 65,536)
         * @return this
         */
        public Builder expectedDeliveries(int deliveries) {
            if (deliveries < 0) {
                throw new IllegalArgumentException("expectedDeliveries must be >= 0, was " + deliveries);
            }
            this.expectedDeliveries = deliveries;
            return this;
        }

        /**
         * @return the offers
         * @throws IllegalStateException if a required setting is missing
         */
        public LocationOffers build() {
            if (consents == null || segments == null || stock == null || clock == null) {
                throw new IllegalStateException("consents, segments, stock and clock are required");
            }
            return new LocationOffers(this);
        }
    }
}
