package io.github.omniretail.pricing;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.UnknownSkuException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.CurrencyMismatchException;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.pricing.spi.ExperimentRecorder;
import io.github.omniretail.pricing.spi.PriceAdjuster;
import io.github.omniretail.pricing.spi.PriceHistory;
import io.github.omniretail.pricing.spi.PromotionLedger;
import io.github.omniretail.pricing.spi.StockCoverLookup;
import io.github.omniretail.pricing.spi.TierLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The pipeline behind {@link PricingEngine}. Thread-safe: the rules and their cache are swapped together. */
final class DefaultPricingEngine implements PricingEngine {

    /** Omnibus look-back. */
    static final Duration OMNIBUS_WINDOW = Duration.ofDays(30);

    /** Rules with the cache computed from them and the promotions, swapped as one. */
    private record State(PricingRules rules, Cache<PriceStages.BaseKey, PriceStages.Base> cache,
            PromotionSet promotions) {
    }

    private final Clock clock;
    private final TierLookup tiers;
    private final StockCoverLookup stockCover;
    private final io.github.omniretail.core.spi.LotView lots;
    private final PriceHistory history;
    private final long cacheSize;
    private final PromotionLedger ledger;
    private final boolean floorGuard;
    private final int exactBestDealLimit;
    private final Map<String, Experiment> experiments;
    private final ExperimentRecorder recorder;
    private final Map<PriceStage, List<PriceAdjuster>> adjusters;
    private final PriceStages.Pipeline pipeline;
    private volatile State state;
    private final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder misses = new java.util.concurrent.atomic.LongAdder();

    DefaultPricingEngine(PricingEngine.Builder b) {
        this.clock = b.clock;
        this.tiers = b.tiers == null ? TierLookup.none() : b.tiers;
        this.stockCover = b.stockCover == null ? StockCoverLookup.none() : b.stockCover;
        this.lots = b.lots;
        this.history = b.history == null ? PriceHistory.inMemory() : b.history;
        this.cacheSize = b.cacheSize < 0 ? 100_000 : b.cacheSize;
        this.ledger = b.ledger == null ? PromotionLedger.inMemory() : b.ledger;
        this.floorGuard = b.floorGuard == null || b.floorGuard;
        this.exactBestDealLimit = b.exactBestDealLimit < 0 ? 14 : b.exactBestDealLimit;
        Map<String, Experiment> running = new java.util.HashMap<>();
        if (b.experiments != null) {
            for (Experiment e : b.experiments) {
                if (running.put(e.id(), e) != null) {
                    throw new IllegalArgumentException("experiment id " + e.id() + " is used twice");
                }
            }
        }
        this.experiments = Map.copyOf(running);
        this.recorder = b.recorder;
        Map<PriceStage, List<PriceAdjuster>> plugged = new java.util.EnumMap<>(PriceStage.class);
        b.adjusters.forEach((stage, list) -> plugged.put(stage, List.copyOf(list)));
        this.adjusters = plugged;
        this.pipeline = PriceStages.Pipeline.of(stockCover, history);
        this.state = new State(b.rules, newCache(), b.promotions == null ? PromotionSet.empty() : b.promotions);
    }

