package io.github.omniretail.checkout;

import io.github.omniretail.analytics.KpiEvent;
import io.github.omniretail.analytics.KpiTracker;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.CheckoutEvent;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.pricing.LineQuote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Feeds a {@link KpiTracker} from the checkout's {@link OrderEvent}s, so order KPIs need no glue: a placed online
 * order is a quote; a confirmed order is an order with its lines, costs, channel, node and promise; the last shipment
 * handed over is its fulfilment; a return is one returned line per SKU; a refusal is a rejection. Stock KPIs (levels,
 * receipts, waste) come from the inventory engine's events, which the host maps ({@code docs/operations.md}).
 *
 * <pre>{@code
 * CheckoutKpis kpis = CheckoutKpis.into(tracker, sku -> costs.unitCost(sku), NodeId.of("ONLINE"));
 * Checkout checkout = Checkout.builder(inventory, routing, pricing).events(kpis).build();
 * kpis.reading(checkout);
 * }</pre>
 *
 * <p>The order's lines are read through the checkout ({@link Checkout#order}) when its event arrives, after the
 * change was saved. Events before {@link #reading} are refused with {@link IllegalStateException}, which the checkout
 * logs and the order is unaffected. Thread-safe, as the tracker is.
 */
public final class CheckoutKpis implements EventSink<CheckoutEvent> {

    private final KpiTracker tracker;
    private final Function<Sku, Optional<Money>> unitCost;
    private final NodeId online;
    private final AtomicReference<Checkout> checkout = new AtomicReference<>();

    private CheckoutKpis(KpiTracker tracker, Function<Sku, Optional<Money>> unitCost, NodeId online) {
        this.tracker = tracker;
        this.unitCost = unitCost;
        this.online = online;
    }

    /**
     * A feed into {@code tracker}.
     *
     * @param tracker the tracker
     * @param unitCost a SKU's unit cost, when known (gross margin)
     * @param online the node refused online orders count against when they name no pickup node
     * @return the feed; call {@link #reading} once the checkout is built
     */
    public static CheckoutKpis into(KpiTracker tracker, Function<Sku, Optional<Money>> unitCost, NodeId online) {
        return new CheckoutKpis(Objects.requireNonNull(tracker, "tracker"), Objects.requireNonNull(unitCost, "unitCost"),
                Objects.requireNonNull(online, "online"));
    }

    /**
     * The checkout whose orders the events name (set once).
     *
     * @param source the checkout
     * @return this feed
     * @throws IllegalStateException if already set
     */
    public CheckoutKpis reading(Checkout source) {
        if (!checkout.compareAndSet(null, Objects.requireNonNull(source, "source"))) {
            throw new IllegalStateException("the checkout is already set");
        }
        return this;
    }

    @Override
    public void publish(CheckoutEvent event) {
        if (!(event instanceof OrderEvent e)) {
            return;
        }
        Checkout source = checkout.get();
        if (source == null) {
            throw new IllegalStateException("CheckoutKpis.reading(checkout) was not called before the first event");
        }
        Optional<PlacedOrder> found = source.order(e.key());
        if (found.isEmpty()) {
            return;
        }
        PlacedOrder o = found.get();
        OrderRequest r = o.request();
        if (e instanceof OrderEvent.Placed p && !r.atCounter()) {
            tracker.accept(new KpiEvent.QuoteIssued(p.occurredAt(), o.key().value(), r.channel().kind()));
        } else if (e instanceof OrderEvent.Confirmed c) {
            tracker.accept(new KpiEvent.OrderPlaced(c.occurredAt(), o.orderId(), r.member(), r.channel().kind(),
                    node(o), lines(o), r.atCounter() ? Optional.empty() : Optional.of(o.key().value()), promise(o)));
        } else if (e instanceof OrderEvent.ShipmentFulfilled f && o.status() == OrderStatus.FULFILLED) {
            tracker.accept(new KpiEvent.OrderFulfilled(f.occurredAt(), o.orderId()));
        } else if (e instanceof OrderEvent.Returned ret) {
            returned(o, ret.returned());
        } else if (e instanceof OrderEvent.Refused x) {
            NodeId at = r.delivery() instanceof DeliveryMethod.Pickup pickup ? pickup.node() : online;
            tracker.accept(new KpiEvent.OrderRejected(x.occurredAt(), r.channel().kind(), at, Optional.empty(),
                    x.reason().startsWith("no stock") ? "out_of_stock" : "refused"));
        }
    }

    private NodeId node(PlacedOrder o) {
        if (o.request().delivery() instanceof DeliveryMethod.Pickup pickup) {
            return pickup.node();
        }
        return o.plan().filter(p -> !p.shipments().isEmpty()).map(p -> p.shipments().get(0).node()).orElse(online);
    }

    private static Optional<java.time.Instant> promise(PlacedOrder o) {
        return o.request().atCounter() || o.request().delivery() instanceof DeliveryMethod.Ship ? Optional.empty()
                : o.readyBy();
    }

    private List<KpiEvent.Line> lines(PlacedOrder o) {
        List<KpiEvent.Line> out = new ArrayList<>();
        for (LineQuote l : o.quote().orElseThrow().lines()) {
            Sku sku = l.item().sku();
            out.add(new KpiEvent.Line(sku, l.quantity(), l.net(), unitCost.apply(sku).map(c -> c.times(l.quantity()))));
        }
        return out;
    }

    /** One returned line per SKU; the refund split by each SKU's net value returned, exactly. */
    private void returned(PlacedOrder o, OrderReturn r) {
        Map<Sku, Long> value = new LinkedHashMap<>();
        for (Map.Entry<Sku, Integer> e : r.units().entrySet()) {
            long perUnit = o.quote().orElseThrow().lines().stream().filter(l -> l.item().sku().equals(e.getKey()))
                    .mapToLong(l -> l.net().minorUnits() / Math.max(1, l.quantity())).findFirst().orElse(0);
            value.put(e.getKey(), Math.max(1, perUnit) * e.getValue());
        }
        Money[] shares = r.refund().allocate(value.values().stream().mapToLong(Long::longValue).toArray());
        int i = 0;
        for (Map.Entry<Sku, Integer> e : r.units().entrySet()) {
            Sku sku = e.getKey();
            int units = e.getValue();
            tracker.accept(new KpiEvent.OrderReturned(r.at(), o.orderId(), r.key().value() + ":" + sku.value(), sku,
                    units, shares[i++], unitCost.apply(sku).map(c -> c.times(units))));
        }
    }
}
