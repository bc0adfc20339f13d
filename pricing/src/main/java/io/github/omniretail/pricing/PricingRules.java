package io.github.omniretail.pricing;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.CurrencyMismatchException;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the item price pipeline reads, in one immutable, versioned value: list prices and categories, channel
 * prices, scene modifiers, member and new-customer prices, time-of-day schedules, shelf-life markdowns, the
 * stock-cover policy, optimisers, guardrails and the price ending. Replace the whole set with
 * {@link PricingEngine#updateRules(PricingRules)}; quotes carry the version they were computed with.
 *
 * <p>Every amount is in the rules' currency; percentages are basis points and each percentage stage rounds once to
 * the minor unit with {@link #rounding()} (half-even by default). Immutable and thread-safe.
 */
public final class PricingRules {

    private final String version;
    private final Currency currency;
    private final RoundingMode rounding;
    private final Map<Sku, Money> listPrices;
    private final Map<Sku, Set<String>> categories;
    private final Map<Sku, Map<ChannelId, Money>> channelPrices;
    private final Map<NodeId, BasisPoints> scenes;
    private final Map<String, Map<Sku, Money>> tierPrices;
    private final Map<String, BasisPoints> tierDiscounts;
    private final Map<Sku, Money> newCustomerPrices;
    private final Optional<BasisPoints> newCustomerDiscount;
    private final List<TimeOfDaySchedule> schedules;
    private final List<ShelfLifeMarkdown> shelfLife;
    private final Optional<StockCoverPolicy> stockCover;
    private final Map<Sku, PriceOptimiser> optimisers;
    private final Map<Sku, Guardrail> guardrails;
    private final Guardrail defaultGuardrail;
    private final PriceEnding ending;
    private final Optional<ChannelConsistency> channelConsistency;

    private PricingRules(Builder b) {
        this.channelConsistency = Optional.ofNullable(b.channelConsistency);
        this.version = b.version;
        this.currency = b.currency;
        this.rounding = b.rounding;
        this.listPrices = Map.copyOf(b.listPrices);
        Map<Sku, Set<String>> cats = new HashMap<>();
        b.categories.forEach((k, v) -> cats.put(k, Set.copyOf(v)));
        this.categories = Map.copyOf(cats);
        Map<Sku, Map<ChannelId, Money>> channels = new HashMap<>();
        b.channelPrices.forEach((k, v) -> channels.put(k, Map.copyOf(v)));
        this.channelPrices = Map.copyOf(channels);
        this.scenes = Map.copyOf(b.scenes);
        Map<String, Map<Sku, Money>> tiers = new HashMap<>();
        b.tierPrices.forEach((k, v) -> tiers.put(k, Map.copyOf(v)));
        this.tierPrices = Map.copyOf(tiers);
        this.tierDiscounts = Map.copyOf(b.tierDiscounts);
        this.newCustomerPrices = Map.copyOf(b.newCustomerPrices);
        this.newCustomerDiscount = Optional.ofNullable(b.newCustomerDiscount);
        this.schedules = List.copyOf(b.schedules);
        this.shelfLife = List.copyOf(b.shelfLife);
        this.stockCover = Optional.ofNullable(b.stockCover);
        this.optimisers = Map.copyOf(b.optimisers);
        this.guardrails = Map.copyOf(b.guardrails);
        this.defaultGuardrail = b.defaultGuardrail;
        this.ending = b.ending;
    }

    /**
     * @param version a label for this rule set, carried by every quote (e.g. {@code "2026-11-22.3"}); non-blank
     * @param currency the currency of every amount; non-null
     * @return a builder
     */
    public static Builder builder(String version, Currency currency) {
        return new Builder(version, currency);
    }

    static void requireId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("rule id must not be blank");
        }
    }

    static void requireDiscount(String id, BasisPoints discount) {
        Objects.requireNonNull(discount, "discount");
        if (discount.value() <= 0 || discount.value() > BasisPoints.ONE_HUNDRED_PERCENT) {
            throw new IllegalArgumentException("rule " + id + ": a discount must be in (0, 100%], was " + discount);
        }
    }

    /** @return the version label */
    public String version() {
        return version;
    }

    /** @return the currency of every amount */
    public Currency currency() {
        return currency;
    }

    /** @return how percentage stages round to the minor unit */
    public RoundingMode rounding() {
        return rounding;
    }

    /**
     * @param sku non-null
     * @return the list price, if the SKU is known
     */
    public Optional<Money> listPrice(Sku sku) {
        return Optional.ofNullable(listPrices.get(sku));
    }

    /**
     * @param sku non-null
     * @return the SKU's categories (empty when none)
     */
    public Set<String> categories(Sku sku) {
        return categories.getOrDefault(sku, Set.of());
    }

    /**
     * @param sku non-null
     * @return its guardrail (the default one when it has none of its own)
     */
    public Guardrail guardrail(Sku sku) {
        return guardrails.getOrDefault(sku, defaultGuardrail);
    }

    /** @return the SKUs with a list price */
    public Set<Sku> skus() {
        return listPrices.keySet();
    }

    Optional<Money> channelPrice(Sku sku, ChannelId channel) {
        Map<ChannelId, Money> byChannel = channelPrices.get(sku);
        return byChannel == null ? Optional.empty() : Optional.ofNullable(byChannel.get(channel));
    }

    Optional<BasisPoints> scene(NodeId node) {
        return Optional.ofNullable(scenes.get(node));
    }

    Optional<Money> tierPrice(String tier, Sku sku) {
        Map<Sku, Money> prices = tierPrices.get(tier);
        return prices == null ? Optional.empty() : Optional.ofNullable(prices.get(sku));
    }

    Optional<BasisPoints> tierDiscount(String tier) {
        return Optional.ofNullable(tierDiscounts.get(tier));
    }

    Optional<Money> newCustomerPrice(Sku sku) {
        return Optional.ofNullable(newCustomerPrices.get(sku));
    }

    Optional<BasisPoints> newCustomerDiscount() {
        return newCustomerDiscount;
    }

    List<TimeOfDaySchedule> schedules() {
        return schedules;
    }

    List<ShelfLifeMarkdown> shelfLife() {
        return shelfLife;
    }

    Optional<StockCoverPolicy> stockCover() {
        return stockCover;
    }

    Optional<PriceOptimiser> optimiser(Sku sku) {
        return Optional.ofNullable(optimisers.get(sku));
    }

    PriceEnding ending() {
        return ending;
    }

    /** @return the channel consistency policy, if any */
    public Optional<ChannelConsistency> channelConsistency() {
        return channelConsistency;
    }

    @Override
    public String toString() {
        return "PricingRules[" + version + ", " + currency + ", " + listPrices.size() + " SKUs]";
    }

    /** Builds {@link PricingRules}. Not thread-safe. Every amount must be in the builder's currency. */
    public static final class Builder {
        private final String version;
        private final Currency currency;
        private RoundingMode rounding = RoundingMode.HALF_EVEN;
        private final Map<Sku, Money> listPrices = new HashMap<>();
        private final Map<Sku, Set<String>> categories = new HashMap<>();
        private final Map<Sku, Map<ChannelId, Money>> channelPrices = new HashMap<>();
        private final Map<NodeId, BasisPoints> scenes = new HashMap<>();
        private final Map<String, Map<Sku, Money>> tierPrices = new HashMap<>();
        private final Map<String, BasisPoints> tierDiscounts = new HashMap<>();
        private final Map<Sku, Money> newCustomerPrices = new HashMap<>();
        private BasisPoints newCustomerDiscount;
        private final List<TimeOfDaySchedule> schedules = new ArrayList<>();
        private final List<ShelfLifeMarkdown> shelfLife = new ArrayList<>();
        private StockCoverPolicy stockCover;
        private final Map<Sku, PriceOptimiser> optimisers = new HashMap<>();
        private final Map<Sku, Guardrail> guardrails = new HashMap<>();
        private Guardrail defaultGuardrail = Guardrail.none();
        private PriceEnding ending = PriceEnding.NONE;
        private ChannelConsistency channelConsistency;

        private Builder(String version, Currency currency) {
            requireId(version);
            this.version = version;
            this.currency = Objects.requireNonNull(currency, "currency");
        }

        private Money checked(Money money, String what) {
            Objects.requireNonNull(money, what);
            if (!money.currency().equals(currency)) {
                throw new CurrencyMismatchException(currency, money.currency());
            }
            if (money.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative, was " + money);
            }
            return money;
        }

        /**
         * @param mode rounding of percentage stages; non-null
         * @return this builder
         */
        public Builder rounding(RoundingMode mode) {
            this.rounding = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param sku non-null
         * @param price list price, not negative
         * @param skuCategories its categories (for schedules, markdowns and promotions)
         * @return this builder
         */
        public Builder sku(Sku sku, Money price, String... skuCategories) {
            Objects.requireNonNull(sku, "sku");
            listPrices.put(sku, checked(price, "list price of " + sku));
            categories.put(sku, Set.of(skuCategories));
            return this;
        }

        /**
         * @param sku non-null
         * @param channel non-null
         * @param price the channel's own price
         * @return this builder
         */
        public Builder channelPrice(Sku sku, ChannelId channel, Money price) {
            channelPrices.computeIfAbsent(Objects.requireNonNull(sku, "sku"), k -> new HashMap<>())
                    .put(Objects.requireNonNull(channel, "channel"), checked(price, "channel price of " + sku));
            return this;
        }

        /**
         * A scene modifier: every price at the node moves by this much (+500 = +5 %).
         *
         * @param node non-null
         * @param modifier −100 %..+100 %; non-null
         * @return this builder
         */
        public Builder scene(NodeId node, BasisPoints modifier) {
            Objects.requireNonNull(modifier, "modifier");
            if (Math.abs(modifier.value()) > BasisPoints.ONE_HUNDRED_PERCENT) {
                throw new IllegalArgumentException("scene modifier must be within ±100%, was " + modifier);
            }
            scenes.put(Objects.requireNonNull(node, "node"), modifier);
            return this;
        }

        /**
         * @param tier pricing tier id; non-blank
         * @param sku non-null
         * @param price the tier's price for the SKU
         * @return this builder
         */
        public Builder tierPrice(String tier, Sku sku, Money price) {
            requireId(tier);
            tierPrices.computeIfAbsent(tier, k -> new HashMap<>()).put(Objects.requireNonNull(sku, "sku"),
                    checked(price, "tier price of " + sku));
            return this;
        }

        /**
         * @param tier pricing tier id; non-blank
         * @param discount off every SKU without a tier price of its own
         * @return this builder
         */
        public Builder tierDiscount(String tier, BasisPoints discount) {
            requireDiscount(tier, discount);
            tierDiscounts.put(tier, discount);
            return this;
        }

        /**
         * @param sku non-null
         * @param price the first-order price
         * @return this builder
         */
        public Builder newCustomerPrice(Sku sku, Money price) {
            newCustomerPrices.put(Objects.requireNonNull(sku, "sku"), checked(price, "new-customer price of " + sku));
            return this;
        }

        /**
         * @param discount off every SKU on a first order (without a new-customer price of its own)
         * @return this builder
         */
        public Builder newCustomerDiscount(BasisPoints discount) {
            requireDiscount("new-customer", discount);
            this.newCustomerDiscount = discount;
            return this;
        }

        /**
         * @param schedule non-null
         * @return this builder
         */
        public Builder schedule(TimeOfDaySchedule schedule) {
            schedules.add(Objects.requireNonNull(schedule, "schedule"));
            return this;
        }

        /**
         * @param markdown non-null
         * @return this builder
         */
        public Builder shelfLife(ShelfLifeMarkdown markdown) {
            shelfLife.add(Objects.requireNonNull(markdown, "markdown"));
            return this;
        }

        /**
         * @param policy non-null
         * @return this builder
         */
        public Builder stockCover(StockCoverPolicy policy) {
            this.stockCover = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param sku non-null
         * @param optimiser non-null, in the rules' currency
         * @return this builder
         */
        public Builder optimiser(Sku sku, PriceOptimiser optimiser) {
            checked(optimiser.referencePrice(), "optimiser reference price");
            optimisers.put(Objects.requireNonNull(sku, "sku"), optimiser);
            return this;
        }

        /**
         * @param sku non-null
         * @param guardrail non-null, in the rules' currency
         * @return this builder
         */
        public Builder guardrail(Sku sku, Guardrail guardrail) {
            checkGuardrail(guardrail);
            guardrails.put(Objects.requireNonNull(sku, "sku"), guardrail);
            return this;
        }

        /**
         * @param guardrail applies to SKUs without their own; non-null
         * @return this builder
         */
        public Builder defaultGuardrail(Guardrail guardrail) {
            checkGuardrail(guardrail);
            this.defaultGuardrail = guardrail;
            return this;
        }

        private void checkGuardrail(Guardrail guardrail) {
            Objects.requireNonNull(guardrail, "guardrail");
            guardrail.cost().ifPresent(m -> checked(m, "cost"));
            guardrail.floor().ifPresent(m -> checked(m, "floor"));
            guardrail.ceiling().ifPresent(m -> checked(m, "ceiling"));
            guardrail.minimumAdvertised().ifPresent(m -> checked(m, "minimum advertised price"));
        }

        /**
         * @param priceEnding the ending applied last; non-null
         * @return this builder
         */
        public Builder ending(PriceEnding priceEnding) {
            this.ending = Objects.requireNonNull(priceEnding, "priceEnding");
            return this;
        }

        /**
         * @param policy keeps a SKU's channel prices within a band; non-null
         * @return this builder
         */
        public Builder channelConsistency(ChannelConsistency policy) {
            this.channelConsistency = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** @return the rules */
        public PricingRules build() {
            return new PricingRules(this);
        }
    }
}
