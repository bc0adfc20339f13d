package io.github.omniretail.pricing;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a {@link Promotion} gives. Each kind validates itself; amounts must be in the rules' currency. */
public sealed interface Offer {

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
    }
}
