package io.github.omniretail.examples.demo;

import io.github.omniretail.analytics.KpiEvent;
import io.github.omniretail.analytics.Kpis;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.inventory.StockEvent;
import io.github.omniretail.pricing.LineQuote;
import io.github.omniretail.routing.FulfillmentPlan;
import io.github.omniretail.routing.Shipment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The day as {@link KpiEvent}s, the way a retailer's export would carry it: orders with their lines and costs, quotes,
 * fulfilments, returns, rejections, every stocked position's level after each change, receipts and expired lots.
 * Hand-over times and promises are the demo's (see {@link RetailDay}); everything else is what the engines did.
 * Not thread-safe; one per day.
 */
final class DayLog {
    /** The SKU of a historic purchase, whose lines the world does not keep. */
    static final Sku HISTORY = Sku.of("HISTORY");

    private final RetailWorld world;
    private final InventoryEngine inventory;
    private final Map<Sku, Money> costs = new HashMap<>();
    private final Map<NodeId, FulfillmentNode> nodes = new HashMap<>();
    private final List<KpiEvent> events = new ArrayList<>();
    private final Set<Kpis.Position> ranged = new LinkedHashSet<>();

    DayLog(RetailWorld world, InventoryEngine inventory) {
        this.world = world;
        this.inventory = inventory;
        world.products().forEach(p -> costs.put(p.sku(), p.cost()));
        world.nodes().forEach(n -> nodes.put(n.id(), n));
    }

    /** Every position stocked at the open, with its level. */
    void opening(Instant at) {
        for (FulfillmentNode n : world.stockingNodes()) {
            for (RetailWorld.Product p : world.products()) {
                Position pos = inventory.position(p.sku(), n.id());
                if (pos.onHand() > 0) {
                    ranged.add(new Kpis.Position(p.sku(), n.id()));
                    events.add(new KpiEvent.StockLevel(at, p.sku(), n.id(), pos.onHand(), atp(p.sku(), n.id())));
                }
            }
        }
    }

    /** The positions the retailer stocked at the open. */
    Set<Kpis.Position> ranged() {
        return ranged;
    }

    private int atp(Sku sku, NodeId node) {
        FulfillmentNode n = nodes.get(node);
        return inventory.atp(sku, node, n != null && n.type() == NodeType.STORE ? Retailer.POS : Retailer.APP);
    }

    void quoted(String quote, ChannelKind channel, Instant at) {
        events.add(new KpiEvent.QuoteIssued(at, quote, channel));
    }

    void placed(PlacedOrder order, Channel channel, NodeId store, Optional<String> quote, Optional<Instant> promise) {
        List<KpiEvent.Line> lines = new ArrayList<>();
        for (LineQuote l : order.quote().orElseThrow().lines()) {
            Sku sku = l.item().sku();
            lines.add(new KpiEvent.Line(sku, l.quantity(), l.net(),
                    Optional.ofNullable(costs.get(sku)).map(c -> c.times(l.quantity()))));
        }
        events.add(new KpiEvent.OrderPlaced(order.placedAt(), order.orderId(), order.request().member(), channel.kind(),
                store, lines, quote, promise));
    }

    /**
     * When the order reaches the customer, for the KPIs (the engines fulfilled it at once): same-day deliveries are
     * promised within 2 hours and take 10–30 minutes to pick, the ride at 18 km/h and a random delay; pickups are
     * promised within an hour and ready in 20–70 minutes; parcels leave the next day. Its own random stream, so the
     * day's other draws do not move.
     */
    void handedOver(PlacedOrder paid, Channel channel, DeliveryMethod delivery, FulfillmentPlan plan, Instant at) {
        SplittableRandom r = new SplittableRandom(paid.key().value().hashCode() * 0x9E3779B97F4A7C15L);
        Optional<Instant> promise;
        Instant handed;
        if (delivery instanceof DeliveryMethod.SameDay) {
            double km = plan.shipments().stream().mapToDouble(Shipment::distanceMetres).max().orElse(0) / 1000;
            promise = Optional.of(at.plus(Duration.ofHours(2)));
            handed = at.plus(Duration.ofMinutes(10 + r.nextInt(21) + Math.round(km / 18 * 60)
                    + Math.round(-Math.log(1 - r.nextDouble()) * 12)));
        } else if (delivery instanceof DeliveryMethod.Pickup) {
            promise = Optional.of(at.plus(Duration.ofHours(1)));
            handed = at.plus(Duration.ofMinutes(20 + r.nextInt(51)));
        } else {
            promise = Optional.empty();
            handed = RetailWorld.DAY.plusDays(1).atTime(9, 0).atZone(RetailWorld.ZONE).toInstant()
                    .plusSeconds(r.nextInt(8 * 3600));
        }
        placed(paid, channel, plan.shipments().get(0).node(), Optional.of(paid.key().value()), promise);
        fulfilled(paid.orderId(), handed);
    }

