package io.github.omniretail.pricing;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Currency;

/**
 * A cart as one promotion's {@link Offer} sees it when it {@linkplain Offer#apply applies}: every line's SKU,
 * quantity and base amount (before or after earlier promotions, as the promotion's {@link DiscountBase} says),
 * which lines the promotion targets, and the discount taken so far per line. Offers take money off with
 * {@link #take} and {@link #spread}; the engine then caps each line at its floor price and the promotion's
 * budget. Amounts are minor units of {@link #currency()}; percentages round with the engine's rounding mode.
 *
 * <p>Made by the engine for one application; not thread-safe.
 */
public final class OfferLines {

    private final Sku[] skus;
    private final int[] quantities;
    private final long[] base;
    private final boolean[] targets;
    private final long[] discount;
    private final Currency currency;
    private final RoundingMode rounding;

    OfferLines(Sku[] skus, int[] quantities, long[] base, boolean[] targets, Currency currency,
            RoundingMode rounding) {
        this.skus = skus;
        this.quantities = quantities;
        this.base = base;
        this.targets = targets;
        this.discount = new long[base.length];
        this.currency = currency;
        this.rounding = rounding;
    }

    /** @return number of lines */
    public int size() {
        return base.length;
    }

    /**
     * @param line 0-based line index
     * @return its SKU
     */
    public Sku sku(int line) {
        return skus[line];
    }

    /**
     * @param line 0-based line index
     * @return its units, {@code >= 1}
     */
    public int quantity(int line) {
        return quantities[line];
    }

    /**
     * @param line 0-based line index
     * @return its base amount in minor units (the whole line, not a unit)
     */
    public long base(int line) {
        return base[line];
    }

    /**
     * @param line 0-based line index
     * @return whether the promotion targets it
     */
    public boolean targeted(int line) {
        return targets[line];
    }

    /** @return the base amounts of the targeted lines, summed, in minor units */
    public long targetSpend() {
        long spend = 0;
        for (int i = 0; i < base.length; i++) {
            if (targets[i]) {
                spend += base[i];
            }
        }
        return spend;
    }

    /**
     * @param sku non-null
     * @return the index of the first line with that SKU, or -1
     */
    public int indexOf(Sku sku) {
        for (int i = 0; i < skus.length; i++) {
            if (skus[i].equals(sku)) {
                return i;
            }
        }
        return -1;
    }

    /** @return the cart's currency */
    public Currency currency() {
        return currency;
    }

    /**
     * Takes {@code amount} off a line (added to what was taken from it already).
     *
     * @param line 0-based line index
     * @param amount minor units, {@code >= 0}
     */
    public void take(int line, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("a discount is never negative, was " + amount);
        }
        discount[line] = Math.addExact(discount[line], amount);
    }

    /**
     * Spreads {@code total} over the targeted lines in proportion to their base amounts, largest remainder first,
     * so the parts sum to {@code total} exactly.
     *
     * @param total minor units, {@code >= 0}
     */
    public void spread(long total) {
        long[] weights = new long[base.length];
        for (int i = 0; i < base.length; i++) {
            weights[i] = targets[i] ? base[i] : 0;
        }
        spread(total, weights);
    }

    /**
     * Spreads {@code total} over the lines in proportion to {@code weights}, largest remainder first.
     *
     * @param total minor units, {@code >= 0}
     * @param weights one non-negative weight per line (all zero: nothing is taken)
     */
    public void spread(long total, long[] weights) {
        long[] parts = allocate(total, weights, currency);
        for (int i = 0; i < parts.length; i++) {
            take(i, parts[i]);
        }
    }

    /**
     * @param amount minor units
     * @param percent the share
     * @return {@code percent} of {@code amount}, rounded with the engine's mode
     */
    public long percentOf(long amount, BasisPoints percent) {
        return Money.ofMinor(amount, currency).timesFraction(percent.value(), BasisPoints.ONE_HUNDRED_PERCENT,
                rounding).minorUnits();
    }

    /**
     * @param minor minor units
     * @return the amount as text, e.g. {@code 12.50}
     */
    public String money(long minor) {
        return Money.ofMinor(minor, currency).amountString();
    }

    /** @return the discount taken per line so far (a copy), in minor units */
    public long[] discounts() {
        return discount.clone();
    }

    long[] discountsView() {
        return discount;
    }

    /** Largest-remainder split of {@code total} by weights (zeros when every weight is zero). */
    static long[] allocate(long total, long[] weights, Currency currency) {
        long sum = 0;
        for (long w : weights) {
            sum += w;
        }
        long[] out = new long[weights.length];
        if (sum <= 0 || total == 0) {
            return out;
        }
        Money[] parts = Money.ofMinor(total, currency).allocate(weights);
        for (int i = 0; i < parts.length; i++) {
            out[i] = parts[i].minorUnits();
        }
        return out;
    }

    /** Equal weights for {@code count} units. */
    static long[] uniform(int count) {
        long[] weights = new long[count];
        Arrays.fill(weights, 1);
        return weights;
    }
}