    private Cache<PriceStages.BaseKey, PriceStages.Base> newCache() {
        return Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    @Override
    public CacheStatistics cacheStatistics() {
        return new CacheStatistics(hits.sum(), misses.sum());
    }

    @Override
    public ItemQuote quote(Sku sku, PricingContext context) {
        return quote(sku, Optional.empty(), context);
    }

    @Override
    public ItemQuote quote(Sku sku, LocalDate expires, PricingContext context) {
        return quote(sku, Optional.of(Objects.requireNonNull(expires, "expires")), context);
    }

    private ItemQuote quote(Sku sku, Optional<LocalDate> expires, PricingContext context) {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(context, "context");
        return quote(state, sku, expires, context, context.member().flatMap(tiers::tierOf));
    }

    private ItemQuote quote(State current, Sku sku, Optional<LocalDate> expires, PricingContext context,
            Optional<String> tier) {
        PricingRules rules = current.rules();
        if (expires.isEmpty() && lots != null && context.node().isPresent() && !rules.shelfLife().isEmpty()) {
            expires = lots.nextExpiry(sku, context.node().get(), context.channel())
                    .map(at -> io.github.omniretail.core.spi.LotView.lastDay(at, context.zone()));
        }
        PriceStages.BaseKey key = new PriceStages.BaseKey(sku, context.channel().id(), context.node(), tier);
        PriceStages.Base base;
        if (cacheSize == 0) {
            misses.increment();
            base = PriceStages.base(rules, key);
        } else if ((base = current.cache().getIfPresent(key)) != null) {
            hits.increment();
        } else {
            misses.increment();
            base = current.cache().get(key, k -> PriceStages.base(rules, k));
        }
        List<PriceStep> steps = new ArrayList<>(base.steps());
        Money price = base.price();
        PriceStages.Input in = new PriceStages.Input(sku, context, LocalDateTime.ofInstant(context.at(),
                context.zone()), expires, rules);
        PriceStages.Pipeline stages = pipeline;
        price = plugged(PriceStage.NEW_CUSTOMER, sku, take(stages.newCustomer().apply(in, price), price, steps),
                context, steps);
        price = plugged(PriceStage.TIME_OF_DAY, sku, take(stages.timeOfDay().apply(in, price), price, steps),
                context, steps);
        price = plugged(PriceStage.SHELF_LIFE, sku, take(stages.shelfLife().apply(in, price), price, steps),
                context, steps);
        price = plugged(PriceStage.STOCK_COVER, sku, take(stages.stockCover().apply(in, price), price, steps),
                context, steps);
        price = plugged(PriceStage.OPTIMISER, sku, take(stages.optimiser().apply(in, price), price, steps),
                context, steps);
        price = take(stages.guardrails().apply(in, price), price, steps);
        price = take(stages.ending().apply(in, price), price, steps);
        Optional<Money> floor = in.floor();

        Optional<Money> lowest = Optional.empty();
        Money shown = price;
        if (price.isLessThan(base.afterScene()) || history.inEffect(sku, context.channel().id(), context.at())
                .filter(shown::isLessThan).isPresent()) {
            lowest = history.lowest(sku, context.channel().id(), context.at().minus(OMNIBUS_WINDOW), context.at());
        }
        String hash = hash(rules.version(), sku, context, tier, expires, price, steps);
        return new ItemQuote(sku, context.channel(), context.at(), base.listPrice(), price, steps, floor, lowest,
                rules.version(), hash);
    }

    /** The price after a stage's step, if it took one (recorded). */
    private static Money take(Optional<PriceStep> step, Money price, List<PriceStep> steps) {
        if (step.isEmpty()) {
            return price;
        }
        steps.add(step.get());
        return step.get().after();
    }

    /** Runs the adjusters plugged into a stage, recording each change. */
    private Money plugged(PriceStage stage, Sku sku, Money price, PricingContext context, List<PriceStep> steps) {
        if (adjusters.isEmpty()) {
            return price;
        }
        List<PriceAdjuster> list = adjusters.get(stage);
        if (list == null) {
            return price;
        }
        Money current = price;
        for (PriceAdjuster adjuster : list) {
            Optional<PriceAdjuster.Adjustment> adjustment = adjuster.adjust(sku, current, context);
            if (adjustment.isPresent()) {
                Money after = adjustment.get().price();
                if (!after.currency().equals(current.currency())) {
                    throw new CurrencyMismatchException(current.currency(), after.currency());
                }
                steps.add(new PriceStep(stage, adjustment.get().rule(), current, after, adjustment.get().reason()));
                current = after;
            }
        }
        return current;
    }

    private static String hash(String version, Sku sku, PricingContext context, Optional<String> tier,
            Optional<LocalDate> expires, Money price, List<PriceStep> steps) {
        QuoteHash h = new QuoteHash().add(version).add(sku.value()).add(context.channel().id().value())
                .add(context.node().map(NodeId::value).orElse("")).add(tier.orElse("")).add(context.newCustomer() ? 1 : 0)
                .add(expires.map(LocalDate::toEpochDay).orElse(Long.MIN_VALUE)).add(price.minorUnits());
        for (PriceStep step : steps) {
            h.add(step.stage().ordinal()).add(step.rule()).add(step.after().minorUnits());
        }
        return h.hex();
    }


    @Override
    public boolean verify(ItemQuote quote, PricingContext context) {
        Objects.requireNonNull(quote, "quote");
        if (!quote.rulesVersion().equals(state.rules().version())) {
            return false;
        }
        try {
            return quote(quote.sku(), context).hash().equals(quote.hash());
        } catch (UnknownSkuException e) {
            return false;
        }
    }

    @Override
    public void publish(ItemQuote quote) {
        Objects.requireNonNull(quote, "quote");
        history.record(quote.sku(), quote.channel().id(), clock.instant(), quote.price());
    }

    @Override
    public CartQuote quote(Cart cart, PricingContext context, StackingMode mode) {
        Objects.requireNonNull(cart, "cart");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(mode, "mode");
        State current = state;
        PricingRules rules = current.rules();
        if (!cart.shipping().currency().equals(rules.currency())) {
            throw new CurrencyMismatchException(rules.currency(), cart.shipping().currency());
        }
        Optional<String> tier = context.member().flatMap(tiers::tierOf);
        List<LineQuote> gross = new ArrayList<>(cart.lines().size());
        List<Sku> skus = new ArrayList<>(cart.lines().size());
        for (Cart.Line line : cart.lines()) {
            ItemQuote item = quote(current, line.sku(), Optional.empty(), context, tier);
            Money amount = item.price().times(line.quantity());
            gross.add(new LineQuote(item, line.quantity(), amount, Map.of(), amount));
            skus.add(line.sku());
        }
        List<Promotion> candidates = current.promotions().candidates(skus, rules);
        PromotionCalculator calculator = new PromotionCalculator(gross, cart.shipping().minorUnits(), candidates,
                context, tier, rules, ledger, cart.couponCodes(), floorGuard, experiments);
        Map<String, String> variants = new java.util.TreeMap<>();
        if (context.member().isPresent()) {
            for (Promotion p : candidates) {
                p.eligibility().experiment().map(arm -> experiments.get(arm.experimentId())).ifPresent(e ->
                        variants.put(e.id(), e.variantOf(context.member().get())));
            }
            if (recorder != null) {
                variants.forEach((id, variant) -> recorder.exposed(id, variant, context.member().get(),
                        context.at()));
            }
        }
        PromotionCalculator.Outcome outcome = mode == StackingMode.PRIORITY ? calculator.applyAll()
                : calculator.bestDeal(exactBestDealLimit);
        List<LineQuote> lines = new ArrayList<>(gross.size());
        long subtotal = 0;
        long discount = 0;
        for (int i = 0; i < gross.size(); i++) {
            LineQuote line = gross.get(i);
            Map<String, Money> byPromotion = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : outcome.lineDiscounts().entrySet()) {
                if (e.getValue()[i] != 0) {
                    byPromotion.put(e.getKey(), Money.ofMinor(e.getValue()[i], rules.currency()));
                }
            }
            Money net = Money.ofMinor(outcome.net()[i], rules.currency());
            lines.add(new LineQuote(line.item(), line.quantity(), line.amount(), byPromotion, net));
            subtotal = Math.addExact(subtotal, line.amount().minorUnits());
            discount += line.amount().minorUnits() - outcome.net()[i];
        }
        Money shippingDiscount = Money.ofMinor(outcome.shippingDiscount(), rules.currency());
        Money total = Money.ofMinor(subtotal - discount, rules.currency()).plus(cart.shipping()).minus(shippingDiscount);
        QuoteHash h = new QuoteHash().add(mode.ordinal()).add(current.promotions().version());
        cart.couponCodes().stream().sorted().forEach(h::add);
        for (LineQuote line : lines) {
            h.add(line.item().hash()).add(line.quantity()).add(line.net().minorUnits());
        }
        for (AppliedPromotion a : outcome.applied()) {
            h.add(a.promotionId()).add(a.amount().minorUnits());
        }
        h.add(shippingDiscount.minorUnits()).add(total.minorUnits());
        return new CartQuote(lines, Money.ofMinor(subtotal, rules.currency()), Money.ofMinor(discount,
                rules.currency()), cart.shipping(), shippingDiscount, total, outcome.applied(), outcome.rejected(),
                rejectedCoupons(cart, current.promotions(), candidates, outcome), mode, rules.version(),
                current.promotions().version(), h.hex(), variants,
                DepositTerms.of(candidates, outcome.lineDiscounts(), gross, total));
    }

