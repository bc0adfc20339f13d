package io.github.omniretail.engagement;

import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import io.github.omniretail.pricing.Coupon;
import io.github.omniretail.pricing.Offer;
import io.github.omniretail.pricing.Promotion;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A group-buying offer (拼团): {@code size} members buying {@code sku} within {@code window} of the group's opening
 * each pay {@code groupPrice} per unit. The price is a pricing promotion behind a coupon code
 * ({@link #promotion}): add it to the pricing engine's promotions; every group order carries the code.
 *
 * @param id non-blank offer id
 * @param sku non-null SKU sold
 * @param groupPrice non-null, positive price per unit in a group
 * @param size members a group needs, 2..100
 * @param window positive time a group has to fill
 * @param maxUnitsPerMember units one member may buy in one group, {@code >= 1}
 * @param coupon non-blank coupon code carried by group orders
 */
public record GroupOffer(String id, Sku sku, Money groupPrice, int size, Duration window, int maxUnitsPerMember,
        String coupon) {

    /**
     * Validates.
     *
     * @param id non-blank
     * @param sku non-null
     * @param groupPrice positive
     * @param size 2..100
     * @param window positive
     * @param maxUnitsPerMember {@code >= 1}
     * @param coupon non-blank
     */
    public GroupOffer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(groupPrice, "groupPrice");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(coupon, "coupon");
        if (id.isBlank() || coupon.isBlank()) {
            throw new IllegalArgumentException("group offer id and coupon must not be blank, were '" + id + "', '"
                    + coupon + "'");
        }
        if (groupPrice.minorUnits() <= 0) {
            throw new IllegalArgumentException("group offer " + id + " price must be positive, was " + groupPrice);
        }
        if (size < 2 || size > 100) {
            throw new IllegalArgumentException("group offer " + id + " size must be 2..100, was " + size);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("group offer " + id + " window must be positive, was " + window);
        }
        if (maxUnitsPerMember < 1) {
            throw new IllegalArgumentException("group offer " + id + " maxUnitsPerMember must be >= 1, was "
                    + maxUnitsPerMember);
        }
    }

    /** @return the id of the promotion {@link #promotion} builds: {@code "group:" + id} */
    public String promotionId() {
        return "group:" + id;
    }

    /**
     * The pricing promotion that gives group orders the group price: each unit of the SKU at {@code groupPrice},
     * only with the coupon, exclusive of other promotions.
     *
     * @param priority the promotion's priority among the others
     * @return the promotion to add to the pricing engine
     */
    public Promotion promotion(int priority) {
        return Promotion.of(promotionId(), "拼团 " + id, priority, new Offer.Bundle(Map.of(sku, 1), groupPrice))
                .coupon(Coupon.perMember(coupon, Integer.MAX_VALUE)).exclusive();
    }
}
