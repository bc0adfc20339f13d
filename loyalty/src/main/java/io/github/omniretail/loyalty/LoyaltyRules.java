package io.github.omniretail.loyalty;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import io.github.omniretail.core.Sku;
import java.time.Duration;
import io.github.omniretail.core.CurrencyMismatchException;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;

/**
 * How points are earned, when they become available and when they expire. Immutable.
 *
 * @param pointsPerUnit non-null points per major currency unit (1 = one point per yuan)
 * @param rounding non-null rounding of earned points (FLOOR by default: never award a fraction)
 * @param channelMultipliers non-null multiplier per channel kind in basis points (absent: 100 %) (copied)
 * @param pendingFor non-null return window: earned points stay pending this long (zero: available at once)
 * @param expiry non-null expiry policy of earned lots; its shortest lifetime is longer than {@code pendingFor}
 * @param refundShortfall non-null what happens when refunded points were already spent
 * @param consumption non-null which lots a debit consumes first
 * @param skuBonusPerUnit non-null extra points per unit of a SKU bought (earns from orders with lines) (copied)
 * @param campaigns non-null bonus campaigns; overlapping campaigns multiply (copied)
 * @param categoryBonusPerUnit non-null extra points per unit bought of a SKU in a category (the ledger's
 *        {@link io.github.omniretail.loyalty.spi.CategoryLookup} says which categories a SKU is in) (copied)
 * @param currency non-null; when present, only amounts in this currency earn (others are a
 *        {@link CurrencyMismatchException}); empty: points per major unit of whatever currency an amount is in
 */
