package io.github.omniretail.checkout;

import io.github.omniretail.checkout.PlacedOrder.Draft;
import io.github.omniretail.checkout.PlacedOrder.Step;
import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Disposition;
import io.github.omniretail.core.event.CheckoutEvent;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.IllegalHoldStateException;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.loyalty.InsufficientPointsException;
import io.github.omniretail.pricing.CartQuote;
import io.github.omniretail.pricing.PricingContext;
import io.github.omniretail.pricing.StackingMode;
import io.github.omniretail.routing.RoutingEngine;
import io.github.omniretail.routing.RoutingPolicy;
import io.github.omniretail.routing.RoutingResult;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkout's state machine. Every transition is: load the order, make the next engine call (its key derived
 * from the order's), save the order with the step marked done, and go on — so a retry after a crash at any point
 * repeats at most one engine call, which the engine answers from its idempotency records.
 *
 * <p>About 700 lines on purpose: every public transition (place, pay a deposit, confirm, cancel, fulfil, return,
 * exchange, expiry) is here, so that load–call–save discipline can be read and checked in one place. The engine calls
 * themselves are in {@link EngineSteps}, a return's money and points arithmetic in {@link ReturnShare}.
 */
final class DefaultCheckout implements Checkout {

    private static final Logger LOG = LoggerFactory.getLogger(Checkout.class);
    /** Stock and points holds outlive the payment window by this much, so the checkout expires an order first. */
    static final Duration HOLD_GRACE = Duration.ofMinutes(5);
    /** Routing again after the planned stock moved: at most this many hold attempts. */
    static final int ATTEMPTS = 3;
    private static final int EXPIRY_BATCH = 500;

    private final EngineSteps steps;
    private final RoutingEngine routing;
    private final CheckoutStore store;
    private final Clock clock;
    private final Duration window;
    private final StackingMode mode;
    private final Optional<RoutingPolicy> policy;
    private final long pointsPerUnit;
    private final Money unitWorth;
    private final EventSink<CheckoutEvent> events;
    private final java.util.function.Predicate<io.github.omniretail.core.MemberId> boughtBefore;
    private final Optional<io.github.omniretail.loyalty.analytics.PurchaseHistory> purchases;
    private final Optional<io.github.omniretail.loyalty.analytics.RfmTracker> rfm;
    private final ReentrantLock[] locks = new ReentrantLock[64];

