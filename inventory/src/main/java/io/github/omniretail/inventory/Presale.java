package io.github.omniretail.inventory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Lets a hold's lines wait for stock that is not on hand yet (预售, pre-sale; or a backorder). A line takes what is
 * available now; its other units wait at the node, in placement order behind earlier waiting holds, for
 * {@linkplain ExpectedReceipt expected receipts}. A waiting line is promised the ETA of the receipt that covers its
 * place in the queue. When stock lands, waiting lines are served strictly in the order they were placed.
 *
 * <p>With a {@code latestPromise}, units must be covered by receipts due by then, or the hold is refused; if a
 * receipt later slips past it or lands short, the line's waiting units are cancelled (released) instead of being
 * re-promised. Without one, the units may also wait beyond every known receipt — a backorder, with no promise date —
 * up to the engine's backorder limit for the SKU and channel ({@link InventoryEngine#setBackorderLimit}); a slipped
 * or short receipt re-promises them (or leaves them backordered), never cancels them.
 *
 * @param latestPromise the latest acceptable promise date; empty for an open-ended pre-sale that may be backordered
 */
public record Presale(Optional<Instant> latestPromise) {

    /** Checks for null. */
    public Presale {
        Objects.requireNonNull(latestPromise, "latestPromise");
    }

    /**
     * Waits only for receipts due by {@code latestPromise}.
     *
     * @param latestPromise non-null latest acceptable promise date
     * @return the policy
     */
    public static Presale promisedBy(Instant latestPromise) {
        return new Presale(Optional.of(Objects.requireNonNull(latestPromise, "latestPromise")));
    }

    /** @return an open-ended pre-sale: waits for any receipt, or as a backorder within the limit */
    public static Presale openEnded() {
        return new Presale(Optional.empty());
    }
}