    /** Every entered code that took nothing off: unknown, for items not in the cart, or its promotion rejected. */
    private static List<RejectedCoupon> rejectedCoupons(Cart cart, PromotionSet promotions,
            List<Promotion> candidates, PromotionCalculator.Outcome outcome) {
        if (cart.couponCodes().isEmpty()) {
            return List.of();
        }
        List<RejectedCoupon> out = new ArrayList<>();
        for (String code : new java.util.TreeSet<>(cart.couponCodes())) {
            List<Promotion> redeeming = promotions.promotions().stream().filter(p -> p.coupon().isPresent()
                    && p.coupon().get().code().equals(code)).toList();
            if (redeeming.isEmpty()) {
                out.add(new RejectedCoupon(code, "unknown coupon code"));
                continue;
            }
            if (redeeming.stream().anyMatch(p -> outcome.applied().stream()
                    .anyMatch(a -> a.promotionId().equals(p.id())))) {
                continue;
            }
            List<String> why = new ArrayList<>();
            for (Promotion p : redeeming) {
                Optional<RejectedPromotion> rejected = outcome.rejected().stream()
                        .filter(r -> r.promotionId().equals(p.id())).findFirst();
                if (rejected.isPresent()) {
                    why.add("promotion " + p.id() + " not applied: " + rejected.get().reason());
                } else if (!candidates.contains(p)) {
                    why.add("promotion " + p.id() + " (" + p.name() + ") applies to none of the items in the cart");
                } else {
                    why.add("promotion " + p.id() + " took nothing off");
                }
            }
            out.add(new RejectedCoupon(code, String.join("; ", why)));
        }
        return out;
    }

