package io.github.omniretail.inventory;

/**
 * What happens to units that come back from a customer, or leave quarantine after inspection.
 */
public enum Disposition {
    /** Back on the shelf: on-hand grows (into the lot named, if any) and the units are available again. */
    SELLABLE,
    /** Kept at the node but not for sale until inspected ({@link InventoryEngine#inspect}). */
    QUARANTINE,
    /** Written off: counted as waste, never on-hand. */
    DAMAGED
}
