package io.github.omniretail.pricing;

import io.github.omniretail.core.UnknownSkuException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.CurrencyMismatchException;
import io.github.omniretail.core.IdempotencyKey;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/** The pipeline behind {@link PricingEngine}. Thread-safe: the rules and their cache are swapped together. */
final class DefaultPricingEngine implements PricingEngine {

    private static final Map<PriceEnding, String> ENDING_REASONS = new java.util.EnumMap<>(PriceEnding.class);

    static {
        for (PriceEnding e : PriceEnding.values()) {
            ENDING_REASONS.put(e, "price ending " + e);
        }
    }

    /** A schedule's reason text in a zone: formatted once, not per quote. */
    private record ScheduleReason(TimeOfDaySchedule schedule, java.time.ZoneId zone) {
    }

    private final java.util.concurrent.ConcurrentHashMap<ScheduleReason, String> reasons =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Omnibus look-back. */
    static final Duration OMNIBUS_WINDOW = Duration.ofDays(30);

    private record BaseKey(Sku sku, ChannelId channel, Optional<NodeId> node, Optional<String> tier) {
    }

    /** The price after stages BASE..MEMBER with their steps. */
    private record Base(Money listPrice, Money afterScene, Money price, List<PriceStep> steps) {
    }

    /** Rules with the cache computed from them and the promotions, swapped as one. */
    private record State(PricingRules rules, Cache<BaseKey, Base> cache, PromotionSet promotions) {
    }

    private final Clock clock;
    private final TierLookup tiers;
    private final StockCoverLookup stockCover;
    private final PriceHistory history;
    private final long cacheSize;
    private final PromotionLedger ledger;
    private final boolean floorGuard;
    private final int exactBestDealLimit;
    private final Map<String, Experiment> experiments;
    private final ExperimentRecorder recorder;
    private final Map<PriceStage, List<PriceAdjuster>> adjusters;
    private volatile State state;

    DefaultPricingEngine(PricingEngine.Builder b) {
        this.clock = b.clock;
        this.tiers = b.tiers == null ? TierLookup.none() : b.tiers;
        this.stockCover = b.stockCover == null ? StockCoverLookup.none() : b.stockCover;
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
        this.state = new State(b.rules, newCache(), b.promotions == null ? PromotionSet.empty() : b.promotions);
    }

