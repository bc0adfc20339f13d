package io.github.omniretail.pricing;

import io.github.omniretail.core.BasisPoints;
import java.util.Objects;

/**
 * Bounded price moves from days of stock cover (stock ÷ daily demand, from a {@code StockCoverLookup}): below
 * {@code lowDays} a premium growing linearly to {@code maxPremium} at zero cover; above {@code highDays} a discount
 * growing linearly to {@code maxDiscount} at {@code 2 × highDays} and beyond; in between nothing.
 *
 * @param lowDays cover below which scarce stock earns a premium, ≥ 0
 * @param highDays cover above which surplus stock is discounted, ≥ lowDays
 * @param maxPremium the largest premium, 0..100 %; non-null
 * @param maxDiscount the largest discount, 0..100 %; non-null
 */
public record StockCoverPolicy(double lowDays, double highDays, BasisPoints maxPremium, BasisPoints maxDiscount) {

    /**
     * Validates.
     *
     * @param lowDays lower target
     * @param highDays upper target
     * @param maxPremium largest premium
     * @param maxDiscount largest discount
     */
    public StockCoverPolicy {
        Objects.requireNonNull(maxPremium, "maxPremium");
        Objects.requireNonNull(maxDiscount, "maxDiscount");
        if (!(lowDays >= 0) || !(highDays >= lowDays) || !Double.isFinite(highDays) || highDays == 0) {
            throw new IllegalArgumentException("need 0 <= lowDays <= highDays, highDays > 0, finite; were "
                    + lowDays + ", " + highDays);
        }
        if (maxPremium.value() < 0 || maxPremium.value() > BasisPoints.ONE_HUNDRED_PERCENT || maxDiscount.value() < 0
                || maxDiscount.value() > BasisPoints.ONE_HUNDRED_PERCENT) {
            throw new IllegalArgumentException("premium and discount must be 0..100%, were " + maxPremium + ", "
                    + maxDiscount);
        }
    }

    /**
     * @param coverDays days of cover, ≥ 0
     * @return the adjustment in basis points: positive = premium, negative = discount
     */
    public int adjustment(double coverDays) {
        if (coverDays < lowDays && lowDays > 0) {
            return (int) Math.round(maxPremium.value() * (lowDays - coverDays) / lowDays);
        }
        if (coverDays > highDays) {
            double share = Math.min(1, (coverDays - highDays) / highDays);
            return -(int) Math.round(maxDiscount.value() * share);
        }
        return 0;
    }
}
