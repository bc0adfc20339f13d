package io.github.omniretail.pricing;

import io.github.omniretail.core.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * A cart promotion: an {@link Offer} with explicit stacking terms.
 *
 * <p>Stacking is explicit: promotions apply in ascending {@code priority} (unique within a set); at most one
 * promotion of each exclusivity {@code group} applies; a promotion that is not {@code stackable} applies only alone
 * (nothing before it, nothing after it); {@code base} says whether it is computed on the original line amounts or on
 * what earlier promotions left.
 *
 * @param id unique id; non-blank
 * @param name display name, e.g. "满300减80"; non-null
 * @param priority application order, unique within a promotion set (lower first)
 * @param group exclusivity group, if any; non-null optional
 * @param stackable whether it combines with other promotions
 * @param base what it computes on; non-null
 * @param eligibility who and what it is for; non-null
 * @param coupon the code that unlocks it, if it needs one; non-null optional
 * @param budget the most it may give away in total, if capped; non-null optional
 * @param offer what it gives; non-null
 */
public record Promotion(String id, String name, int priority, Optional<String> group, boolean stackable,
        DiscountBase base, Eligibility eligibility, Optional<Coupon> coupon, Optional<Money> budget, Offer offer) {

    /**
     * Validates.
     *
     * @param id unique id
     * @param name display name
     * @param priority application order
     * @param group exclusivity group
     * @param stackable combines with others
     * @param base computed on
     * @param eligibility who and what
     * @param coupon unlocking code
     * @param budget total cap
     * @param offer what it gives
     */
    public Promotion {
        PricingRules.requireId(id);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(eligibility, "eligibility");
        Objects.requireNonNull(coupon, "coupon");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(offer, "offer");
        if (budget.isPresent() && !budget.get().isPositive()) {
            throw new IllegalArgumentException("promotion " + id + ": budget must be positive, was " + budget.get());
        }
    }

    /**
     * A stackable promotion for everyone, computed on discounted amounts, without group, coupon or budget.
     *
     * @param id unique id
     * @param name display name
     * @param priority application order
     * @param offer what it gives
     * @return the promotion; narrow it with the withers
     */
    public static Promotion of(String id, String name, int priority, Offer offer) {
        return new Promotion(id, name, priority, Optional.empty(), true, DiscountBase.DISCOUNTED,
                Eligibility.everyone(), Optional.empty(), Optional.empty(), offer);
    }

    /**
     * @param exclusivityGroup at most one promotion of this group applies; non-blank
     * @return a copy in that group
     */
    public Promotion inGroup(String exclusivityGroup) {
        PricingRules.requireId(exclusivityGroup);
        return new Promotion(id, name, priority, Optional.of(exclusivityGroup), stackable, base, eligibility, coupon,
                budget, offer);
    }

    /** @return a copy that applies only alone */
    public Promotion exclusive() {
        return new Promotion(id, name, priority, group, false, base, eligibility, coupon, budget, offer);
    }

    /**
     * @param on what it computes on; non-null
     * @return a copy
     */
    public Promotion on(DiscountBase on) {
        return new Promotion(id, name, priority, group, stackable, on, eligibility, coupon, budget, offer);
    }

    /**
     * @param who who and what it is for; non-null
     * @return a copy
     */
    public Promotion eligibility(Eligibility who) {
        return new Promotion(id, name, priority, group, stackable, base, who, coupon, budget, offer);
    }

    /**
     * @param code the coupon that unlocks it; non-null
     * @return a copy
     */
    public Promotion coupon(Coupon code) {
        return new Promotion(id, name, priority, group, stackable, base, eligibility, Optional.of(code), budget,
                offer);
    }

    /**
     * @param cap the most it may give away in total; positive
     * @return a copy
     */
    public Promotion budget(Money cap) {
        return new Promotion(id, name, priority, group, stackable, base, eligibility, coupon, Optional.of(cap), offer);
    }
}
