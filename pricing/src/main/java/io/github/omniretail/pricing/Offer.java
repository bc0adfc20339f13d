package io.github.omniretail.pricing;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a {@link Promotion} gives. Each kind validates itself; amounts must be in the rules' currency. */
public sealed interface Offer {

    /**
     * What applying an offer gave: it took something off (what {@link OfferLines} recorded), with the explanation a
     * quote shows, or it was refused, with the reason.
     *
     * @param applied whether the offer took anything off
     * @param reason non-null explanation (applied) or refusal (not applied)
     */
    record Result(boolean applied, String reason) {
        /**
         * Validates.
         *
         * @param applied whether the offer applied
         * @param reason non-null
         */
        public Result {
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * @param why non-null explanation
         * @return an applied result
         */
        public static Result applied(String why) {
            return new Result(true, why);
        }

        /**
         * @param why non-null reason
         * @return a refusal
         */
        public static Result refused(String why) {
            return new Result(false, why);
        }
    }

    /**
     * Computes this offer's discount on {@code lines}: records each line's share there ({@link OfferLines#take},
     * {@link OfferLines#spread}) and says why, or refuses and says why not (then nothing recorded counts). The
     * engine caps the result at floor prices and the promotion's budget afterwards. Deterministic and free of
     * side effects besides {@code lines}.
     *
     * @param lines non-null the cart as this promotion sees it
     * @return what happened
     */
    Result apply(OfferLines lines);

    /**
     * Spend at least X on the target lines, get Y off (满200减50); several tiers pick the highest reached
     * (满200减50 / 满300减80). With {@code perEvery} the single tier repeats: Y off for every X spent. Build it with
     * {@link #spend}, {@link #highestOf} or {@link #every}.
     *
     * @param tiers spend → amount off, ascending spend; non-empty
     * @param perEvery repeat the (single) tier for every multiple of its spend
     */
    record Threshold(List<Tier> tiers, boolean perEvery) implements Offer {

        /**
         * One step of a threshold offer.
         *
         * @param spend the spend needed; positive
         * @param off the amount off; positive, at most the spend
         */
        public record Tier(Money spend, Money off) {
            /**
             * Validates.
             *
             * @param spend the spend needed
             * @param off the amount off
             */
            public Tier {
                Objects.requireNonNull(spend, "spend");
                Objects.requireNonNull(off, "off");
                spend.requireSameCurrency(off);
                if (!spend.isPositive() || !off.isPositive() || off.isGreaterThan(spend)) {
                    throw new IllegalArgumentException("a threshold tier needs 0 < off <= spend, was spend " + spend
                            + ", off " + off);
                }
            }
        }

        /**
         * Validates.
         *
         * @param tiers the tiers
         * @param perEvery repeat per multiple
         */
        public Threshold {
            tiers = List.copyOf(tiers);
            if (tiers.isEmpty()) {
                throw new IllegalArgumentException("a threshold promotion needs at least one threshold");
            }
            for (int i = 1; i < tiers.size(); i++) {
                if (!tiers.get(i).spend().isGreaterThan(tiers.get(i - 1).spend())
                        || tiers.get(i).off().isLessThan(tiers.get(i - 1).off())) {
                    throw new IllegalArgumentException("threshold tiers must rise in spend and not fall in amount, "
                            + "were " + tiers);
                }
            }
            if (perEvery && tiers.size() != 1) {
                throw new IllegalArgumentException("a per-every threshold has exactly one tier, had " + tiers.size());
            }
        }

        /**
         * 满X减Y: {@code off} once the target lines reach {@code spend}.
         *
         * @param spend non-null, positive spend needed
         * @param off non-null amount off, {@code 0 < off <= spend}
         * @return the offer
         */
        public static Threshold spend(Money spend, Money off) {
            return new Threshold(List.of(new Tier(spend, off)), false);
        }

        /**
         * 满200减50 / 满300减80: the highest tier reached, once.
         *
         * @param tiers non-empty tiers, rising in spend and not falling in amount
         * @return the offer
         */
        public static Threshold highestOf(List<Tier> tiers) {
            return new Threshold(tiers, false);
        }

        /**
         * 每满X减Y: {@code off} for every whole {@code spend} the target lines reach.
         *
         * @param spend non-null, positive spend per step
         * @param off non-null amount off per step, {@code 0 < off <= spend}
         * @return the offer
         */
        public static Threshold every(Money spend, Money off) {
            return new Threshold(List.of(new Tier(spend, off)), true);
        }

        /** The highest tier the targeted spend reaches (once, or once per full step for {@link #every}). */
        @Override
        public Result apply(OfferLines lines) {
            long spend = lines.targetSpend();
            Tier reached = null;
            for (Tier tier : tiers) {
                if (spend >= tier.spend().minorUnits()) {
                    reached = tier;
                }
            }
            if (reached == null) {
                return Result.refused("threshold " + tiers.get(0).spend().amountString() + " not reached: cart "
                        + lines.money(spend));
            }
            long times = perEvery ? spend / reached.spend().minorUnits() : 1;
            long off = Math.multiplyExact(times, reached.off().minorUnits());
            lines.spread(off);
            return Result.applied(perEvery ? times + " × " + reached.spend().amountString() + " in "
                    + lines.money(spend) + ": " + lines.money(off) + " off" : "spend " + lines.money(spend) + " >= "
                    + reached.spend().amountString() + ": " + reached.off().amountString() + " off");
        }
    }

