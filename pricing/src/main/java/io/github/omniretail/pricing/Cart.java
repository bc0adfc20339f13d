package io.github.omniretail.pricing;

import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a customer is about to buy: lines, the shipping fee and the coupon codes entered.
 *
 * @param lines at least one line, each SKU at most once; non-null
 * @param shipping the shipping fee before promotions; non-null, not negative
 * @param couponCodes codes the customer entered; non-null
 */
public record Cart(List<Line> lines, Money shipping, Set<String> couponCodes) {

    /**
     * One cart line.
     *
     * @param sku the SKU; non-null
     * @param quantity units, ≥ 1
     */
    public record Line(Sku sku, int quantity) {
        /**
         * Validates.
         *
         * @param sku the SKU
         * @param quantity units
         */
        public Line {
            Objects.requireNonNull(sku, "sku");
            if (quantity < 1) {
                throw new IllegalArgumentException("quantity of " + sku + " must be >= 1, was " + quantity);
            }
        }
    }

    /**
     * Validates and copies.
     *
     * @param lines the lines
     * @param shipping the shipping fee
     * @param couponCodes the codes entered
     */
    public Cart {
        lines = List.copyOf(lines);
        Objects.requireNonNull(shipping, "shipping");
        couponCodes = Set.copyOf(couponCodes);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a cart needs at least one line");
        }
        if (lines.stream().map(Line::sku).distinct().count() != lines.size()) {
            throw new IllegalArgumentException("each SKU may appear on one line only, lines were " + lines);
        }
        if (shipping.isNegative()) {
            throw new IllegalArgumentException("shipping must not be negative, was " + shipping);
        }
    }

    /**
     * @param shipping the shipping fee; non-null
     * @param lines the lines
     * @return a cart without coupons
     */
    public static Cart of(Money shipping, Line... lines) {
        return new Cart(List.of(lines), shipping, Set.of());
    }

    /**
     * @param codes coupon codes entered
     * @return a copy with them
     */
    public Cart withCoupons(String... codes) {
        return new Cart(lines, shipping, Set.of(codes));
    }
}
