package io.github.omniretail.pricing;

/** How the promotions of a cart are combined. */
public enum StackingMode {
    /**
     * Every eligible promotion in priority order, subject to groups and stackability: the result depends only on
     * the declared priorities, never on the order rules were loaded in.
     */
    PRIORITY,
    /**
     * The combination with the largest customer saving (line discounts plus shipping), searched exactly over every
     * valid subset up to {@code PricingEngine.Builder#exactBestDealLimit} candidates (default 14), and beyond that
     * by a greedy build-up followed by single swaps. Ties go to fewer promotions, then to lower priorities.
     */
    BEST_DEAL
}
