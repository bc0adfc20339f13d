package io.github.omniretail.pricing;

/**
 * The fixed stages of the item price pipeline, in the order they run. Every stage whose rule matched is recorded
 * in the quote's breakdown as a {@link PriceStep}.
 */
public enum PriceStage {
    /** The SKU's list price. */
    BASE,
    /** A channel's own price for the SKU, replacing the list price. */
    CHANNEL,
    /** A node's ("scene") modifier in basis points, e.g. +5 % at an airport store. */
    SCENE,
    /** The member tier's price (the lower of it and the price so far). */
    MEMBER,
    /** The new-customer (first order) price (the lower of it and the price so far). */
    NEW_CUSTOMER,
    /** Time-of-day schedules in the node's time zone (the largest matching discount). */
    TIME_OF_DAY,
    /** Markdown by days to expiry of the batch being sold. */
    SHELF_LIFE,
    /** Bounded discount or premium from days of stock cover against targets. */
    STOCK_COVER,
    /** Revenue- or margin-maximising price on a grid, from a demand curve. */
    OPTIMISER,
    /** Floor, ceiling, maximum change per period, minimum advertised price. */
    GUARDRAIL,
    /** Price endings (.99, .9, whole) that never break the floor. */
    ENDING
}
