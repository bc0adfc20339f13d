package io.github.omniretail.analytics.replenishment;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.inventory.ExpectedReceipt;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.SafetyStockPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A replenishment plan: every position's levels and the transfers and purchase orders it suggests. Immutable; apply it
 * to an inventory engine with {@link #apply}.
 *
 * @param at when it was planned
 * @param positions each position's plan, in SKU then node order
 * @param suggestions transfers first, then purchase orders
 * @param shortfall units stores asked for that their shipping nodes could not spare
 */
public record ReplenishmentPlan(Instant at, List<PositionPlan> positions, List<Suggestion> suggestions,
        long shortfall) {

    /** Copies. */
    public ReplenishmentPlan {
        Objects.requireNonNull(at, "at");
        positions = List.copyOf(positions);
        suggestions = List.copyOf(suggestions);
    }

    /**
     * Carries the plan out: dispatches each transfer with its ETA, expects each purchase order as a receipt, and sets
     * each position's low-stock signal to its reorder point (hysteresis up to the order-up-to level). Idempotency keys
     * derive from {@code planId} and the suggestion's index, so applying the same plan again changes nothing.
     *
     * @param engine the inventory engine
     * @param planId a stable id for this plan, e.g. {@code 2026-11-23}
     * @return how many suggestions were applied
     * @throws io.github.omniretail.inventory.InsufficientStockException if a shipping node can no longer spare a
     *         transfer; the suggestions before it stay applied, and applying again resumes
     */
    public int apply(InventoryEngine engine, String planId) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(planId, "planId");
        int i = 0;
        for (Suggestion s : suggestions) {
            IdempotencyKey key = IdempotencyKey.of("replenish-" + planId + "-" + i);
            if (s instanceof Suggestion.TransferOrder t) {
                engine.dispatchTransfer(key, t.sku(), t.from(), t.to(), t.units(), t.eta());
            } else {
                Suggestion.PurchaseOrder p = (Suggestion.PurchaseOrder) s;
                engine.expectReceipt(key, new ExpectedReceipt("po-" + planId + "-" + i, p.sku(), p.to(), p.units(),
                        p.eta(), ExpectedReceipt.Kind.PURCHASE_ORDER));
            }
            i++;
        }
        for (PositionPlan p : positions) {
            engine.setReorderPoint(p.sku(), p.node(), p.reorderPoint(), Math.max(0, p.orderUpTo() - p.reorderPoint()));
        }
        return i;
    }

    /**
     * Replaces each position's safety-stock policy in the engine with the planned units ({@link SafetyStockPolicy#fixed}),
     * for hosts that withhold safety stock from what channels may sell.
     *
     * @param engine the inventory engine
     */
    public void applySafetyStock(InventoryEngine engine) {
        for (PositionPlan p : positions) {
            engine.setSafetyStock(p.sku(), p.node(), SafetyStockPolicy.fixed(p.safetyStock()));
        }
    }
}
