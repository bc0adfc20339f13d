package io.github.omniretail.routing;

import io.github.omniretail.core.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Which nodes fulfil an order: shipments (one per node), total cost and its parts, and the explanation.
 *
 * @param shipments non-empty shipments (copied)
 * @param shippingCost non-null sum of shipping costs
 * @param handlingCost non-null sum of handling costs
 * @param splitPenalty non-null penalty for shipments beyond the first
 * @param latenessCost non-null lateness penalties against the promise
 * @param shelfCost non-null cost of units taken from store shelves
 * @param readyBy when everything has arrived: at the customer, or at the pickup node for pickup orders
 * @param explanation non-null why
 */
public record FulfillmentPlan(List<Shipment> shipments, Money shippingCost, Money handlingCost, Money splitPenalty,
        Money latenessCost, Money shelfCost, Instant readyBy, Explanation explanation) {

    /**
     * Copies and checks currencies.
     *
     * @param shipments non-empty shipments
     * @param shippingCost non-null sum of shipping costs
     * @param handlingCost non-null sum of handling costs
     * @param splitPenalty non-null penalty for shipments beyond the first
     * @param latenessCost non-null lateness penalties
     * @param shelfCost non-null cost of units taken from store shelves
     * @param readyBy when everything has arrived
     * @param explanation non-null why
     */
    public FulfillmentPlan {
        shipments = List.copyOf(shipments);
        if (shipments.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one shipment");
        }
        Objects.requireNonNull(readyBy, "readyBy");
        Objects.requireNonNull(explanation, "explanation");
        shippingCost.requireSameCurrency(handlingCost);
        shippingCost.requireSameCurrency(splitPenalty);
        shippingCost.requireSameCurrency(latenessCost);
        shippingCost.requireSameCurrency(shelfCost);
    }

    /** @return the total cost: shipping + handling + split penalty + lateness + shelf */
    public Money totalCost() {
        return shippingCost.plus(handlingCost).plus(splitPenalty).plus(latenessCost).plus(shelfCost);
    }

    /** @return the number of shipments (nodes used) */
    public int shipmentCount() {
        return shipments.size();
    }

    /** @return the sum of shipment distances in metres */
    public double totalDistanceMetres() {
        return shipments.stream().mapToDouble(Shipment::distanceMetres).sum();
    }
}
