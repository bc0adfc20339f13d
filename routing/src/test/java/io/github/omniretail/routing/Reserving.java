package io.github.omniretail.routing;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.Order;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import java.time.Duration;
import java.util.Optional;

/**
 * What a caller of routing does to reserve a plan (the checkout does the same): route, take the plan's capacity,
 * hold its stock; when the stock moved meanwhile, give the capacity back and route again.
 */
final class Reserving {

    /** A held plan. */
    record Reserved(FulfillmentPlan plan, Hold hold) {
    }

    private Reserving() {
    }

    static Optional<Reserved> reserve(RoutingEngine routing, InventoryEngine inventory, String key, Order order,
            RoutingPolicy policy, Duration ttl) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            RoutingResult result = routing.route(order, policy);
            if (result.plan().isEmpty()) {
                return Optional.empty();
            }
            FulfillmentPlan plan = result.plan().get();
            IdempotencyKey capacity = IdempotencyKey.of(key).derive("capacity-" + attempt);
            if (!routing.takeCapacity(capacity, plan)) {
                continue;
            }
            HoldRequest.Builder hold = HoldRequest.builder(IdempotencyKey.of(key + "/stock-" + attempt),
                    order.channel(), ttl);
            for (Shipment s : plan.shipments()) {
                for (Shipment.Line l : s.lines()) {
                    hold.line(HoldLine.atNode(l.sku(), s.node(), l.quantity()));
                }
            }
            try {
                return Optional.of(new Reserved(plan, inventory.hold(hold.build())));
            } catch (InsufficientStockException moved) {
                routing.releaseCapacity(capacity);
            }
        }
        return Optional.empty();
    }
}