    private Cache<BaseKey, Base> newCache() {
        return Caffeine.newBuilder().maximumSize(cacheSize).build();
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
        BaseKey key = new BaseKey(sku, context.channel(), context.node(), tier);
        Base base = cacheSize == 0 ? base(rules, key) : current.cache().get(key, k -> base(rules, k));
        List<PriceStep> steps = new ArrayList<>(base.steps());
        Money price = base.price();
        LocalDateTime local = LocalDateTime.ofInstant(context.at(), context.zone());

        if (context.newCustomer()) {
            Optional<Money> special = rules.newCustomerPrice(sku);
            Optional<BasisPoints> discount = rules.newCustomerDiscount();
            Money before = price;
            Money candidate = special.orElseGet(() -> discount.map(d -> off(before, d, rules)).orElse(null));
            if (candidate != null) {
                Money after = candidate.min(price);
                steps.add(new PriceStep(PriceStage.NEW_CUSTOMER, special.isPresent() ? "new-customer:" + sku
                        : "new-customer", price, after, special.isPresent() ? "first-order price " + candidate
                        : "first order: -" + discount.get()));
                price = after;
            }
        }

        price = plugged(PriceStage.NEW_CUSTOMER, sku, price, context, steps);

        TimeOfDaySchedule bestSchedule = null;
        for (TimeOfDaySchedule schedule : rules.schedules()) {
            if (schedule.covers(local.toLocalTime()) && schedule.appliesTo(sku, rules.categories(sku))
                    && (bestSchedule == null || schedule.discount().value() > bestSchedule.discount().value())) {
                bestSchedule = schedule;
            }
        }
        if (bestSchedule != null) {
            Money after = off(price, bestSchedule.discount(), rules);
            TimeOfDaySchedule schedule = bestSchedule;
            String reason = reasons.computeIfAbsent(new ScheduleReason(schedule, context.zone()),
                    k -> schedule.reasonIn(k.zone()));
            steps.add(new PriceStep(PriceStage.TIME_OF_DAY, schedule.id(), price, after, reason));
            price = after;
        }

        price = plugged(PriceStage.TIME_OF_DAY, sku, price, context, steps);

        if (expires.isPresent()) {
            long days = ChronoUnit.DAYS.between(local.toLocalDate(), expires.get());
            if (days < 0) {
                throw new IllegalArgumentException("batch of " + sku + " expired on " + expires.get() + ", before "
                        + local.toLocalDate());
            }
            ShelfLifeMarkdown bestRule = null;
            BasisPoints bestDiscount = null;
            for (ShelfLifeMarkdown markdown : rules.shelfLife()) {
                if (!markdown.categories().isEmpty()
                        && rules.categories(sku).stream().noneMatch(markdown.categories()::contains)) {
                    continue;
                }
                Map.Entry<Integer, BasisPoints> step = markdown.byDaysToExpiry()
                        .ceilingEntry((int) Math.min(Integer.MAX_VALUE, days));
                if (step != null && (bestDiscount == null || step.getValue().value() > bestDiscount.value())) {
                    bestRule = markdown;
                    bestDiscount = step.getValue();
                }
            }
            if (bestRule != null) {
                Money after = off(price, bestDiscount, rules);
                steps.add(new PriceStep(PriceStage.SHELF_LIFE, bestRule.id(), price, after, "expires " + expires.get()
                        + " (" + days + " days): -" + bestDiscount));
                price = after;
            }
        }

        price = plugged(PriceStage.SHELF_LIFE, sku, price, context, steps);

        if (rules.stockCover().isPresent()) {
            OptionalDouble cover = stockCover.coverDays(sku, context.node());
            if (cover.isPresent()) {
                int bp = rules.stockCover().get().adjustment(cover.getAsDouble());
                if (bp != 0) {
                    Money after = price.timesFraction(BasisPoints.ONE_HUNDRED_PERCENT + bp,
                            BasisPoints.ONE_HUNDRED_PERCENT, rules.rounding());
                    steps.add(new PriceStep(PriceStage.STOCK_COVER, "stock-cover", price, after, String.format(
                            java.util.Locale.ROOT, "%.1f days of cover: %s%s", cover.getAsDouble(), bp > 0 ? "+" : "",
                            BasisPoints.of(bp))));
                    price = after;
                }
            }
        }

        price = plugged(PriceStage.STOCK_COVER, sku, price, context, steps);

        Optional<PriceOptimiser> optimiser = rules.optimiser(sku);
        if (optimiser.isPresent()) {
            Money best = optimiser.get().bestPrice();
            steps.add(new PriceStep(PriceStage.OPTIMISER, optimiser.get().id(), price, best,
                    optimiser.get().objective().name().toLowerCase(java.util.Locale.ROOT) + "-maximising price on "
                            + optimiser.get().min() + ".." + optimiser.get().max() + " step " + optimiser.get().step()
                            + " (elasticity " + optimiser.get().elasticity() + ")"));
            price = best;
        }

        price = plugged(PriceStage.OPTIMISER, sku, price, context, steps);

        Guardrail guardrail = rules.guardrail(sku);
        Optional<Money> floor = guardrail.effectiveFloor();
        Money guarded = price;
        List<String> why = new ArrayList<>();
        if (guardrail.maxChange().isPresent()) {
            Optional<Money> reference = history.inEffect(sku, context.channel(), context.at().minus(guardrail.period()));
            if (reference.isPresent()) {
                int change = guardrail.maxChange().get().value();
                Money low = reference.get().timesFraction(BasisPoints.ONE_HUNDRED_PERCENT - change,
                        BasisPoints.ONE_HUNDRED_PERCENT, java.math.RoundingMode.CEILING);
                Money high = reference.get().timesFraction(BasisPoints.ONE_HUNDRED_PERCENT + change,
                        BasisPoints.ONE_HUNDRED_PERCENT, java.math.RoundingMode.FLOOR);
                if (guarded.isLessThan(low)) {
                    why.add("at most -" + guardrail.maxChange().get() + " per " + guardrail.period() + " from "
                            + reference.get());
                    guarded = low;
                } else if (guarded.isGreaterThan(high)) {
                    why.add("at most +" + guardrail.maxChange().get() + " per " + guardrail.period() + " from "
                            + reference.get());
                    guarded = high;
                }
            }
        }
        if (guardrail.ceiling().isPresent() && guarded.isGreaterThan(guardrail.ceiling().get())) {
            why.add("ceiling " + guardrail.ceiling().get());
            guarded = guardrail.ceiling().get();
        }
        if (guardrail.minimumAdvertised().isPresent() && guarded.isLessThan(guardrail.minimumAdvertised().get())) {
            why.add("minimum advertised price " + guardrail.minimumAdvertised().get());
            guarded = guardrail.minimumAdvertised().get();
        }
        if (floor.isPresent() && guarded.isLessThan(floor.get())) {
            why.add("floor " + floor.get() + (guardrail.cost().isPresent() ? " (cost " + guardrail.cost().get()
                    + " + " + guardrail.minimumMargin() + ")" : ""));
            guarded = floor.get();
        }
        if (!why.isEmpty()) {
            steps.add(new PriceStep(PriceStage.GUARDRAIL, "guardrail:" + sku, price, guarded, String.join("; ", why)));
            price = guarded;
        }

        PriceEnding ending = rules.ending();
        if (ending != PriceEnding.NONE) {
            Money ended = ended(price, ending, floor, guardrail.ceiling(), guardrail.minimumAdvertised());
            if (!ended.equals(price)) {
                steps.add(new PriceStep(PriceStage.ENDING, "ending", price, ended, ENDING_REASONS.get(ending)));
                price = ended;
            }
        }

        Optional<Money> lowest = Optional.empty();
        Money shown = price;
        if (price.isLessThan(base.afterScene()) || history.inEffect(sku, context.channel(), context.at())
                .filter(shown::isLessThan).isPresent()) {
            lowest = history.lowest(sku, context.channel(), context.at().minus(OMNIBUS_WINDOW), context.at());
        }
        String hash = hash(rules.version(), sku, context, tier, expires, price, steps);
        return new ItemQuote(sku, context.channel(), context.at(), base.listPrice(), price, steps, floor, lowest,
                rules.version(), hash);
    }

