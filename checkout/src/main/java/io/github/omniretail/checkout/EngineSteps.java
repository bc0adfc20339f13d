package io.github.omniretail.checkout;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderLine;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Disposition;
import io.github.omniretail.inventory.ReturnedUnits;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.IllegalHoldStateException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.LedgerStateException;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.pricing.CartQuote;
import io.github.omniretail.pricing.LineQuote;
import io.github.omniretail.pricing.PricingContext;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.routing.FulfillmentPlan;
import io.github.omniretail.routing.RoutingEngine;
import io.github.omniretail.routing.Shipment;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Every engine call of the journey, each with its key derived from the order's (or the return's) key, so a retry
 * makes the same calls with the same keys and each engine answers it from its idempotency records. Stateless and
 * thread-safe; the engines' own thread-safety applies.
 */
final class EngineSteps {

    final InventoryEngine inventory;
    final RoutingEngine routing;
    final PricingEngine pricing;
    final Optional<PointsLedger> ledger;
    private final ZoneId zone;

    EngineSteps(InventoryEngine inventory, RoutingEngine routing, PricingEngine pricing, Optional<PointsLedger> ledger,
            ZoneId zone) {
        this.inventory = inventory;
        this.routing = routing;
        this.pricing = pricing;
        this.ledger = ledger;
        this.zone = zone;
    }

    // ---- pricing

    /**
     * The pricing context of the order: its channel, the checkout's zone, the instant it was placed, the member, and
     * for a pickup the pickup node.
     */
    PricingContext context(OrderRequest r, java.time.Instant at, boolean firstOrder) {
        PricingContext base = PricingContext.of(r.channel(), zone, at);
        PricingContext c = r.delivery() instanceof io.github.omniretail.core.DeliveryMethod.Pickup p
                ? base.atNode(p.node(), zone) // the store's own prices apply to what is collected there
                : base;
        return r.member().map(m -> c.forMember(m).firstOrder(firstOrder)).orElse(c);
    }

    boolean reservePromotions(PlacedOrder o, PricingContext context) {
        return pricing.redeem(o.key().derive("promotions"), o.quote().orElseThrow(), context);
    }

    void releasePromotions(PlacedOrder o) {
        pricing.release(o.key().derive("promotions"));
    }

    /** The order as the engines see it: each line at its quoted price with its share of every promotion. */
    static Order order(PlacedOrder o) {
        OrderRequest r = o.request();
        CartQuote q = o.quote().orElseThrow();
        Order.Builder b = Order.builder(r.orderId(), r.channel(), o.placedAt(), r.delivery());
        r.member().ifPresent(b::member);
        for (LineQuote l : q.lines()) {
            b.line(new OrderLine(l.item().sku(), l.quantity(), l.item().price(), l.discount()));
        }
        return b.build();
    }

    // ---- capacity

    /** Takes the plan's daily capacity for the current attempt; false when a node filled up since the plan. */
    boolean takeCapacity(PlacedOrder o) {
        return routing.takeCapacity(o.key().derive("capacity-" + o.attempt()), o.plan().orElseThrow());
    }

    /** Gives back what an attempt took (idempotent: nothing if it took nothing). */
    void releaseCapacity(PlacedOrder o, int attempt) {
        routing.releaseCapacity(o.key().derive("capacity-" + attempt));
    }

    // ---- stock

    HoldRequest holdRequest(PlacedOrder o, Duration ttl) {
        FulfillmentPlan plan = o.plan().orElseThrow();
        HoldRequest.Builder b = HoldRequest.builder(o.key().derive("stock-" + o.attempt()), o.request().channel(), ttl)
                .reference(o.orderId().value());
        o.request().presaleBy().ifPresent(by -> b.presale(io.github.omniretail.inventory.Presale.promisedBy(by)));
        for (Shipment s : plan.shipments()) {
            for (Shipment.Line l : s.lines()) {
                b.line(HoldLine.atNode(l.sku(), s.node(), l.quantity()));
            }
        }
        return b.build();
    }

    Hold holdStock(PlacedOrder o, Duration ttl) {
        return inventory.hold(holdRequest(o, ttl));
    }

    /** Releases the hold unless it already ended (released, expired or fulfilled). */
    void releaseStock(PlacedOrder o, HoldId hold) {
        Optional<Hold> h = inventory.hold(hold);
        if (h.isPresent() && !h.get().status().isFinal()) {
            inventory.releaseAll(o.key().derive("stock-release"), hold);
        }
    }

    /**
     * Confirms the order's stock hold. A hold already confirmed (or shipped) through the inventory engine is the
     * order's stock all the same; one released or expired there is not.
     *
     * @return empty when the stock is the order's; else the status the hold ended in
     */
    Optional<HoldStatus> confirmStock(PlacedOrder o) {
        HoldId id = o.stockHold().orElseThrow();
        HoldStatus now = inventory.hold(id).map(Hold::status).orElse(HoldStatus.HELD);
        if (now == HoldStatus.CONFIRMED || now == HoldStatus.FULFILLED) {
            return Optional.empty();
        }
        if (now.isFinal()) {
            return Optional.of(now);
        }
        try {
            inventory.confirm(o.key().derive("stock-confirm"), id);
            return Optional.empty();
        } catch (IllegalHoldStateException e) {
            return e.status().isFinal() && e.status() != HoldStatus.FULFILLED ? Optional.of(e.status())
                    : Optional.empty();
        }
    }

