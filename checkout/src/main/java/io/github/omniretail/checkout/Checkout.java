package io.github.omniretail.checkout;

import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Disposition;
import io.github.omniretail.core.event.CheckoutEvent;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.StackingMode;
import io.github.omniretail.routing.RoutingEngine;
import io.github.omniretail.routing.RoutingPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One order's journey through the engines you already built: {@link #place} prices the cart, routes it, holds the
 * stock at the planned nodes, holds the points it pays with and reserves its coupons and promotion budgets;
 * {@link #confirm} (payment taken) confirms the stock, spends the points and earns points on each line's net
 * amount; {@link #fulfil} ships, {@link #returnLines} takes units back, {@link #cancel} and {@link #expireDue} give
 * everything back.
 *
 * <p><b>Counter sales.</b> A request {@link OrderRequest.Builder#atCounter() at the counter} (a till sale) goes
 * through the same steps from one node's shelf: routing plans it there only ({@link RoutingEngine#routeAtCounter}),
 * it takes no daily order capacity, a missing unit refuses it instead of routing again, and {@link #confirm} hands
 * it over ({@code FULFILLED}).
 *
 * <p><b>Keys.</b> The order's {@link IdempotencyKey} is the only key a caller makes; every engine call's key is
 * derived from it ({@code <key>/stock-1}, {@code <key>/points}, {@code <key>/earn} …). Each change is saved in the
 * {@link CheckoutStore} before the next engine call, so a crash or failure between any two steps, then the same call
 * again, ends where an uninterrupted run would. A step the business refuses (no stock, too few points, a coupon ran
 * out) gives back what the earlier steps took, and the order is {@link OrderStatus#REFUSED}.
 *
 * <p>Thread-safe: calls on one order are serialised (and the store's versions refuse a lost update between
 * instances); calls on different orders run in parallel.
 */
public interface Checkout {

    /**
     * Places an order, or returns it as it stands if the key was placed before (finishing a placement a crash
     * interrupted).
     *
     * @param request non-null order
     * @return the order: {@code PLACED}, or {@code REFUSED} with the reason
     * @throws IdempotencyConflictException if the key was placed before with another request
     * @throws IllegalArgumentException for a member the ledger does not know, or points without a ledger
     */
    PlacedOrder place(OrderRequest request);

    /**
     * Confirms a placed order once it is paid; a counter sale is handed over too. Idempotent.
     *
     * @param key non-null order key
     * @return the order, {@code CONFIRMED} ({@code FULFILLED} for a counter sale)
     * @throws CheckoutStateException if it is not placed (refused, cancelled) or expired unpaid (refund the payment)
     * @throws java.util.NoSuchElementException if no order has the key
     */
    PlacedOrder confirm(IdempotencyKey key);

    /**
     * Records that the deposit of a placed order whose quote has {@link PlacedOrder#deposit() deposit terms} (定金)
     * was paid: its stock hold is confirmed (a pre-sale keeps waiting for its receipt), and the order now waits for
     * the balance until the terms' due date instead of the payment window. {@link #confirm} then records the
     * balance; {@link #expireDue} after the due date ends the order unpaid, giving back its stock and promotions
     * (the deposit is the caller's to keep or refund, by its terms). Idempotent.
     *
     * @param key non-null order key
     * @return the order, still {@code PLACED}, with {@link PlacedOrder.Step#DEPOSIT_PAID} done
     * @throws CheckoutStateException if it is not placed, has no deposit terms, or expired unpaid
     * @throws java.util.NoSuchElementException if no order has the key
     */
    PlacedOrder payDeposit(IdempotencyKey key);

    /**
     * Cancels an order not yet shipped, giving back its stock, points and promotions — and, after payment, reversing
     * what it earned (the caller refunds the payment). Idempotent.
     *
     * @param key non-null order key
     * @return the order, {@code CANCELLED}
     * @throws CheckoutStateException if a shipment left (return it instead) or it was refused or expired
     * @throws java.util.NoSuchElementException if no order has the key
     */
    PlacedOrder cancel(IdempotencyKey key);

    /**
     * Records that one shipment of a confirmed order left its node. Idempotent per shipment.
     *
     * @param key non-null order key
     * @param shipment index of the shipment in {@link PlacedOrder#plan()}
     * @return the order, {@code FULFILLED} once every shipment left
     * @throws CheckoutStateException unless the order is confirmed
     * @throws IllegalArgumentException if there is no such shipment
     * @throws java.util.NoSuchElementException if no order has the key
     */
    PlacedOrder fulfil(IdempotencyKey key, int shipment);

    /**
     * Takes back units that left: puts them back on the shelf at {@code restockAt} ({@link Disposition#SELLABLE}),
     * refunds their share of their lines' net amounts and reverses the points they earned. Idempotent per return
     * key.
     *
     * @param key non-null order key
     * @param returnKey non-null key of this return
     * @param restockAt non-null node receiving the units
     * @param units non-null, non-empty units per SKU, each at most what left and was not returned before
     * @return the order with the return appended to {@link PlacedOrder#returns()}
     * @throws CheckoutStateException unless the order is confirmed or fulfilled
     * @throws IdempotencyConflictException if the return key was used for other units or another node
     * @throws IllegalArgumentException naming the SKU if more units come back than left
     * @throws java.util.NoSuchElementException if no order has the key
     */
    default PlacedOrder returnLines(IdempotencyKey key, IdempotencyKey returnKey, NodeId restockAt,
            Map<Sku, Integer> units) {
        return returnLines(key, returnKey, restockAt, units, Disposition.SELLABLE);
    }

    /**
     * Takes back units that left, with what becomes of them at {@code restockAt}: back on the shelf
     * ({@link Disposition#SELLABLE}), in quarantine until inspected ({@code InventoryEngine.inspect}), or written off
     * ({@link Disposition#DAMAGED}). The refund and the points are the same whatever the disposition: the customer
     * is paid back the units' share of their lines' net amounts, and their points are reversed. Idempotent per
     * return key.
     *
     * @param key non-null order key
     * @param returnKey non-null key of this return
     * @param restockAt non-null node receiving the units
     * @param units non-null, non-empty units per SKU, each at most what left and was not returned before
     * @param disposition non-null what becomes of the units
     * @return the order with the return appended to {@link PlacedOrder#returns()}
     * @throws CheckoutStateException unless the order is confirmed or fulfilled
     * @throws IdempotencyConflictException if the return key was used for other units, node or disposition
     * @throws IllegalArgumentException naming the SKU if more units come back than left
     * @throws java.util.NoSuchElementException if no order has the key
     */
    PlacedOrder returnLines(IdempotencyKey key, IdempotencyKey returnKey, NodeId restockAt, Map<Sku, Integer> units,
            Disposition disposition);

    /**
     * An exchange: units of a confirmed order come back as {@link #returnLines} takes them, and a replacement order
     * is placed for what the customer takes instead, priced as any order. {@link Exchange#difference()} is what the
     * customer pays (positive) or is paid back (negative): the replacement's payable less the return's refund. The
     * replacement is placed first: if it is refused (no stock, say) nothing comes back and the original order is
     * unchanged; if the return is refused, the replacement is cancelled. Confirm the replacement once the
     * difference is settled. Idempotent: the same call again returns the same exchange.
     *
     * @param key non-null key of the original order
     * @param returnKey non-null key of the return
     * @param restockAt non-null node receiving the returned units
     * @param units non-null, non-empty units per SKU coming back
     * @param disposition non-null what becomes of them
     * @param replacement non-null the replacement order, under its own key
     * @return the original order after the return (unchanged if the replacement was refused) and the replacement
     * @throws CheckoutStateException unless the original order is confirmed or fulfilled
     * @throws IllegalArgumentException naming the SKU if more units come back than left, or if the replacement is
     *     in another currency
     * @throws IdempotencyConflictException if a key was used for another call
     * @throws java.util.NoSuchElementException if no order has the key
     */
    Exchange exchange(IdempotencyKey key, IdempotencyKey returnKey, NodeId restockAt, Map<Sku, Integer> units,
            Disposition disposition, OrderRequest replacement);

    /**
     * Expires every order still unpaid past its payment window, giving back what it held. Call it periodically.
     *
     * @return how many orders expired
     */
    int expireDue();

    /**
     * @param key non-null order key
     * @return the order, if any
     */
    Optional<PlacedOrder> order(IdempotencyKey key);

    /**
     * A builder over the engines.
     *
     * @param inventory non-null inventory engine
     * @param routing non-null routing engine (over the same inventory)
     * @param pricing non-null pricing engine
     * @return a new builder; not thread-safe
     */
    static Builder builder(InventoryEngine inventory, RoutingEngine routing, PricingEngine pricing) {
        return new Builder(inventory, routing, pricing);
    }

    /** Configures a {@link Checkout}. Not thread-safe. */
    final class Builder {
        final InventoryEngine inventory;
        final RoutingEngine routing;
        final PricingEngine pricing;
        Optional<PointsLedger> ledger = Optional.empty();
        CheckoutStore store;
        Clock clock = Clock.systemUTC();
        ZoneId zone = ZoneId.of("UTC");
        Duration paymentWindow = Duration.ofMinutes(15);
        StackingMode mode = StackingMode.BEST_DEAL;
        RoutingPolicy policy;
        long pointsPerUnit;
        Money unitWorth;
        EventSink<CheckoutEvent> events = EventSink.none();
        java.util.function.Predicate<io.github.omniretail.core.MemberId> boughtBefore;
        Optional<io.github.omniretail.loyalty.analytics.PurchaseHistory> purchases = Optional.empty();
        Optional<io.github.omniretail.loyalty.analytics.RfmTracker> rfm = Optional.empty();

        private Builder(InventoryEngine inventory, RoutingEngine routing, PricingEngine pricing) {
            this.inventory = Objects.requireNonNull(inventory, "inventory");
            this.routing = Objects.requireNonNull(routing, "routing");
            this.pricing = Objects.requireNonNull(pricing, "pricing");
        }

        /**
         * @param ledger non-null points ledger: members earn on confirmed orders and may pay with points
         * @return this builder
         */
        public Builder ledger(PointsLedger ledger) {
            this.ledger = Optional.of(ledger);
            return this;
        }

        /**
         * @param store non-null order store (default: {@link CheckoutStore#inMemory()})
         * @return this builder
         */
        public Builder store(CheckoutStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * @param clock non-null clock (default: system UTC); use the engines' clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param zone non-null zone prices are quoted in (time-of-day schedules; default UTC)
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * @param window positive time a placed order waits for payment (default 15 minutes)
         * @return this builder
         */
        public Builder paymentWindow(Duration window) {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("payment window must be positive, was " + window);
            }
            this.paymentWindow = window;
            return this;
        }

        /**
         * @param mode non-null promotion stacking mode (default {@link StackingMode#BEST_DEAL})
         * @return this builder
         */
        public Builder stacking(StackingMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param policy non-null routing policy for requests without one (default: the routing engine's)
         * @return this builder
         */
        public Builder policy(RoutingPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * What points are worth when an order pays with them, e.g. {@code pointsWorth(100, Money.parse("1.00", CNY))}
         * (100 points = ¥1). An order's points are worth {@code points × worth / per}, rounded down to a minor unit.
         * Without this, orders cannot pay with points.
         *
         * @param per points, {@code > 0}
         * @param worth non-null, positive money {@code per} points are worth
         * @return this builder
         */
        public Builder pointsWorth(long per, Money worth) {
            if (per <= 0 || !worth.isPositive()) {
                throw new IllegalArgumentException("points worth needs per > 0 and a positive amount, was " + per
                        + " = " + worth);
            }
            this.pointsPerUnit = per;
            this.unitWorth = worth;
            return this;
        }

        /**
         * @param events non-null sink for {@link OrderEvent}s (default: none); called after each change is saved
         * @return this builder
         */
        public Builder events(EventSink<CheckoutEvent> events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /**
         * Who bought before the checkout knew them, for first-order offers (首单): a member's order is a first order
         * when none of their orders was paid through this checkout and this says false. Default: the member has any
         * entry in the points ledger (false without a ledger). Back it with your order history when the ledger does
         * not reach back far enough.
         *
         * @param boughtBefore non-null, thread-safe test
         * @return this builder
         */
        public Builder boughtBefore(java.util.function.Predicate<io.github.omniretail.core.MemberId> boughtBefore) {
            this.boughtBefore = Objects.requireNonNull(boughtBefore, "boughtBefore");
            return this;
        }

        /**
         * Feeds every paid member order into a purchase history (for the nightly RFM, BG/NBD and CLV batch): the
         * order's net goods amount at the instant it was paid. The checkout writes to it while holding its monitor
         * ({@code synchronized (history)}); do the same when you read or write it meanwhile.
         *
         * @param history non-null history in the orders' currency
         * @return this builder
         */
        public Builder purchases(io.github.omniretail.loyalty.analytics.PurchaseHistory history) {
            this.purchases = Optional.of(history);
            return this;
        }

        /**
         * Feeds every paid member order into a live RFM tracker, so members' scores and segments follow sales.
         *
         * @param tracker non-null tracker in the orders' currency
         * @return this builder
         */
        public Builder rfm(io.github.omniretail.loyalty.analytics.RfmTracker tracker) {
            this.rfm = Optional.of(tracker);
            return this;
        }

        /** @return the checkout */
        public Checkout build() {
            return new DefaultCheckout(this);
        }
    }
}
