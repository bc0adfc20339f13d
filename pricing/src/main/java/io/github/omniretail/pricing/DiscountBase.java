package io.github.omniretail.pricing;

/** What a promotion computes its discount on. */
public enum DiscountBase {
    /** The line amounts before any promotion (item prices × quantities). */
    ORIGINAL,
    /** The line amounts after the promotions applied before it (in priority order). */
    DISCOUNTED
}