    /**
     * A percentage off each target line, rounded per line.
     *
     * @param discount 0 &lt; discount ≤ 100 %
     */
    record PercentOff(BasisPoints discount) implements Offer {
        /**
         * Validates.
         *
         * @param discount the discount
         */
        public PercentOff {
            PricingRules.requireDiscount("percent-off", discount);
        }

        /** The percentage off each targeted line. */
        @Override
        public Result apply(OfferLines lines) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.targeted(i)) {
                    lines.take(i, lines.percentOf(lines.base(i), discount));
                }
            }
            return Result.applied("-" + discount + " on target items");
        }
    }

    /**
     * An amount off each target unit (never more than the unit's price).
     *
     * @param perUnit positive amount
     */
    record AmountOff(Money perUnit) implements Offer {
        /**
         * Validates.
         *
         * @param perUnit the amount per unit
         */
        public AmountOff {
            if (!perUnit.isPositive()) {
                throw new IllegalArgumentException("amount off must be positive, was " + perUnit);
            }
        }

        /** The amount off every targeted unit, never more than its line. */
        @Override
        public Result apply(OfferLines lines) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.targeted(i)) {
                    lines.take(i, Math.min(lines.base(i), Math.multiplyExact(perUnit.minorUnits(),
                            (long) lines.quantity(i))));
                }
            }
            return Result.applied(perUnit.amountString() + " off each target unit");
        }
    }

    /**
     * Buy {@code buy} target units, get {@code get} more at {@code discount} off (100 % = free). Units are grouped
     * from the most expensive down; in each full group of buy + get units the cheapest get the discount.
     * 第二杯半价 is {@code new BuyXGetY(1, 1, 50 %)}.
     *
     * @param buy units paid in full, ≥ 1
     * @param get units discounted, ≥ 1
     * @param discount off the discounted units, 0 &lt; discount ≤ 100 %
     */
    record BuyXGetY(int buy, int get, BasisPoints discount) implements Offer {
        /**
         * Validates.
         *
         * @param buy units paid
         * @param get units discounted
         * @param discount their discount
         */
        public BuyXGetY {
            if (buy < 1 || get < 1) {
                throw new IllegalArgumentException("buy and get must be >= 1, were " + buy + ", " + get);
            }
            PricingRules.requireDiscount("buy-x-get-y", discount);
        }

        /**
         * Targeted units sorted dearest first, in groups of buy + get: the last {@code get} of each group are
         * discounted (so the customer pays for the dearer units, as retailers expect).
         */
        @Override
        public Result apply(OfferLines lines) {
            List<long[]> units = new java.util.ArrayList<>(); // {line, amount}
            for (int i = 0; i < lines.size(); i++) {
                if (lines.targeted(i)) {
                    for (long share : OfferLines.allocate(lines.base(i), OfferLines.uniform(lines.quantity(i)),
                            lines.currency())) {
                        units.add(new long[] {i, share});
                    }
                }
            }
            int group = buy + get;
            if (units.size() < group) {
                return Result.refused("needs " + group + " target units, cart has " + units.size());
            }
            units.sort(java.util.Comparator.<long[]>comparingLong(u -> -u[1]).thenComparingLong(u -> u[0]));
            int discounted = 0;
            for (int g = 0; g + group <= units.size(); g += group) {
                for (int k = g + buy; k < g + group; k++) {
                    long[] unit = units.get(k);
                    lines.take((int) unit[0], lines.percentOf(unit[1], discount));
                    discounted++;
                }
            }
            return Result.applied(discounted + " of " + units.size() + " units at -" + discount + " (buy " + buy
                    + ", get " + get + ")");
        }
    }

    /**
     * A fixed price for a set of SKUs bought together; the saving of every complete bundle in the cart is spread
     * over its lines.
     *
     * @param items SKU → units per bundle; non-empty
     * @param price the bundle's price; not negative
     */
    record Bundle(Map<Sku, Integer> items, Money price) implements Offer {
        /**
         * Validates.
         *
         * @param items units per SKU
         * @param price bundle price
         */
        public Bundle {
            items = Map.copyOf(items);
            if (items.isEmpty() || items.values().stream().anyMatch(q -> q < 1)) {
                throw new IllegalArgumentException("a bundle needs SKUs with quantities >= 1, was " + items);
            }
            if (price.isNegative()) {
                throw new IllegalArgumentException("bundle price must not be negative, was " + price);
            }
        }

        /** As many complete sets as the cart holds, at the set price, the saving spread over their units. */
        @Override
        public Result apply(OfferLines lines) {
            long sets = Long.MAX_VALUE;
            for (Map.Entry<Sku, Integer> item : items.entrySet()) {
                int at = lines.indexOf(item.getKey());
                sets = Math.min(sets, at < 0 ? 0 : lines.quantity(at) / item.getValue());
            }
            if (sets == 0) {
                return Result.refused("bundle incomplete: needs " + describe());
            }
            long[] shares = new long[lines.size()];
            long regular = 0;
            for (Map.Entry<Sku, Integer> item : items.entrySet()) {
                int at = lines.indexOf(item.getKey());
                shares[at] = Math.multiplyExact(lines.base(at), sets * item.getValue()) / lines.quantity(at);
                regular += shares[at];
            }
            long total = Math.multiplyExact(sets, price.minorUnits());
            if (regular <= total) {
                return Result.refused("bundle price " + lines.money(total) + " is not below the regular "
                        + lines.money(regular));
            }
            lines.spread(regular - total, shares);
            return Result.applied(sets + " × bundle (" + describe() + ") for " + price.amountString() + " instead of "
                    + lines.money(regular / sets));
        }

        /** @return the set, e.g. {@code 1 × CAKE + 2 × TEA} */
        String describe() {
            return items.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getValue() + " × " + e.getKey()).reduce((a, b) -> a + " + " + b).orElse("");
        }
    }

    /**
     * A percentage off the whole order (on the target lines), computed once and spread over the lines — for example
     * 首单8折 as {@code new OrderPercentOff(20 %)} with {@link Eligibility#forNewCustomersOnly()}.
     *
     * @param discount 0 &lt; discount ≤ 100 %
     */
    record OrderPercentOff(BasisPoints discount) implements Offer {
        /**
         * Validates.
         *
         * @param discount the discount
         */
        public OrderPercentOff {
            PricingRules.requireDiscount("order-percent-off", discount);
        }

        /** The percentage of the targeted spend, spread over the targeted lines. */
        @Override
        public Result apply(OfferLines lines) {
            long spend = lines.targetSpend();
            long off = lines.percentOf(spend, discount);
            if (off == 0) {
                return Result.refused("nothing left to discount");
            }
            lines.spread(off);
            return Result.applied("-" + discount + " on " + lines.money(spend) + ": " + lines.money(off) + " off");
        }
    }

    /**
     * Free shipping, optionally above a spend on the target lines.
     *
     * @param minimumSpend spend needed, if any; non-null optional
     */
    record FreeShipping(Optional<Money> minimumSpend) implements Offer {
        /**
         * Validates.
         *
         * @param minimumSpend spend needed
         */
        public FreeShipping {
            Objects.requireNonNull(minimumSpend, "minimumSpend");
        }

        /** Nothing off the lines: the engine waives the shipping fee when the minimum spend is reached. */
        @Override
        public Result apply(OfferLines lines) {
            long spend = lines.targetSpend();
            if (minimumSpend.isPresent() && spend < minimumSpend.get().minorUnits()) {
                return Result.refused("free shipping from " + minimumSpend.get().amountString() + ": cart "
                        + lines.money(spend));
            }
            return Result.applied("free shipping");
        }
    }

    /**
     * A pre-sale deposit (预售定金): per target unit the customer pays {@code deposit} up front, it counts as
     * {@code worth} against the unit's price (定金50抵100), and the balance is due by {@code balanceDueBy}. The
     * discount is {@code worth − deposit} per unit (never more than takes the unit down to its deposit), allocated
     * like every other discount; the quote's {@link CartQuote#deposit()} gives the deposit and the balance to pay.
     * Quotes at or after {@code balanceDueBy} refuse it: the deposit is forfeited, as pre-sale terms say.
     *
     * @param deposit positive amount paid up front per unit
     * @param worth what it counts as per unit, more than {@code deposit}
     * @param balanceDueBy non-null instant by which the balance must be paid
     */
    record Deposit(Money deposit, Money worth, Instant balanceDueBy) implements Offer {
        /**
         * Validates.
         *
         * @param deposit positive, same currency as {@code worth}
         * @param worth more than {@code deposit}
         * @param balanceDueBy non-null
         */
        public Deposit {
            Objects.requireNonNull(balanceDueBy, "balanceDueBy");
            worth.requireSameCurrency(deposit);
            if (!deposit.isPositive() || !worth.isGreaterThan(deposit)) {
                throw new IllegalArgumentException("a deposit must be positive and count as more than itself, was "
                        + deposit + " counting as " + worth);
            }
        }

        /** {@code worth − deposit} off each targeted unit, never taking a unit below its deposit. */
        @Override
        public Result apply(OfferLines lines) {
            long units = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.targeted(i)) {
                    long q = lines.quantity(i);
                    long counted = Math.min(lines.base(i), Math.multiplyExact(worth.minorUnits(), q));
                    lines.take(i, Math.max(0, counted - Math.multiplyExact(deposit.minorUnits(), q)));
                    units += q;
                }
            }
            if (units == 0) {
                return Result.refused("no pre-sale item in the cart");
            }
            return Result.applied("deposit " + deposit.amountString() + " counts as " + worth.amountString()
                    + " on each of " + units + " pre-sale units; balance due by " + balanceDueBy);
        }
    }
}
