package io.github.omniretail.analytics.replenishment;

import io.github.omniretail.analytics.forecast.ForecastMethod;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.util.Objects;

/**
 * One position's plan: the forecast it used, its safety stock, reorder point and order-up-to level, and what it
 * asks for. Immutable.
 *
 * @param sku the SKU
 * @param node the node
 * @param method the forecast method chosen for the position (for a node that ships to others, its own series')
 * @param dailyDemand expected units tomorrow (including nodes it ships to)
 * @param safetyStock units
 * @param reorderPoint expected demand over the lead time plus safety stock, units
 * @param orderUpTo expected demand over lead time plus review period plus safety stock, units
 * @param inventoryPosition on hand − held + inbound, units
 * @param requested units asked for: order-up-to − position when the position is at or below the reorder point
 * @param granted units the plan suggests (less than requested when the shipping node is short)
 */
public record PositionPlan(Sku sku, NodeId node, ForecastMethod method, double dailyDemand, int safetyStock,
        int reorderPoint, int orderUpTo, long inventoryPosition, int requested, int granted) {
    /** Validates. */
    public PositionPlan {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(method, "method");
    }
}