    DefaultCheckout(Checkout.Builder b) {
        this.steps = new EngineSteps(b.inventory, b.routing, b.pricing, b.ledger, b.zone);
        this.routing = b.routing;
        this.store = b.store == null ? CheckoutStore.inMemory() : b.store;
        this.clock = b.clock;
        this.window = b.paymentWindow;
        this.mode = b.mode;
        this.policy = Optional.ofNullable(b.policy);
        this.pointsPerUnit = b.pointsPerUnit;
        this.unitWorth = b.unitWorth;
        this.events = b.events;
        this.purchases = b.purchases;
        this.rfm = b.rfm;
        this.boughtBefore = b.boughtBefore != null ? b.boughtBefore
                : m -> b.ledger.map(l -> !l.statement(m, 0, 1).isEmpty()).orElse(false);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    private <T> T locked(IdempotencyKey key, java.util.function.Supplier<T> body) {
        ReentrantLock lock = locks[Math.floorMod(key.hashCode(), locks.length)];
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    private PlacedOrder require(IdempotencyKey key) {
        return store.find(Objects.requireNonNull(key, "key"))
                .orElseThrow(() -> new NoSuchElementException("no order has key " + key));
    }

    /** Saves the next version; another instance saving first is a conflict (the caller retries). */
    private PlacedOrder save(PlacedOrder current, java.util.function.Consumer<Draft> change) {
        Draft d = current.next();
        change.accept(d);
        PlacedOrder next = d.build();
        if (!store.save(next)) {
            throw new IdempotencyConflictException(current.key(), "changed by another caller at the same time: retry");
        }
        return next;
    }

    private void publish(OrderEvent event) {
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            LOG.warn("checkout event sink threw on {}; the order is saved", event.type(), e);
        }
    }

    // =====================================================================================================
    // place

    @Override
    public PlacedOrder place(OrderRequest request) {
        Objects.requireNonNull(request, "request");
        return locked(request.key(), () -> {
            Optional<PlacedOrder> existing = store.find(request.key());
            PlacedOrder o;
            if (existing.isPresent()) {
                o = existing.get();
                if (!o.request().equals(request)) {
                    throw new IdempotencyConflictException(request.key(), "placed before as order "
                            + o.orderId() + " with another request");
                }
                if (o.status() != OrderStatus.PLACING) {
                    return o;
                }
            } else {
                check(request);
                Instant now = clock.instant();
                o = new PlacedOrder(request, OrderStatus.PLACING, 1, now, now.plus(window), Optional.empty(),
                        Optional.empty(), 1, Optional.empty(), Money.zero(request.shipping().currency()), 0,
                        java.util.Set.of(), Optional.empty(), java.util.Set.of(), List.of());
                if (!store.save(o)) {
                    throw new IdempotencyConflictException(request.key(), "placed by another caller at the same time");
                }
            }
            return placing(o);
        });
    }

    /**
     * Checks what the engines would refuse only late: an unknown member, points nobody can value, a pickup node
     * routing does not know or that hands nothing over.
     */
    private void check(OrderRequest r) {
        if (r.delivery() instanceof DeliveryMethod.Pickup p) {
            FulfillmentNode node = routing.index().node(p.node()).orElseThrow(
                    () -> new IllegalArgumentException("order " + r.orderId() + ": pickup node " + p.node()
                            + " is not in the routing network"));
            if (!node.can(NodeCapability.PICKUP)) {
                throw new IllegalArgumentException("order " + r.orderId() + ": node " + p.node()
                        + " does not offer PICKUP" + (r.atCounter() ? ", so it has no counter" : ""));
            }
        }
        if (r.points() > 0 && (steps.ledger.isEmpty() || unitWorth == null)) {
            throw new IllegalArgumentException("order " + r.orderId() + " pays with " + r.points()
                    + " points, but the checkout has " + (steps.ledger.isEmpty() ? "no points ledger"
                    : "no pointsWorth(..) rate"));
        }
        if (r.member().isPresent() && steps.ledger.isPresent()) {
            steps.ledger.get().balance(r.member().get()); // throws UnknownMemberException naming the member
        }
    }

    private PlacedOrder placing(PlacedOrder o) {
        while (true) {
            if (o.refusal().isPresent()) {
                return refuse(o);
            }
            if (o.quote().isEmpty()) {
                o = quote(o);
                continue;
            }
            if (o.deposit().isPresent() && o.request().points() > 0) {
                String why = "a deposit offer applies, and an order paid by deposit and balance takes no points";
                o = save(o, d -> d.refusal = Optional.of(why));
                continue;
            }
            if (o.pointsValue().isGreaterThan(o.quote().get().total())) {
                String why = o.request().points() + " points are worth " + o.pointsValue()
                        + ", more than the order's total " + o.quote().get().total();
                o = save(o, d -> d.refusal = Optional.of(why));
                continue;
            }
            if (o.routing().isEmpty()) {
                if (o.attempt() > 1) {
                    steps.releaseCapacity(o, o.attempt() - 1); // what the attempt given up took, if anything
                }
                RoutingResult result = route(o);
                o = save(o, d -> d.routing = Optional.of(result));
                continue;
            }
            if (o.plan().isEmpty()) {
                List<String> missing = o.routing().get().missing();
                String why = missing.isEmpty() ? "no node can take the order"
                        : (o.request().atCounter() ? "not on the counter's shelf: " : "no stock for ")
                        + String.join("; ", missing);
                o = save(o, d -> d.refusal = Optional.of(why));
                continue;
            }
            if (!o.did(Step.CAPACITY_TAKEN) && o.request().takesCapacity()) {
                boolean taken = steps.takeCapacity(o);
                o = save(o, d -> {
                    if (taken) {
                        d.done.add(Step.CAPACITY_TAKEN);
                    } else {
                        retry(d, "a planned node's daily capacity filled up");
                    }
                });
                continue;
            }
            if (!o.did(Step.STOCK_HELD)) {
                try {
                    Hold hold = steps.holdStock(o, window.plus(HOLD_GRACE));
                    o = save(o, d -> {
                        d.stockHold = Optional.of(hold.id());
                        d.done.add(Step.STOCK_HELD);
                    });
                } catch (InsufficientStockException e) {
                    String why = "stock of " + e.sku() + " moved (wanted " + e.requested() + ", available "
                            + e.available() + ")";
                    // a counter sale has one node to take it from: nothing to route again
                    boolean counter = o.request().atCounter();
                    o = save(o, d -> {
                        if (counter) {
                            d.refusal = Optional.of("not on the counter's shelf: " + why);
                        } else {
                            retry(d, why);
                        }
                    });
                }
                continue;
            }
            if (o.request().points() > 0 && !o.did(Step.POINTS_HELD)) {
                try {
                    steps.holdPoints(o, window.plus(HOLD_GRACE));
                    o = save(o, d -> d.done.add(Step.POINTS_HELD));
                } catch (InsufficientPointsException e) {
                    String why = e.getMessage();
                    o = save(o, d -> d.refusal = Optional.of(why));
                }
                continue;
            }
            if (!o.quote().orElseThrow().applied().isEmpty() && !o.did(Step.PROMOTIONS_RESERVED)) {
                boolean reserved = steps.reservePromotions(o, context(o));
                o = save(o, d -> {
                    if (reserved) {
                        d.done.add(Step.PROMOTIONS_RESERVED);
                    } else {
                        d.refusal = Optional.of("a coupon or promotion budget ran out since the quote: quote again");
                    }
                });
                continue;
            }
            o = save(o, d -> d.status = OrderStatus.PLACED);
            publish(new OrderEvent.Placed(clock.instant(), o.key(), o.orderId(), o.quote().orElseThrow().total(),
                    o.payable().orElseThrow(), o.expiresAt()));
            return o;
        }
    }

    /** Routes again with the stock and capacity as they are now, or refuses after the last attempt. */
    private static void retry(Draft d, String why) {
        if (d.attempt < ATTEMPTS) {
            d.attempt++;
            d.routing = Optional.empty();
            d.done.remove(Step.CAPACITY_TAKEN);
        } else {
            d.refusal = Optional.of(why + " on every one of " + ATTEMPTS + " attempts");
        }
    }

    /**
     * The order's pricing context. A member's order is a first order when no order of theirs was paid through the
     * checkout and the builder's {@code boughtBefore} does not know of an earlier purchase.
     */
    private PricingContext context(PlacedOrder o) {
        boolean first = o.request().member().map(m -> !store.hasPaidOrder(m) && !boughtBefore.test(m)).orElse(false);
        return steps.context(o.request(), o.placedAt(), first);
    }

    private PlacedOrder quote(PlacedOrder o) {
        CartQuote q = steps.pricing.quote(o.request().cart(), context(o), mode);
        Money worth = pointsWorth(o.request().points(), q.total());
        return save(o, d -> {
            d.quote = Optional.of(q);
            d.pointsValue = worth;
        });
    }

    private Money pointsWorth(long points, Money total) {
        if (points == 0) {
            return Money.zero(total.currency());
        }
        unitWorth.requireSameCurrency(total);
        return unitWorth.timesFraction(points, pointsPerUnit, RoundingMode.FLOOR);
    }

    private RoutingResult route(PlacedOrder o) {
        io.github.omniretail.core.Order order = EngineSteps.order(o);
        if (o.request().atCounter()) {
            return routing.routeAtCounter(order);
        }
        Optional<RoutingPolicy> p = o.request().policy().or(() -> policy);
        if (o.request().presaleBy().isPresent()) {
            return routing.routePresale(order, p.orElseGet(RoutingPolicy::nearestWithStock),
                    o.request().presaleBy().get());
        }
        return p.isPresent() ? routing.route(order, p.get()) : routing.route(order);
    }

    /** Gives back what the placement took, then marks the order refused. */
    private PlacedOrder refuse(PlacedOrder o) {
        o = compensate(o);
        String why = o.refusal().orElseThrow();
        o = save(o, d -> d.status = OrderStatus.REFUSED);
        publish(new OrderEvent.Refused(clock.instant(), o.key(), o.orderId(), why));
        return o;
    }

    /**
     * Gives back, once each, the stock, points and promotions the order holds or spent, and what it earned. A hold
     * the placement may have made without saving it (a crash right after the engine call) is found by replaying
     * the same request: the engine returns the hold it made, or makes one that is released at once.
     */
    private PlacedOrder compensate(PlacedOrder o) {
        if (!o.did(Step.STOCK_RELEASED) && o.plan().isPresent()) {
            Optional<io.github.omniretail.inventory.HoldId> hold = o.stockHold();
            if (hold.isEmpty() && o.status() == OrderStatus.PLACING) {
                try {
                    hold = Optional.of(steps.holdStock(o, window.plus(HOLD_GRACE)).id());
                } catch (InsufficientStockException e) {
                    hold = Optional.empty(); // it was never placed
                }
            }
            if (hold.isPresent()) {
                steps.releaseStock(o, hold.get());
            }
            o = save(o, d -> d.done.add(Step.STOCK_RELEASED));
        }
        if (!o.did(Step.CAPACITY_RELEASED) && o.plan().isPresent() && o.request().takesCapacity()) {
            steps.releaseCapacity(o, o.attempt()); // taken, or perhaps taken just before a crash: idempotent
            o = save(o, d -> d.done.add(Step.CAPACITY_RELEASED));
        }
        if (o.request().points() > 0 && !o.did(Step.POINTS_GIVEN_BACK)
                && (o.did(Step.POINTS_HELD) || o.status() == OrderStatus.PLACING)) {
            steps.givePointsBack(o);
            o = save(o, d -> d.done.add(Step.POINTS_GIVEN_BACK));
        }
        if (o.quote().isPresent() && !o.quote().get().applied().isEmpty() && !o.did(Step.PROMOTIONS_RELEASED)) {
            steps.releasePromotions(o);
            o = save(o, d -> d.done.add(Step.PROMOTIONS_RELEASED));
        }
        if (o.did(Step.POINTS_EARNED) && !o.did(Step.EARN_REVERSED)) {
            steps.reverseEarn(o);
            o = save(o, d -> d.done.add(Step.EARN_REVERSED));
        }
        return o;
    }

    // =====================================================================================================
    // after placement

    @Override
    public PlacedOrder confirm(IdempotencyKey key) {
        return locked(key, () -> {
            PlacedOrder o = require(key);
            switch (o.status()) {
                case CONFIRMED:
                    return o.request().atCounter() ? handOver(o) : o;
                case FULFILLED:
                    return o;
                case PLACED:
                    if (!clock.instant().isBefore(o.expiresAt())) {
                        expire(o);
                        throw new CheckoutStateException(key, OrderStatus.EXPIRED, "the payment came after the order"
                                + " expired at " + o.expiresAt() + ": refund it");
                    }
                    o = save(o, d -> d.status = OrderStatus.CONFIRMING);
                    return confirming(o);
                case CONFIRMING:
                    return confirming(o);
                case PLACING:
                    throw new CheckoutStateException(key, o.status(), "still being placed: call place again first");
                default:
                    throw new CheckoutStateException(key, o.status(), "only a placed order can be confirmed");
            }
        });
    }

    private PlacedOrder confirming(PlacedOrder o) {
        if (!o.did(Step.STOCK_CONFIRMED)) {
            Optional<HoldStatus> ended = steps.confirmStock(o);
            if (ended.isPresent()) {
                // released or expired through the inventory engine behind the checkout's back: the stock is gone
                expire(o);
                throw new CheckoutStateException(o.key(), OrderStatus.EXPIRED, "its stock hold "
                        + o.stockHold().orElseThrow().value() + " was " + ended.get()
                        + " outside the checkout, so the order cannot be paid: refund it");
            }
            o = save(o, d -> d.done.add(Step.STOCK_CONFIRMED));
        }
        if (o.request().points() > 0 && !o.did(Step.POINTS_SPENT)) {
            steps.spendPoints(o);
            o = save(o, d -> d.done.add(Step.POINTS_SPENT));
        }
        if (o.request().member().isPresent() && steps.ledger.isPresent() && !o.did(Step.POINTS_EARNED)) {
            long earned = steps.earn(o);
            o = save(o, d -> {
                d.pointsEarned = earned;
                d.done.add(Step.POINTS_EARNED);
            });
        }
        CartQuote quote = o.quote().orElseThrow();
        if (!quote.experiments().isEmpty() && o.request().member().isPresent() && !o.did(Step.CONVERSION_RECORDED)) {
            steps.pricing.converted(quote, context(o), o.payable().orElseThrow());
            o = save(o, d -> d.done.add(Step.CONVERSION_RECORDED));
        }
        if (o.request().member().isPresent() && (purchases.isPresent() || rfm.isPresent())
                && !o.did(Step.PURCHASE_RECORDED)) {
            recordPurchase(o);
            o = save(o, d -> d.done.add(Step.PURCHASE_RECORDED));
        }
        o = save(o, d -> d.status = OrderStatus.CONFIRMED);
        publish(new OrderEvent.Confirmed(clock.instant(), o.key(), o.orderId(), o.pointsEarned()));
        return o.request().atCounter() ? handOver(o) : o;
    }

    @Override
    public PlacedOrder payDeposit(IdempotencyKey key) {
        return locked(key, () -> {
            PlacedOrder o = require(key);
            if (o.did(Step.DEPOSIT_PAID)) {
                return o;
            }
            if (o.status() != OrderStatus.PLACED) {
                throw new CheckoutStateException(key, o.status(), "only a placed order takes a deposit");
            }
            if (o.deposit().isEmpty()) {
                throw new CheckoutStateException(key, o.status(), "its quote has no deposit offer: confirm it "
                        + "when it is paid in full");
            }
            if (!clock.instant().isBefore(o.expiresAt())) {
                expire(o);
                throw new CheckoutStateException(key, OrderStatus.EXPIRED, "the deposit came after the order"
                        + " expired at " + o.expiresAt() + ": refund it");
            }
            Optional<HoldStatus> ended = steps.confirmStock(o);
            if (ended.isPresent()) {
                expire(o);
                throw new CheckoutStateException(o.key(), OrderStatus.EXPIRED, "its stock hold was " + ended.get()
                        + " outside the checkout, so the deposit cannot be taken: refund it");
            }
            io.github.omniretail.pricing.DepositTerms terms = o.deposit().get();
            o = save(o, d -> {
                d.done.add(Step.STOCK_CONFIRMED);
                d.done.add(Step.DEPOSIT_PAID);
                d.expiresAt = terms.balanceDueBy();
            });
            publish(new OrderEvent.DepositPaid(clock.instant(), o.key(), o.orderId(), terms.deposit(),
                    terms.balance(), terms.balanceDueBy()));
            return o;
        });
    }

    /** A paid counter sale leaves with the customer: its one shipment is fulfilled at once. */
    private PlacedOrder handOver(PlacedOrder o) {
        return o.fulfilled().contains(0) ? o : fulfilled(o, 0);
    }

    /** The paid order's net goods amount, now, into the purchase history and the RFM tracker. */
    private void recordPurchase(PlacedOrder o) {
        io.github.omniretail.core.MemberId member = o.request().member().orElseThrow();
        Money net = EngineSteps.order(o).net();
        Instant now = clock.instant();
        purchases.ifPresent(h -> {
            synchronized (h) {
                h.add(member, now, net);
            }
        });
        rfm.ifPresent(t -> t.record(member, now, net));
    }

    @Override
    public PlacedOrder cancel(IdempotencyKey key) {
        return locked(key, () -> {
            PlacedOrder o = require(key);
            if (o.status() == OrderStatus.CANCELLED) {
                return o;
            }
            if (o.status() == OrderStatus.CONFIRMING) {
                o = confirming(o);
            }
            boolean paid = o.status() == OrderStatus.CONFIRMED;
            if (o.status() != OrderStatus.PLACING && o.status() != OrderStatus.PLACED && !paid
                    || !o.fulfilled().isEmpty()) {
                throw new CheckoutStateException(key, o.status(), o.fulfilled().isEmpty()
                        ? "only an order not yet shipped can be cancelled"
                        : "shipments " + o.fulfilled() + " left: return their units instead");
            }
            o = compensate(o);
            o = save(o, d -> d.status = OrderStatus.CANCELLED);
            publish(new OrderEvent.Cancelled(clock.instant(), o.key(), o.orderId(), paid));
            return o;
        });
    }

    @Override
    public PlacedOrder fulfil(IdempotencyKey key, int shipment) {
        return locked(key, () -> {
            PlacedOrder o = require(key);
            if (o.fulfilled().contains(shipment)) {
                return o;
            }
            int shipments = o.plan().map(p -> p.shipments().size()).orElse(0);
            if (shipments > 0 && (shipment < 0 || shipment >= shipments)) {
                throw new IllegalArgumentException("order " + key + " has shipments 0.." + (shipments - 1)
                        + ", not " + shipment);
            }
            if (o.status() != OrderStatus.CONFIRMED) {
                throw new CheckoutStateException(key, o.status(), "only a confirmed order can ship");
            }
            Optional<String> waiting = steps.notReady(o, shipment);
            if (waiting.isPresent()) {
                throw new CheckoutStateException(key, o.status(), "shipment " + shipment + " cannot leave yet: "
                        + waiting.get());
            }
            return fulfilled(o, shipment);
        });
    }

    private PlacedOrder fulfilled(PlacedOrder o, int shipment) {
        int shipments = o.plan().orElseThrow().shipments().size();
        NodeId node;
        try {
            node = steps.fulfil(o, shipment);
        } catch (IllegalHoldStateException e) {
            String why = o.request().presaleBy().isPresent() && e.status() == HoldStatus.RELEASED
                    ? " (a late or short delivery cancelled the pre-sale's waiting units: cancel the order)" : "";
            throw new CheckoutStateException(o.key(), o.status(), e.status().isFinal() ? "its stock hold "
                    + e.hold().value() + " is " + e.status() + " outside the checkout" + why + ": shipment "
                    + shipment + " cannot leave" : "shipment " + shipment + " cannot leave yet: " + e.getMessage());
        }
        o = save(o, d -> {
            d.fulfilled.add(shipment);
            if (d.fulfilled.size() == shipments) {
                d.status = OrderStatus.FULFILLED;
            }
        });
        publish(new OrderEvent.ShipmentFulfilled(clock.instant(), o.key(), o.orderId(), shipment, node));
        return o;
    }

    @Override
    public PlacedOrder returnLines(IdempotencyKey key, IdempotencyKey returnKey, NodeId restockAt,
            Map<Sku, Integer> units, Disposition disposition) {
        Objects.requireNonNull(returnKey, "returnKey");
        Objects.requireNonNull(restockAt, "restockAt");
        Objects.requireNonNull(disposition, "disposition");
        Map<Sku, Integer> asked = new java.util.TreeMap<>(units);
        return locked(key, () -> {
            PlacedOrder o = require(key);
            Optional<OrderReturn> before = returned(o, returnKey, asked, restockAt, disposition);
            if (before.isPresent()) {
                return o;
            }
            ReturnShare share = returnable(o, asked);
            int i = 0;
            for (Map.Entry<Sku, Integer> e : asked.entrySet()) {
                steps.restock(returnKey, i++, e.getKey(), restockAt, e.getValue(), disposition);
            }
            steps.givePaidPointsBack(o, returnKey, share.pointsBack());
            long reversed = steps.refundPoints(o, returnKey, share.net());
            OrderReturn r = new OrderReturn(returnKey, asked, restockAt, disposition, share.net(), share.refund(),
                    share.pointsBack(), reversed, clock.instant());
            o = save(o, d -> d.returns.add(r));
            publish(new OrderEvent.Returned(r.at(), o.key(), o.orderId(), r));
            return o;
        });
    }

    /** The return recorded under {@code returnKey}, if any, checked to be the same return. */
    private static Optional<OrderReturn> returned(PlacedOrder o, IdempotencyKey returnKey, Map<Sku, Integer> asked,
            NodeId restockAt, Disposition disposition) {
        for (OrderReturn r : o.returns()) {
            if (r.key().equals(returnKey)) {
                if (!r.units().equals(asked) || !r.restockAt().equals(restockAt)
                        || r.disposition() != disposition) {
                    throw new IdempotencyConflictException(returnKey, "return recorded before with " + r.units()
                            + " to " + r.restockAt() + " as " + r.disposition());
                }
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The shares of units that may come back now; refuses a return the order's state or shipments do not allow. */
    private static ReturnShare returnable(PlacedOrder o, Map<Sku, Integer> asked) {
        if (o.status() != OrderStatus.CONFIRMED && o.status() != OrderStatus.FULFILLED) {
            throw new CheckoutStateException(o.key(), o.status(), "only units of a confirmed order can come back");
        }
        return ReturnShare.of(o, asked);
    }

    @Override
    public Exchange exchange(IdempotencyKey key, IdempotencyKey returnKey, NodeId restockAt, Map<Sku, Integer> units,
            Disposition disposition, OrderRequest replacement) {
        Objects.requireNonNull(returnKey, "returnKey");
        Objects.requireNonNull(restockAt, "restockAt");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(replacement, "replacement");
        Map<Sku, Integer> asked = new java.util.TreeMap<>(units);
        PlacedOrder original = require(key);
        if (replacement.key().equals(key)) {
            throw new IllegalArgumentException("the replacement of order " + key + " needs a key of its own");
        }
        if (!replacement.shipping().currency().equals(original.request().shipping().currency())) {
            throw new IllegalArgumentException("the replacement of order " + key + " is in "
                    + replacement.shipping().currency() + ", the order in " + original.request().shipping().currency());
        }
        boolean done = returned(original, returnKey, asked, restockAt, disposition).isPresent();
        if (!done) {
            returnable(original, asked); // refused here, before anything is placed
        }
        PlacedOrder placed = place(replacement);
        boolean live = placed.status() == OrderStatus.PLACED || placed.status() == OrderStatus.CONFIRMED
                || placed.status() == OrderStatus.FULFILLED;
        if (!live && !done) {
            return new Exchange(original, placed, Optional.empty()); // refused: nothing comes back
        }
        PlacedOrder after;
        try {
            after = returnLines(key, returnKey, restockAt, asked, disposition);
        } catch (RuntimeException refused) {
            if (placed.status() == OrderStatus.PLACED) {
                cancel(placed.key());
            }
            throw refused;
        }
        Optional<OrderReturn> r = after.returns().stream().filter(x -> x.key().equals(returnKey)).findFirst();
        return new Exchange(after, placed, r);
    }

    @Override
    public int expireDue() {
        int expired = 0;
        Instant now = clock.instant();
        List<IdempotencyKey> due;
        do {
            due = store.unpaidBy(now, EXPIRY_BATCH);
            for (IdempotencyKey key : due) {
                boolean done = locked(key, () -> {
                    PlacedOrder o = store.find(key).orElseThrow();
                    if ((o.status() == OrderStatus.PLACING || o.status() == OrderStatus.PLACED)
                            && !now.isBefore(o.expiresAt())) {
                        expire(o);
                        return true;
                    }
                    return false;
                });
                expired += done ? 1 : 0;
            }
        } while (due.size() == EXPIRY_BATCH);
        return expired;
    }

    private PlacedOrder expire(PlacedOrder o) {
        o = compensate(o);
        o = save(o, d -> d.status = OrderStatus.EXPIRED);
        publish(new OrderEvent.Expired(clock.instant(), o.key(), o.orderId()));
        return o;
    }

    @Override
    public Optional<PlacedOrder> order(IdempotencyKey key) {
        return store.find(Objects.requireNonNull(key, "key"));
    }
}