    /**
     * Why a pre-sale's shipment cannot leave yet — units of its lines still waiting for their receipt — or empty.
     * Asked before fulfilling, so a refusal is not recorded under the shipment's keys.
     */
    Optional<String> notReady(PlacedOrder o, int shipment) {
        if (o.request().presaleBy().isEmpty()) {
            return Optional.empty();
        }
        FulfillmentPlan plan = o.plan().orElseThrow();
        int line = 0;
        for (int s = 0; s < shipment; s++) {
            line += plan.shipments().get(s).lines().size();
        }
        Optional<Hold> hold = inventory.hold(o.stockHold().orElseThrow());
        if (hold.isEmpty()) {
            return Optional.empty();
        }
        for (int j = 0; j < plan.shipments().get(shipment).lines().size(); j++) {
            io.github.omniretail.inventory.HoldLineState l = hold.get().lines().get(line + j);
            if (l.waiting() > 0) {
                return Optional.of(l.waiting() + " × " + l.sku() + " still wait for their delivery"
                        + l.promisedBy().map(p -> ", promised by " + p).orElse(" (backordered)"));
            }
        }
        return Optional.empty();
    }

    /** Fulfils the lines of one shipment: the hold's lines were placed shipment by shipment, in plan order. */
    NodeId fulfil(PlacedOrder o, int shipment) {
        FulfillmentPlan plan = o.plan().orElseThrow();
        int line = 0;
        for (int s = 0; s < shipment; s++) {
            line += plan.shipments().get(s).lines().size();
        }
        Shipment ship = plan.shipments().get(shipment);
        for (int j = 0; j < ship.lines().size(); j++) {
            inventory.fulfil(o.key().derive("ship-" + shipment + "-" + j), o.stockHold().orElseThrow(), line + j,
                    ship.lines().get(j).quantity());
        }
        return ship.node();
    }

    /**
     * Returned units back at a node with their disposition; a returned kit's components each come back (a kit has
     * no stock of its own).
     */
    void restock(IdempotencyKey returnKey, int index, Sku sku, NodeId node, int units, Disposition disposition) {
        java.util.Optional<io.github.omniretail.inventory.Kit> kit = inventory.kit(sku);
        if (kit.isEmpty()) {
            inventory.returnUnits(returnKey.derive("restock-" + index), ReturnedUnits.of(sku, node, units,
                    disposition));
            return;
        }
        int j = 0;
        for (java.util.Map.Entry<Sku, Integer> c : kit.get().components().entrySet()) {
            inventory.returnUnits(returnKey.derive("restock-" + index + "-" + j++), ReturnedUnits.of(c.getKey(), node,
                    Math.multiplyExact(units, c.getValue()), disposition));
        }
    }

    // ---- points

    private PointsLedger ledger() {
        return ledger.orElseThrow(() -> new IllegalStateException("no points ledger configured"));
    }

    private static MemberId member(PlacedOrder o) {
        return o.request().member().orElseThrow();
    }

    void holdPoints(PlacedOrder o, Duration ttl) {
        ledger().hold(o.key().derive("points"), member(o), o.request().points(), ttl);
    }

    void spendPoints(PlacedOrder o) {
        ledger().post(o.key().derive("points-spend"), o.key().derive("points"), o.request().points());
    }

    /** Gives paid points back: cancels the spend, or voids the hold (which may never have been placed). */
    void givePointsBack(PlacedOrder o) {
        if (o.did(PlacedOrder.Step.POINTS_SPENT)) {
            ledger().cancelRedemption(o.key().derive("points-back"), o.key().derive("points-spend"));
            return;
        }
        try {
            ledger().voidHold(o.key().derive("points-back"), o.key().derive("points"));
        } catch (LedgerStateException e) {
            // never placed, timed out already, or voided: nothing is held
        }
    }

    /** Earns on the order's net amount with the rules' bonuses; returns the points earned (0 for a free order). */
    long earn(PlacedOrder o) {
        Order order = order(o);
        if (!order.net().isPositive()) {
            return 0;
        }
        LedgerEntry e = ledger().earn(o.key().derive("earn"), member(o), order);
        return e.change(AccountKind.PENDING) + e.change(AccountKind.AVAILABLE);
    }

    /** Gives back paid points for a return (part of the order's redemption), once per return key. */
    void givePaidPointsBack(PlacedOrder o, IdempotencyKey returnKey, long points) {
        if (points > 0) {
            ledger().cancelRedemption(returnKey.derive("points-back"), o.key().derive("points-spend"), points);
        }
    }

    /** Reverses what a return's units earned; returns the points taken back. */
    long refundPoints(PlacedOrder o, IdempotencyKey returnKey, Money refund) {
        if (!o.did(PlacedOrder.Step.POINTS_EARNED) || o.pointsEarned() == 0 || !refund.isPositive()) {
            return 0;
        }
        try {
            LedgerEntry e = ledger().refund(returnKey.derive("points"), o.key().derive("earn"), refund);
            return -(e.change(AccountKind.PENDING) + e.change(AccountKind.AVAILABLE));
        } catch (LedgerStateException e) {
            return 0; // nothing of the earn is left to reverse
        }
    }

    /** Takes back everything the order earned (a cancel after payment). */
    void reverseEarn(PlacedOrder o) {
        if (o.pointsEarned() == 0) {
            return;
        }
        try {
            ledger().refund(o.key().derive("earn-reverse"), o.key().derive("earn"), order(o).net());
        } catch (LedgerStateException e) {
            // already reversed in full by returns
        }
    }
}