    void fulfilled(OrderId order, Instant at) {
        events.add(new KpiEvent.OrderFulfilled(at, order));
    }

    void returned(PlacedOrder order, String returnId, Sku sku, long refund, Instant at) {
        events.add(new KpiEvent.OrderReturned(at, order.orderId(), returnId, sku, 1, Money.ofMinor(refund, RetailWorld.CNY),
                Optional.ofNullable(costs.get(sku))));
    }

    void rejected(ChannelKind channel, NodeId store, Optional<Sku> sku, String reason, Instant at) {
        events.add(new KpiEvent.OrderRejected(at, channel, store, sku, reason));
    }

    /** Levels after every stock change the engine reports; receipts and expired lots as such. */
    void stock(InventoryEvent event) {
        if (event instanceof StockEvent.Received r) {
            events.add(new KpiEvent.StockReceived(r.occurredAt(), r.sku(), r.node(), r.quantity()));
            level(r.occurredAt(), r.sku(), r.node());
        } else if (event instanceof StockEvent.TransferReceived r) {
            if (r.received() > 0) {
                events.add(new KpiEvent.StockReceived(r.occurredAt(), r.sku(), r.to(), r.received()));
            }
            level(r.occurredAt(), r.sku(), r.to());
        } else if (event instanceof StockEvent.TransferDispatched d) {
            level(d.occurredAt(), d.sku(), d.from());
        } else if (event instanceof StockEvent.HoldFulfilled f) {
            level(f.occurredAt(), f.sku(), f.node());
        } else if (event instanceof StockEvent.HoldPinned p) {
            level(p.occurredAt(), p.sku(), p.node());
        } else if (event instanceof StockEvent.Adjusted a) {
            level(a.occurredAt(), a.sku(), a.node());
        } else if (event instanceof StockEvent.LotExpired x && x.wasted() > 0) {
            Money cost = costs.getOrDefault(x.sku(), Money.zero(RetailWorld.CNY)).times(x.wasted());
            events.add(new KpiEvent.LotExpired(x.occurredAt(), x.sku(), x.node(), x.lot(), x.wasted(), cost));
            level(x.occurredAt(), x.sku(), x.node());
        } else if (event instanceof StockEvent.Returned r) {
            level(r.occurredAt(), r.sku(), r.node());
        }
    }

    private void level(Instant at, Sku sku, NodeId node) {
        if (!ranged.contains(new Kpis.Position(sku, node))) {
            return;
        }
        Position pos = inventory.position(sku, node);
        events.add(new KpiEvent.StockLevel(at, sku, node, pos.onHand(), atp(sku, node)));
    }

    /** The day's events, in the order they happened per position. */
    List<KpiEvent> events() {
        return List.copyOf(events);
    }

    /**
     * The world's purchase history as orders (one {@link #HISTORY} line each; the world keeps amounts, not lines),
     * for the member KPIs that need months of orders: repurchase and cohort retention.
     */
    static List<KpiEvent> history(RetailWorld world) {
        List<KpiEvent> out = new ArrayList<>();
        int i = 0;
        for (RetailWorld.Purchase p : world.history()) {
            RetailWorld.Member m = world.members().get(p.member());
            MemberId id = m.id();
            NodeId store = world.stores().get(m.homeStore()).id();
            out.add(new KpiEvent.OrderPlaced(p.at(), OrderId.of("H-" + i++), Optional.of(id), p.channel(), store,
                    List.of(new KpiEvent.Line(HISTORY, 1, p.amount(), Optional.empty())), Optional.empty(),
                    Optional.empty()));
        }
        return out;
    }
}