public record LoyaltyRules(BigDecimal pointsPerUnit, RoundingMode rounding, Map<ChannelKind, BasisPoints> channelMultipliers,
        Duration pendingFor, ExpiryPolicy expiry, RefundShortfall refundShortfall, Consumption consumption,
        Map<Sku, Long> skuBonusPerUnit, List<Campaign> campaigns, Map<String, Long> categoryBonusPerUnit,
        Optional<Currency> currency) {

    /** When a refund reverses points that were already spent. */
    public enum RefundShortfall {
        /** Take the shortfall from the member's other lots (earliest expiry first); any rest goes negative. */
        CLAW_BACK,
        /** Let the available balance go negative; future earning repays it. */
        NEGATIVE_BALANCE
    }

    /** The order in which debits consume lots. */
    public enum Consumption {
        /** Earliest expiry first (default): points least likely to be used are kept. */
        EARLIEST_EXPIRY,
        /** Oldest lot first. */
        FIFO
    }

    /**
     * Validates and copies.
     *
     * @param pointsPerUnit non-null points per major currency unit
     * @param rounding non-null rounding of earned points
     * @param channelMultipliers non-null multipliers per channel kind
     * @param pendingFor non-null return window
     * @param expiry non-null expiry policy, every lifetime longer than the return window
     * @param refundShortfall non-null refund policy
     * @param consumption non-null consumption order
     * @param skuBonusPerUnit non-null extra points per unit of a SKU
     * @param campaigns non-null bonus campaigns
     * @param categoryBonusPerUnit non-null extra points per unit of a SKU in a category
     * @param currency non-null, possibly empty, the only currency that earns
     */
    public LoyaltyRules {
        Objects.requireNonNull(pointsPerUnit, "pointsPerUnit");
        Objects.requireNonNull(rounding, "rounding");
        Objects.requireNonNull(pendingFor, "pendingFor");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(refundShortfall, "refundShortfall");
        Objects.requireNonNull(consumption, "consumption");
        channelMultipliers = Map.copyOf(channelMultipliers);
        skuBonusPerUnit = Map.copyOf(skuBonusPerUnit);
        campaigns = List.copyOf(campaigns);
        categoryBonusPerUnit = Map.copyOf(categoryBonusPerUnit);
        Objects.requireNonNull(currency, "currency");
        categoryBonusPerUnit.forEach((category, bonus) -> {
            if (category.isBlank() || bonus < 0) {
                throw new IllegalArgumentException("category bonus needs a non-blank category and points >= 0, were '"
                        + category + "' and " + bonus);
            }
        });
        skuBonusPerUnit.forEach((sku, bonus) -> {
            if (bonus < 0) {
                throw new IllegalArgumentException("bonus for " + sku + " must be >= 0, was " + bonus);
            }
        });
        if (pointsPerUnit.signum() < 0) {
            throw new IllegalArgumentException("points per unit must not be negative, was " + pointsPerUnit);
        }
        if (pendingFor.isNegative() || expiry.shortestLifetime().compareTo(pendingFor) <= 0) {
            throw new IllegalArgumentException("need 0 <= pendingFor < shortest expiry lifetime, were " + pendingFor
                    + " and " + expiry.shortestLifetime() + " (" + expiry + ")");
        }
    }

    /**
     * One point per currency unit, rounded down, 7 days pending, rolling 365-day expiry, claw-back on refund,
     * earliest expiry consumed first.
     *
     * @return the rules
     */
    public static LoyaltyRules standard() {
        return new LoyaltyRules(BigDecimal.ONE, RoundingMode.FLOOR, Map.of(), Duration.ofDays(7), ExpiryPolicy.rolling(Duration.ofDays(365)),
                RefundShortfall.CLAW_BACK, Consumption.EARLIEST_EXPIRY, Map.of(), List.of(), Map.of(),
                Optional.empty());
    }

    /**
     * These rules with a channel multiplier.
     *
     * @param kind non-null channel kind
     * @param multiplier non-null multiplier (20,000 bp = 2× points)
     * @return new rules
     */
    public LoyaltyRules withChannelMultiplier(ChannelKind kind, BasisPoints multiplier) {
        Map<ChannelKind, BasisPoints> m = new java.util.EnumMap<>(ChannelKind.class);
        m.putAll(channelMultipliers);
        m.put(kind, multiplier);
        return new LoyaltyRules(pointsPerUnit, rounding, m, pendingFor, expiry, refundShortfall, consumption,
                skuBonusPerUnit, campaigns, categoryBonusPerUnit, currency);
    }

    /**
     * These rules with another return window.
     *
     * @param window non-null, non-negative, shorter than the expiry
     * @return new rules
     */
    public LoyaltyRules withPendingFor(Duration window) {
        return new LoyaltyRules(pointsPerUnit, rounding, channelMultipliers, window, expiry, refundShortfall,
                consumption, skuBonusPerUnit, campaigns, categoryBonusPerUnit, currency);
    }

    /**
     * These rules with another expiry policy.
     *
     * @param policy non-null policy whose shortest lifetime is longer than the return window
     * @return new rules
     */
    public LoyaltyRules withExpiry(ExpiryPolicy policy) {
        return new LoyaltyRules(pointsPerUnit, rounding, channelMultipliers, pendingFor, policy, refundShortfall,
                consumption, skuBonusPerUnit, campaigns, categoryBonusPerUnit, currency);
    }

    /**
     * These rules with another refund policy.
     *
     * @param policy non-null policy
     * @return new rules
     */
    public LoyaltyRules withRefundShortfall(RefundShortfall policy) {
        return new LoyaltyRules(pointsPerUnit, rounding, channelMultipliers, pendingFor, expiry, policy,
                consumption, skuBonusPerUnit, campaigns, categoryBonusPerUnit, currency);
    }

    /**
     * These rules with a SKU bonus.
     *
     * @param sku non-null SKU
     * @param pointsPerUnit extra points per unit bought, {@code >= 0}
     * @return new rules
     */
    public LoyaltyRules withSkuBonus(Sku sku, long pointsPerUnit) {
        Map<Sku, Long> m = new java.util.HashMap<>(skuBonusPerUnit);
        m.put(Objects.requireNonNull(sku, "sku"), pointsPerUnit);
        return new LoyaltyRules(this.pointsPerUnit, rounding, channelMultipliers, pendingFor, expiry,
                refundShortfall, consumption, m, campaigns, categoryBonusPerUnit, currency);
    }

    /**
     * These rules with a campaign.
     *
     * @param campaign non-null campaign
     * @return new rules
     */
    public LoyaltyRules withCampaign(Campaign campaign) {
        List<Campaign> c = new java.util.ArrayList<>(campaigns);
        c.add(Objects.requireNonNull(campaign, "campaign"));
        return new LoyaltyRules(pointsPerUnit, rounding, channelMultipliers, pendingFor, expiry, refundShortfall,
                consumption, skuBonusPerUnit, c, categoryBonusPerUnit, currency);
    }

    /**
     * These rules with a category bonus.
     *
     * @param category non-blank category id, as the ledger's category lookup names it
     * @param pointsPerUnit extra points per unit bought of a SKU in the category, {@code >= 0}
     * @return new rules
     */
    public LoyaltyRules withCategoryBonus(String category, long pointsPerUnit) {
        Map<String, Long> m = new java.util.HashMap<>(categoryBonusPerUnit);
        m.put(Objects.requireNonNull(category, "category"), pointsPerUnit);
        return new LoyaltyRules(this.pointsPerUnit, rounding, channelMultipliers, pendingFor, expiry, refundShortfall,
                consumption, skuBonusPerUnit, campaigns, m, this.currency);
    }

    /**
     * These rules earning only in one currency.
     *
     * @param currency non-null program currency; amounts in another currency are rejected
     * @return new rules
     */
    public LoyaltyRules withCurrency(Currency currency) {
        return new LoyaltyRules(pointsPerUnit, rounding, channelMultipliers, pendingFor, expiry, refundShortfall,
                consumption, skuBonusPerUnit, campaigns, categoryBonusPerUnit,
                Optional.of(Objects.requireNonNull(currency, "currency")));
    }

    /**
     * Checks that an amount may earn under these rules.
     *
     * @param amount non-null amount
     * @throws CurrencyMismatchException if the rules earn only in another currency
     */
    void requireEarningCurrency(io.github.omniretail.core.Money amount) {
        if (currency.isPresent() && !currency.get().equals(amount.currency())) {
            throw new CurrencyMismatchException(currency.get(), amount.currency());
        }
    }
}
