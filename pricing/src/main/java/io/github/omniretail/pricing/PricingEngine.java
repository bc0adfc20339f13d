package io.github.omniretail.pricing;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.UnknownSkuException;
import io.github.omniretail.core.Sku;
import io.github.omniretail.pricing.spi.ExperimentRecorder;
import io.github.omniretail.pricing.spi.PriceAdjuster;
import io.github.omniretail.pricing.spi.PriceHistory;
import io.github.omniretail.pricing.spi.PromotionLedger;
import io.github.omniretail.pricing.spi.StockCoverLookup;
import io.github.omniretail.pricing.spi.TierLookup;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Prices SKUs through the fixed pipeline of {@link PriceStage}s and carts through {@link Promotion}s with explicit
 * stacking, and explains every step.
 *
 * <pre>{@code
 * PricingEngine engine = PricingEngine.builder().clock(clock).rules(rules).tierLookup(loyaltyTiers).build();
 * ItemQuote quote = engine.quote(Sku.of("MILK-1L"), context);
 * }</pre>
 *
 * <p>Stages BASE to MEMBER depend only on (SKU, channel, node, tier) and are cached (Caffeine) until the rules
 * change; the later stages run on every quote. Quoting never changes state; {@link #publish(ItemQuote)} records a
 * price as published (the reference for the maximum change per period and the 30-day lowest price).
 *
 * <p>Thread-safe: quotes may run on any number of threads while {@link #updateRules} swaps the rules atomically
 * (a quote uses one rule set from start to end).
 */
public interface PricingEngine {

    /** @return a builder; clock and rules are required */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Quotes a SKU's unit price.
     *
     * @param sku non-null
     * @param context non-null
     * @return the quote
     * @throws UnknownSkuException if the SKU has no list price
     */
    ItemQuote quote(Sku sku, PricingContext context);

    /**
     * How often base prices came from the cache (for metrics such as a cache hit rate).
     *
     * @return counts since the engine was built
     */
    default CacheStatistics cacheStatistics() {
        return new CacheStatistics(0, 0);
    }

    /**
     * Quotes a unit of a specific batch, applying shelf-life markdowns by its days to expiry (in the context's zone).
     *
     * @param sku non-null
     * @param expires the batch's expiry date, not before the context's date; non-null
     * @param context non-null
     * @return the quote
     * @throws UnknownSkuException if the SKU has no list price
     * @throws IllegalArgumentException if the batch has already expired
     */
    ItemQuote quote(Sku sku, LocalDate expires, PricingContext context);

    /**
     * Re-verifies a quote at checkout: true when quoting the same SKU in the same context now gives the same price
     * under the same rules version (its hash matches).
     *
     * @param quote non-null
     * @param context the context it was quoted in; non-null
     * @return whether the quote still stands
     */
    boolean verify(ItemQuote quote, PricingContext context);

    /**
     * Records the quote's price as published for its SKU and channel at the clock's instant.
     *
     * @param quote non-null
     */
    void publish(ItemQuote quote);

    /**
     * Prices a cart: every line through the item pipeline, then the promotions that can touch it, combined as
     * {@code mode} says. Discounts are allocated to lines exactly (largest remainder on minor units); no line or
     * total goes negative, nor (with the floor guard, on by default) below quantity × the line's floor.
     *
     * @param cart non-null
     * @param context non-null
     * @param mode PRIORITY or BEST_DEAL; non-null
     * @return the quote, with applied and rejected promotions and their reasons
     * @throws UnknownSkuException if a line's SKU has no list price
     */
    CartQuote quote(Cart cart, PricingContext context, StackingMode mode);

    /**
     * Re-verifies a cart quote at checkout: true when quoting the same cart now gives the same result under the same
     * rule and promotion versions.
     *
     * @param quote non-null
     * @param cart the cart it was quoted for; non-null
     * @param context its context; non-null
     * @return whether the quote still stands
     */
    boolean verify(CartQuote quote, Cart cart, PricingContext context);

    /**
     * Records a quote's coupon uses and budget spending at checkout, all or nothing, under {@code key}: a retry with
     * the same key records nothing again and returns true.
     *
     * @param key non-null key of the checkout
     * @param quote non-null
     * @param context its context (the member for per-member coupon limits); non-null
     * @return true when recorded (now or before); false when a coupon or budget ran out since the quote or a
     *     promotion was withdrawn (nothing recorded: quote again)
     */
    boolean redeem(IdempotencyKey key, CartQuote quote, PricingContext context);

    /**
     * Records that a member paid for a quote: a conversion for each experiment the quote took part in, with what
     * was paid (for revenue per visitor). The checkout calls it once an order is paid. A member converts at most once
     * per experiment in the {@link ExperimentLog}; a call repeated after a crash may add its revenue twice.
     *
     * @param quote non-null quote that was paid
     * @param context its context; without a member nothing is recorded
     * @param paid non-null money paid
     */
    void converted(CartQuote quote, PricingContext context, io.github.omniretail.core.Money paid);

    /**
     * Gives back the coupon uses and budget spending recorded under {@code key}, as when an unpaid order is
     * cancelled. Idempotent.
     *
     * @param key non-null key given to {@link #redeem}
     * @return true when this call gave something back; false when the key was released before or never recorded
     */
    boolean release(IdempotencyKey key);

    /**
     * Quotes a SKU on several channels and applies the rules' {@link ChannelConsistency} policy, if any: prices more
     * than the tolerance above the lowest are clamped down to the band (never below their floor) or reported.
     *
     * @param sku non-null
     * @param context the context (its channel is replaced by each of {@code channels}); non-null
     * @param channels at least one; non-null
     * @return the prices and any conflicts
     */
    ChannelPrices channelPrices(Sku sku, PricingContext context, java.util.List<io.github.omniretail.core.Channel>
            channels);

    /** @return the promotions in use */
    PromotionSet promotions();

    /**
     * Replaces the promotions.
     *
     * @param promotions non-null
     */
    void updatePromotions(PromotionSet promotions);

    /** @return the rules in use */
    PricingRules rules();

    /**
     * Replaces the rules; cached base prices are dropped at once.
     *
     * @param rules non-null, in the same currency
     */
    void updateRules(PricingRules rules);

    /** Builds a {@link PricingEngine}. Each setting may be set once. Not thread-safe. */
    final class Builder {
        Clock clock;
        PricingRules rules;
        TierLookup tiers;
        StockCoverLookup stockCover;
        io.github.omniretail.core.spi.LotView lots;
        PriceHistory history;
        long cacheSize = -1;
        PromotionSet promotions;
        PromotionLedger ledger;
        Boolean floorGuard;
        int exactBestDealLimit = -1;
        java.util.List<Experiment> experiments;
        ExperimentRecorder recorder;
        final java.util.Map<PriceStage, java.util.List<PriceAdjuster>> adjusters =
                new java.util.EnumMap<>(PriceStage.class);

        private Builder() {
        }

        /**
         * @param clock the time of publications; non-null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = once(this.clock, clock, "clock");
            return this;
        }

        /**
         * @param rules the initial rules; non-null
         * @return this builder
         */
        public Builder rules(PricingRules rules) {
            this.rules = once(this.rules, rules, "rules");
            return this;
        }

        /**
         * Member prices and tier-only promotions read each member's pricing tier here (the points ledger's
         * {@code TierPolicy} decides tiers; this only looks them up).
         *
         * @param lookup member → pricing tier (default: no tiers); non-null
         * @return this builder
         */
        public Builder tierLookup(TierLookup lookup) {
            this.tiers = once(this.tiers, lookup, "tierLookup");
            return this;
        }

        /**
         * @param lookup days of stock cover (default: unknown, no adjustment); non-null
         * @return this builder
         */
        public Builder stockCover(StockCoverLookup lookup) {
            this.stockCover = once(this.stockCover, lookup, "stockCover");
            return this;
        }

        /**
         * Where the shelf-life stage finds the batch a quote sells: for a quote at a node without an explicit
         * expiry date, the expiry of the lot a hold would take there now (usually {@code inventory.lotView()}).
         * Read only when the rules have shelf-life markdowns.
         *
         * @param lots the lot view (default: none; only {@code quote(sku, expires, context)} marks down); non-null
         * @return this builder
         */
        public Builder lotView(io.github.omniretail.core.spi.LotView lots) {
            this.lots = once(this.lots, lots, "lotView");
            return this;
        }

        /**
         * @param history published prices (default: a new in-memory history); non-null
         * @return this builder
         */
        public Builder priceHistory(PriceHistory history) {
            this.history = once(this.history, history, "priceHistory");
            return this;
        }

        /**
         * @param entries most cached (SKU, channel, node, tier) base prices (default 100,000; 0 disables)
         * @return this builder
         */
        public Builder cacheSize(long entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("cache size must be >= 0, was " + entries);
            }
            if (cacheSize >= 0) {
                throw new IllegalStateException("cacheSize was already set to " + cacheSize);
            }
            this.cacheSize = entries;
            return this;
        }

        /**
         * @param set the active promotions (default: none); non-null
         * @return this builder
         */
        public Builder promotions(PromotionSet set) {
            this.promotions = once(this.promotions, set, "promotions");
            return this;
        }

        /**
         * @param promotionLedger coupon uses and budgets (default: a new in-memory ledger); non-null
         * @return this builder
         */
        public Builder promotionLedger(PromotionLedger promotionLedger) {
            this.ledger = once(this.ledger, promotionLedger, "promotionLedger");
            return this;
        }

        /**
         * @param on whether promotions may not push a line below quantity × its floor (default true)
         * @return this builder
         */
        public Builder floorGuard(boolean on) {
            this.floorGuard = once(this.floorGuard, on, "floorGuard");
            return this;
        }

        /**
         * @param candidates best-deal searches every combination up to this many viable promotions (default 14,
         *     at most 20), and uses the greedy-and-swap heuristic beyond
         * @return this builder
         */
        public Builder exactBestDealLimit(int candidates) {
            if (candidates < 1 || candidates > 20) {
                throw new IllegalArgumentException("exact best-deal limit must be 1..20, was " + candidates);
            }
            if (exactBestDealLimit >= 0) {
                throw new IllegalStateException("exactBestDealLimit was already set to " + exactBestDealLimit);
            }
            this.exactBestDealLimit = candidates;
            return this;
        }

        /**
         * Plugs your own logic into a per-quote stage; several adjusters of a stage run in the order added.
         *
         * @param stage NEW_CUSTOMER, TIME_OF_DAY, SHELF_LIFE, STOCK_COVER or OPTIMISER; non-null
         * @param adjuster non-null
         * @return this builder
         * @throws IllegalArgumentException for the cached stages (BASE to MEMBER) and the guardrail and ending stages,
         *     which stay fixed so that guardrails always apply last
         */
        public Builder adjuster(PriceStage stage, PriceAdjuster adjuster) {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(adjuster, "adjuster");
            if (stage.compareTo(PriceStage.NEW_CUSTOMER) < 0 || stage.compareTo(PriceStage.OPTIMISER) > 0) {
                throw new IllegalArgumentException("adjusters plug into NEW_CUSTOMER..OPTIMISER, not " + stage
                        + " (BASE..MEMBER are cached per SKU, channel, node and tier; GUARDRAIL and ENDING stay last)");
            }
            adjusters.computeIfAbsent(stage, k -> new java.util.ArrayList<>()).add(adjuster);
            return this;
        }

        /**
         * @param running the experiments promotions may belong to ({@link Eligibility#inExperiment}); non-null
         * @return this builder
         */
        public Builder experiments(java.util.List<Experiment> running) {
            this.experiments = once(this.experiments, java.util.List.copyOf(running), "experiments");
            return this;
        }

        /**
         * @param experimentRecorder receives an exposure when a member's cart is quoted with an experiment's
         *     promotion in view, and a conversion when that quote is redeemed (default: none); non-null
         * @return this builder
         */
        public Builder experimentRecorder(ExperimentRecorder experimentRecorder) {
            this.recorder = once(this.recorder, experimentRecorder, "experimentRecorder");
            return this;
        }

        /**
         * @return the engine
         * @throws IllegalStateException if clock or rules is missing
         */
        public PricingEngine build() {
            if (clock == null || rules == null) {
                throw new IllegalStateException("clock and rules are required (clock=" + clock + ", rules=" + rules
                        + ")");
            }
            return new DefaultPricingEngine(this);
        }

        private static <T> T once(T current, T value, String name) {
            Objects.requireNonNull(value, name);
            if (current != null) {
                throw new IllegalStateException(name + " was already set to " + current);
            }
            return value;
        }
    }
}