    /** Runs the adjusters plugged into a stage, recording each change. */
    private Money plugged(PriceStage stage, Sku sku, Money price, PricingContext context, List<PriceStep> steps) {
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

    /** Stages BASE, CHANNEL, SCENE, MEMBER: functions of the key only. */
    private Base base(PricingRules rules, BaseKey key) {
        Sku sku = key.sku();
        Money list = rules.listPrice(sku).orElseThrow(() -> new UnknownSkuException(sku,
                "no list price in rules version " + rules.version()));
        List<PriceStep> steps = new ArrayList<>(4);
        steps.add(new PriceStep(PriceStage.BASE, "list:" + sku, list, list, "list price"));
        Money price = list;
        Optional<Money> channelPrice = rules.channelPrice(sku, key.channel());
        if (channelPrice.isPresent()) {
            steps.add(new PriceStep(PriceStage.CHANNEL, "channel:" + key.channel(), price, channelPrice.get(),
                    "price on channel " + key.channel()));
            price = channelPrice.get();
        }
        if (key.node().isPresent()) {
            Optional<BasisPoints> scene = rules.scene(key.node().get());
            if (scene.isPresent()) {
                Money after = price.timesFraction(BasisPoints.ONE_HUNDRED_PERCENT + scene.get().value(),
                        BasisPoints.ONE_HUNDRED_PERCENT, rules.rounding());
                steps.add(new PriceStep(PriceStage.SCENE, "scene:" + key.node().get(), price, after, "node "
                        + key.node().get() + ": " + (scene.get().value() > 0 ? "+" : "") + scene.get()));
                price = after;
            }
        }
        Money afterScene = price;
        if (key.tier().isPresent()) {
            String tier = key.tier().get();
            Optional<Money> special = rules.tierPrice(tier, sku);
            Optional<BasisPoints> discount = rules.tierDiscount(tier);
            Money base = price;
            Money candidate = special.orElseGet(() -> discount.map(d -> off(base, d, rules)).orElse(null));
            if (candidate != null) {
                Money after = candidate.min(price);
                steps.add(new PriceStep(PriceStage.MEMBER, "tier:" + tier, price, after, special.isPresent()
                        ? "tier " + tier + " price " + candidate : "tier " + tier + ": -" + discount.get()));
                price = after;
            }
        }
        return new Base(list, afterScene, price, List.copyOf(steps));
    }

    private static Money off(Money price, BasisPoints discount, PricingRules rules) {
        return price.timesFraction(BasisPoints.ONE_HUNDRED_PERCENT - discount.value(), BasisPoints.ONE_HUNDRED_PERCENT,
                rules.rounding());
    }

    /**
     * The nearest price with the ending (ties to the lower), kept at or above the floor and the minimum advertised
     * price and at or below the ceiling; the other neighbour when the nearest breaks a bound; the price unchanged
     * when both do.
     */
    static Money ended(Money price, PriceEnding ending, Optional<Money> floor, Optional<Money> ceiling,
            Optional<Money> advertised) {
        int scale = price.scale();
        long minor = price.minorUnits();
        long low = Math.max(0, Math.max(floor.map(Money::minorUnits).orElse(0L),
                advertised.map(Money::minorUnits).orElse(0L)));
        long high = ceiling.map(Money::minorUnits).orElse(Long.MAX_VALUE);
        long down = ending.down(minor, scale);
        long up = ending.up(minor, scale);
        long first = minor - down <= up - minor ? down : up;
        long second = first == down ? up : down;
        for (long candidate : new long[] {first, second}) {
            if (candidate >= low && candidate <= high) {
                return Money.ofMinor(candidate, price.currency());
            }
        }
        return price;
    }

    private static String hash(String version, Sku sku, PricingContext context, Optional<String> tier,
            Optional<LocalDate> expires, Money price, List<PriceStep> steps) {
        QuoteHash h = new QuoteHash().add(version).add(sku.value()).add(context.channel().value())
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
        history.record(quote.sku(), quote.channel(), clock.instant(), quote.price());
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
                current.promotions().version(), h.hex(), variants);
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
    public ChannelPrices channelPrices(Sku sku, PricingContext context, List<ChannelId> channels) {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(context, "context");
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("channelPrices needs at least one channel");
        }
        State current = state;
        Optional<String> tier = context.member().flatMap(tiers::tierOf);
        Map<ChannelId, ItemQuote> quotes = new java.util.LinkedHashMap<>();
        for (ChannelId channel : channels) {
            PricingContext on = new PricingContext(channel, context.node(), context.zone(), context.at(),
                    context.member(), context.newCustomer());
            quotes.put(channel, quote(current, sku, Optional.empty(), on, tier));
        }
        Map<ChannelId, Money> prices = new java.util.LinkedHashMap<>();
        quotes.forEach((c, q) -> prices.put(c, q.price()));
        Optional<ChannelConsistency> policy = current.rules().channelConsistency();
        if (policy.isEmpty() || policy.get().exempt().contains(sku)) {
            return new ChannelPrices(sku, prices, List.of(), false);
        }
        ChannelId lowestChannel = channels.get(0);
        for (ChannelId c : channels) {
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
        for (ChannelId c : channels) {
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
            reasons.clear();
        }
    }
}
