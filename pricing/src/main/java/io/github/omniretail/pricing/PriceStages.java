package io.github.omniretail.pricing;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.UnknownSkuException;
import io.github.omniretail.pricing.spi.PriceHistory;
import io.github.omniretail.pricing.spi.StockCoverLookup;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The price pipeline, one class per stage in {@link PriceStage} order. The key stages (base, channel, scene,
 * member) depend only on a {@link BaseKey} and are computed once per key by {@link #base} (the engine caches the
 * result); each per-quote stage is a {@link Stage} that, from the price so far, takes at most one
 * {@link PriceStep}. The engine runs {@link #pipeline} in order and plugs the caller's adjusters in after each
 * stage that admits them. Stages hold no per-quote state and are thread-safe.
 */
final class PriceStages {

    private PriceStages() {
    }

    /** What the key stages depend on (the cache key). */
    record BaseKey(Sku sku, ChannelId channel, Optional<NodeId> node, Optional<String> tier) {
    }

    /** The price after the key stages, with their steps; {@code afterScene} is the Omnibus reference. */
    record Base(Money listPrice, Money afterScene, Money price, List<PriceStep> steps) {
    }

    /** What a per-quote stage sees besides the price so far (the SKU's guardrail and floor looked up once). */
    record Input(Sku sku, PricingContext context, LocalDateTime local, Optional<LocalDate> expires,
            PricingRules rules, Guardrail guardrail, Optional<Money> floor) {

        Input(Sku sku, PricingContext context, LocalDateTime local, Optional<LocalDate> expires, PricingRules rules) {
            this(sku, context, local, expires, rules, rules.guardrail(sku));
        }

        private Input(Sku sku, PricingContext context, LocalDateTime local, Optional<LocalDate> expires,
                PricingRules rules, Guardrail guardrail) {
            this(sku, context, local, expires, rules, guardrail, guardrail.effectiveFloor());
        }
    }

    /** One per-quote price stage. */
    interface Stage {
        /** @return the stage it is */
        PriceStage stage();

        /**
         * @param in what the quote is for
         * @param price the price so far
         * @return the step this stage takes, if it changes the price
         */
        Optional<PriceStep> apply(Input in, Money price);

        /** Forgets anything derived from the previous rules (the engine calls it when the rules are replaced). */
        default void rulesChanged() {
        }
    }

    /**
     * The per-quote stages, in order. The engine calls them in this order through their concrete types (a call
     * site per stage, so the JIT inlines each; a loop over the interface would be a megamorphic call per stage).
     *
     * @param newCustomer first-order prices
     * @param timeOfDay time-of-day schedules
     * @param shelfLife shelf-life markdowns
     * @param stockCover stock-cover adjustment
     * @param optimiser price optimiser
     * @param guardrails guardrails
     * @param ending price ending
     */
    record Pipeline(NewCustomer newCustomer, TimeOfDay timeOfDay, ShelfLife shelfLife, StockCover stockCover,
            Optimiser optimiser, Guardrails guardrails, Ending ending) {

        /**
         * @param stockCover the stock-cover lookup
         * @param history the price history (guardrail reference)
         * @return the pipeline
         */
        static Pipeline of(StockCoverLookup stockCover, PriceHistory history) {
            return new Pipeline(new NewCustomer(), new TimeOfDay(), new ShelfLife(), new StockCover(stockCover),
                    new Optimiser(), new Guardrails(history), new Ending());
        }

        /** @return the stages in order */
        List<Stage> stages() {
            return List.of(newCustomer, timeOfDay, shelfLife, stockCover, optimiser, guardrails, ending);
        }
    }

    /** Stages BASE, CHANNEL, SCENE and MEMBER: functions of the key only. */
    static Base base(PricingRules rules, BaseKey key) {
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
            Money before = price;
            Money candidate = special.orElseGet(() -> discount.map(d -> off(before, d, rules)).orElse(null));
            if (candidate != null) {
                Money after = candidate.min(price);
                steps.add(new PriceStep(PriceStage.MEMBER, "tier:" + tier, price, after, special.isPresent()
                        ? "tier " + tier + " price " + candidate : "tier " + tier + ": -" + discount.get()));
                price = after;
            }
        }
        return new Base(list, afterScene, price, List.copyOf(steps));
    }

    static Money off(Money price, BasisPoints discount, PricingRules rules) {
        return price.timesFraction(BasisPoints.ONE_HUNDRED_PERCENT - discount.value(),
                BasisPoints.ONE_HUNDRED_PERCENT, rules.rounding());
    }

    /** First order: the SKU's new-customer price, else the rules' new-customer discount; never a rise. */
    static final class NewCustomer implements Stage {
        @Override
        public PriceStage stage() {
            return PriceStage.NEW_CUSTOMER;
        }

        @Override
        public Optional<PriceStep> apply(Input in, Money price) {
            if (!in.context().newCustomer()) {
                return Optional.empty();
            }
            Optional<Money> special = in.rules().newCustomerPrice(in.sku());
            Optional<BasisPoints> discount = in.rules().newCustomerDiscount();
            Money candidate = special.orElseGet(() -> discount.map(d -> off(price, d, in.rules())).orElse(null));
            if (candidate == null) {
                return Optional.empty();
            }
            return Optional.of(new PriceStep(PriceStage.NEW_CUSTOMER, special.isPresent() ? "new-customer:"
                    + in.sku() : "new-customer", price, candidate.min(price), special.isPresent()
                    ? "first-order price " + candidate : "first order: -" + discount.get()));
        }
    }

    /** The largest time-of-day discount whose window covers the node's local time and whose SKUs include this. */
    static final class TimeOfDay implements Stage {
        /** A schedule's reason text in a zone: formatted once, not per quote. */
        private record Reason(TimeOfDaySchedule schedule, ZoneId zone) {
        }

        private final ConcurrentHashMap<Reason, String> reasons = new ConcurrentHashMap<>();

        @Override
        public void rulesChanged() {
            reasons.clear();
        }

        @Override
        public PriceStage stage() {
            return PriceStage.TIME_OF_DAY;
        }

        @Override
        public Optional<PriceStep> apply(Input in, Money price) {
            TimeOfDaySchedule best = null;
            for (TimeOfDaySchedule schedule : in.rules().schedules()) {
                if (schedule.covers(in.local().toLocalTime())
                        && schedule.appliesTo(in.sku(), in.rules().categories(in.sku()))
                        && (best == null || schedule.discount().value() > best.discount().value())) {
                    best = schedule;
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            TimeOfDaySchedule schedule = best;
            String reason = reasons.computeIfAbsent(new Reason(schedule, in.context().zone()),
                    k -> schedule.reasonIn(k.zone()));
            return Optional.of(new PriceStep(PriceStage.TIME_OF_DAY, schedule.id(), price,
                    off(price, schedule.discount(), in.rules()), reason));
        }
    }

    /** For a batch with an expiry date: the largest markdown any matching shelf-life rule gives for its days left. */
    static final class ShelfLife implements Stage {
        @Override
        public PriceStage stage() {
            return PriceStage.SHELF_LIFE;
        }

        @Override
        public Optional<PriceStep> apply(Input in, Money price) {
            if (in.expires().isEmpty()) {
                return Optional.empty();
            }
            LocalDate expires = in.expires().get();
            long days = ChronoUnit.DAYS.between(in.local().toLocalDate(), expires);
            if (days < 0) {
                throw new IllegalArgumentException("batch of " + in.sku() + " expired on " + expires + ", before "
                        + in.local().toLocalDate());
            }
            ShelfLifeMarkdown bestRule = null;
            BasisPoints bestDiscount = null;
            for (ShelfLifeMarkdown markdown : in.rules().shelfLife()) {
                if (!markdown.categories().isEmpty()
                        && in.rules().categories(in.sku()).stream().noneMatch(markdown.categories()::contains)) {
                    continue;
                }
                Map.Entry<Integer, BasisPoints> step = markdown.byDaysToExpiry()
                        .ceilingEntry((int) Math.min(Integer.MAX_VALUE, days));
                if (step != null && (bestDiscount == null || step.getValue().value() > bestDiscount.value())) {
                    bestRule = markdown;
                    bestDiscount = step.getValue();
                }
            }
            if (bestRule == null) {
                return Optional.empty();
            }
            return Optional.of(new PriceStep(PriceStage.SHELF_LIFE, bestRule.id(), price,
                    off(price, bestDiscount, in.rules()), "expires " + expires + " (" + days + " days): -"
                            + bestDiscount));
        }
    }

    /** Up or down by the rules' stock-cover policy for the node's days of cover, when the lookup knows them. */
    static final class StockCover implements Stage {
        private final StockCoverLookup lookup;

        StockCover(StockCoverLookup lookup) {
            this.lookup = lookup;
        }

        @Override
        public PriceStage stage() {
            return PriceStage.STOCK_COVER;
        }

        @Override
        public Optional<PriceStep> apply(Input in, Money price) {
            if (in.rules().stockCover().isEmpty()) {
                return Optional.empty();
            }
            OptionalDouble cover = lookup.coverDays(in.sku(), in.context().node());
            if (cover.isEmpty()) {
                return Optional.empty();
            }
            int bp = in.rules().stockCover().get().adjustment(cover.getAsDouble());
            if (bp == 0) {
                return Optional.empty();
            }
            Money after = price.timesFraction(BasisPoints.ONE_HUNDRED_PERCENT + bp, BasisPoints.ONE_HUNDRED_PERCENT,
                    in.rules().rounding());
            return Optional.of(new PriceStep(PriceStage.STOCK_COVER, "stock-cover", price, after, String.format(
                    Locale.ROOT, "%.1f days of cover: %s%s", cover.getAsDouble(), bp > 0 ? "+" : "",
                    BasisPoints.of(bp))));
        }
    }

    /** The SKU's price optimiser's best price, when it has one. */
    static final class Optimiser implements Stage {
        @Override
        public PriceStage stage() {
            return PriceStage.OPTIMISER;
        }

        @Override
        public Optional<PriceStep> apply(Input in, Money price) {
            Optional<PriceOptimiser> optimiser = in.rules().optimiser(in.sku());
            if (optimiser.isEmpty()) {
                return Optional.empty();
            }
            PriceOptimiser o = optimiser.get();
            return Optional.of(new PriceStep(PriceStage.OPTIMISER, o.id(), price, o.bestPrice(),
                    o.objective().name().toLowerCase(Locale.ROOT) + "-maximising price on " + o.min() + ".."
                            + o.max() + " step " + o.step() + " (elasticity " + o.elasticity() + ")"));
        }
    }

    /**
     * The SKU's guardrail: at most its change per period from the price in effect then, at most its ceiling, at
     * least the minimum advertised price and its floor (cost plus minimum margin), in that order, each named.
     */
    static final class Guardrails implements Stage {
        private final PriceHistory history;

        Guardrails(PriceHistory history) {
            this.history = history;
        }

        @Override
        public PriceStage stage() {
            return PriceStage.GUARDRAIL;
        }

        @Override
        public Optional<PriceStep> apply(Input in, Money price) {
            Guardrail guardrail = in.guardrail();
            Optional<Money> floor = in.floor();
            Money guarded = price;
            List<String> why = new ArrayList<>();
            if (guardrail.maxChange().isPresent()) {
                Optional<Money> reference = history.inEffect(in.sku(), in.context().channel().id(),
                        in.context().at().minus(guardrail.period()));
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
            if (guardrail.minimumAdvertised().isPresent()
                    && guarded.isLessThan(guardrail.minimumAdvertised().get())) {
                why.add("minimum advertised price " + guardrail.minimumAdvertised().get());
                guarded = guardrail.minimumAdvertised().get();
            }
            if (floor.isPresent() && guarded.isLessThan(floor.get())) {
                why.add("floor " + floor.get() + (guardrail.cost().isPresent() ? " (cost " + guardrail.cost().get()
                        + " + " + guardrail.minimumMargin() + ")" : ""));
                guarded = floor.get();
            }
            if (why.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new PriceStep(PriceStage.GUARDRAIL, "guardrail:" + in.sku(), price, guarded,
                    String.join("; ", why)));
        }
    }

    /** The rules' price ending (e.g. .99), kept inside the guardrail's bounds. */
    static final class Ending implements Stage {
        private static final Map<PriceEnding, String> REASONS = new java.util.EnumMap<>(PriceEnding.class);

        static {
            for (PriceEnding e : PriceEnding.values()) {
                REASONS.put(e, "price ending " + e);
            }
        }

        @Override
        public PriceStage stage() {
            return PriceStage.ENDING;
        }

        @Override
        public Optional<PriceStep> apply(Input in, Money price) {
            PriceEnding ending = in.rules().ending();
            if (ending == PriceEnding.NONE) {
                return Optional.empty();
            }
            Guardrail guardrail = in.guardrail();
            Money ended = ended(price, ending, in.floor(), guardrail.ceiling(), guardrail.minimumAdvertised());
            if (ended.equals(price)) {
                return Optional.empty();
            }
            return Optional.of(new PriceStep(PriceStage.ENDING, "ending", price, ended, REASONS.get(ending)));
        }

        /**
         * The nearest price with the ending (ties to the lower), kept at or above the floor and the minimum
         * advertised price and at or below the ceiling; the other neighbour when the nearest breaks a bound; the
         * price unchanged when both do.
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
    }
}