    @Override
    public boolean verify(CartQuote quote, Cart cart, PricingContext context) {
        Objects.requireNonNull(quote, "quote");
        State current = state;
        if (!quote.rulesVersion().equals(current.rules().version())
                || !quote.promotionsVersion().equals(current.promotions().version())) {
            return false;
        }
        try {
            return quote(cart, context, quote.mode()).hash().equals(quote.hash());
        } catch (UnknownSkuException e) {
            return false;
        }
    }

    @Override
    public boolean redeem(IdempotencyKey key, CartQuote quote, PricingContext context) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(context, "context");
        Map<String, Promotion> byId = new java.util.HashMap<>();
        for (Promotion p : state.promotions().promotions()) {
            byId.put(p.id(), p);
        }
        List<PromotionLedger.Redemption> redemptions = new ArrayList<>();
        for (AppliedPromotion applied : quote.applied()) {
            Promotion p = byId.get(applied.promotionId());
            if (p == null) {
                return false; // the promotion was withdrawn since the quote
            }
            redemptions.add(new PromotionLedger.Redemption(p.id(), applied.amount().minorUnits(),
                    p.budget().map(Money::minorUnits), p.coupon().map(Coupon::code),
                    p.coupon().flatMap(Coupon::maxUses), p.coupon().flatMap(Coupon::perMemberLimit)));
        }
        return ledger.redeem(key, redemptions, context.member()) != PromotionLedger.Outcome.REFUSED;
    }

    @Override
    public void converted(CartQuote quote, PricingContext context, Money paid) {
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(paid, "paid");
        if (recorder != null && context.member().isPresent()) {
            quote.experiments().forEach((id, variant) -> recorder.converted(id, variant, context.member().get(), paid,
                    clock.instant()));
        }
    }

    @Override
    public boolean release(IdempotencyKey key) {
        return ledger.release(Objects.requireNonNull(key, "key"));
    }

    @Override
    public ChannelPrices channelPrices(Sku sku, PricingContext context, List<Channel> channels) {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(context, "context");
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("channelPrices needs at least one channel");
        }
        State current = state;
        Optional<String> tier = context.member().flatMap(tiers::tierOf);
        Map<ChannelId, ItemQuote> quotes = new java.util.LinkedHashMap<>();
        List<ChannelId> ids = new ArrayList<>();
        for (Channel channel : channels) {
            PricingContext on = new PricingContext(channel, context.node(), context.zone(), context.at(),
                    context.member(), context.newCustomer());
            quotes.put(channel.id(), quote(current, sku, Optional.empty(), on, tier));
            ids.add(channel.id());
        }
        Map<ChannelId, Money> prices = new java.util.LinkedHashMap<>();
        quotes.forEach((c, q) -> prices.put(c, q.price()));
        Optional<ChannelConsistency> policy = current.rules().channelConsistency();
        if (policy.isEmpty() || policy.get().exempt().contains(sku)) {
            return new ChannelPrices(sku, prices, List.of(), false);
        }
        ChannelId lowestChannel = ids.get(0);
        for (ChannelId c : ids) {
            if (prices.get(c).isLessThan(prices.get(lowestChannel))) {
                lowestChannel = c;
            }
        }
        Money lowest = prices.get(lowestChannel);
        BasisPoints tolerance = policy.get().tolerance();
        Money top = lowest.timesFraction(BasisPoints.ONE_HUNDRED_PERCENT + tolerance.value(),
                BasisPoints.ONE_HUNDRED_PERCENT, java.math.RoundingMode.FLOOR);
        List<String> conflicts = new ArrayList<>();
        boolean clamped = false;
        for (ChannelId c : ids) {
            Money price = prices.get(c);
            if (price.isGreaterThan(top)) {
                String above = lowest.isZero() ? "above" : String.format(java.util.Locale.ROOT, "%.2f%% above",
                        (price.minorUnits() - lowest.minorUnits()) * 100.0 / lowest.minorUnits());
                conflicts.add(c + " " + price.amountString() + " is " + above + " " + lowestChannel + " "
                        + lowest.amountString() + " (band " + tolerance + ")");
                if (policy.get().clamp()) {
                    Money floor = quotes.get(c).floor().orElse(Money.zero(price.currency()));
                    prices.put(c, top.max(floor));
                    clamped = true;
                }
            }
        }
        return new ChannelPrices(sku, prices, conflicts, clamped);
    }

    @Override
    public PromotionSet promotions() {
        return state.promotions();
    }

    @Override
    public void updatePromotions(PromotionSet promotions) {
        Objects.requireNonNull(promotions, "promotions");
        synchronized (this) {
            State current = state;
            state = new State(current.rules(), current.cache(), promotions);
        }
    }

    @Override
    public PricingRules rules() {
        return state.rules();
    }

    @Override
    public void updateRules(PricingRules rules) {
        Objects.requireNonNull(rules, "rules");
        synchronized (this) {
            State current = state;
            if (!rules.currency().equals(current.rules().currency())) {
                throw new CurrencyMismatchException(current.rules().currency(), rules.currency());
            }
            state = new State(rules, newCache(), current.promotions());
            pipeline.stages().forEach(PriceStages.Stage::rulesChanged);
        }
    }
}
