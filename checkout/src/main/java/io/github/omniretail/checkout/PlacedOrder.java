package io.github.omniretail.checkout;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.pricing.CartQuote;
import io.github.omniretail.routing.FulfillmentPlan;
import io.github.omniretail.routing.RoutingResult;
import io.github.omniretail.routing.Shipment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An order as the checkout knows it: the request, where it is, and everything that happened to it — the quote, the
 * routing decision with its explanation, the stock hold, the points paid and earned, shipments that left and
 * returns. What the caller's order system keeps; also what a {@link io.github.omniretail.checkout.spi.CheckoutStore}
 * stores. Immutable and thread-safe.
 *
 * @param request non-null what was asked for
 * @param status non-null where the order is
 * @param version {@code >= 1}, raised by one on every change (stores use it to refuse lost updates)
 * @param placedAt non-null when it was first placed (prices are quoted at this instant)
 * @param expiresAt non-null when it expires if still unpaid
 * @param quote the prices, once quoted
 * @param routing the routing decision (a plan, or why there is none), once routed
 * @param attempt which stock-hold attempt the routing decision is for, {@code >= 1}
 * @param stockHold the inventory hold, once placed
 * @param pointsValue non-null money the paid points are worth (zero without points)
 * @param pointsEarned points the order earned, {@code >= 0}
 * @param done non-null steps done (each engine call the journey has made)
 * @param refusal why the order was refused, or will be once what was held is given back
 * @param fulfilled non-null indexes of the plan's shipments that left
 * @param returns non-null returns, oldest first
 */
public record PlacedOrder(OrderRequest request, OrderStatus status, long version, Instant placedAt,
        Instant expiresAt, Optional<CartQuote> quote, Optional<RoutingResult> routing, int attempt,
        Optional<HoldId> stockHold, Money pointsValue, long pointsEarned, Set<Step> done, Optional<String> refusal,
        Set<Integer> fulfilled, List<OrderReturn> returns) {

    /** An engine call the journey has made; each is made once whatever the retries. */
    public enum Step {
        /** Daily order capacity taken at the planned nodes. */
        CAPACITY_TAKEN,
        /** Stock held at the planned nodes. */
        STOCK_HELD,
        /** Points held for payment. */
        POINTS_HELD,
        /** Coupon uses and promotion budgets recorded. */
        PROMOTIONS_RESERVED,
        /** Stock hold confirmed (paid). */
        STOCK_CONFIRMED,
        /** Held points spent. */
        POINTS_SPENT,
        /** Points earned on the net amount. */
        POINTS_EARNED,
        /** The quote's experiments told the order was paid. */
        CONVERSION_RECORDED,
        /** The paid order fed to the purchase history and RFM tracker. */
        PURCHASE_RECORDED,
        /** Stock given back (cancel, expiry or refusal). */
        STOCK_RELEASED,
        /** Daily order capacity given back. */
        CAPACITY_RELEASED,
        /** Held or spent points given back. */
        POINTS_GIVEN_BACK,
        /** Coupon uses and budgets given back. */
        PROMOTIONS_RELEASED,
        /** Earned points taken back (cancel after payment). */
        EARN_REVERSED,
        /** The deposit of a pre-sale paid; the balance is due by the deposit terms' date. */
        DEPOSIT_PAID
    }

    /** Validates and copies. */
    public PlacedOrder {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(stockHold, "stockHold");
        Objects.requireNonNull(pointsValue, "pointsValue");
        Objects.requireNonNull(refusal, "refusal");
        if (version < 1 || attempt < 1 || pointsEarned < 0) {
            throw new IllegalArgumentException("version and attempt must be >= 1 and pointsEarned >= 0, were "
                    + version + ", " + attempt + ", " + pointsEarned);
        }
        done = done.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(done));
        fulfilled = java.util.Collections.unmodifiableSet(new TreeSet<>(fulfilled));
        returns = List.copyOf(returns);
    }

    /** @return the order's key */
    public IdempotencyKey key() {
        return request.key();
    }

    /** @return the order's id */
    public OrderId orderId() {
        return request.orderId();
    }

    /** @return the fulfilment plan, once routed to one */
    public Optional<FulfillmentPlan> plan() {
        return routing.flatMap(RoutingResult::plan);
    }

    /** @return what the customer pays in money: the quote's total less the points' value; empty before quoting */
    public Optional<Money> payable() {
        return quote.map(q -> q.total().minus(pointsValue));
    }

    /** @return the quote's deposit terms (deposit now, balance by a date), if a deposit offer applied */
    public Optional<io.github.omniretail.pricing.DepositTerms> deposit() {
        return quote.flatMap(io.github.omniretail.pricing.CartQuote::deposit);
    }

    /** @return the plan's ready-by: for a pre-sale, when its awaited stock is in and handled */
    public Optional<Instant> readyBy() {
        return plan().map(FulfillmentPlan::readyBy);
    }

    /**
     * @param step non-null step
     * @return whether it was done
     */
    public boolean did(Step step) {
        return done.contains(step);
    }

    /** @return units that left per SKU, over the fulfilled shipments */
    public Map<Sku, Integer> shipped() {
        Map<Sku, Integer> out = new HashMap<>();
        plan().ifPresent(p -> {
            for (int i : fulfilled) {
                for (Shipment.Line l : p.shipments().get(i).lines()) {
                    out.merge(l.sku(), l.quantity(), Integer::sum);
                }
            }
        });
        return out;
    }

    /** @return units returned so far per SKU */
    public Map<Sku, Integer> returned() {
        Map<Sku, Integer> out = new HashMap<>();
        for (OrderReturn r : returns) {
            r.units().forEach((sku, u) -> out.merge(sku, u, Integer::sum));
        }
        return out;
    }

    /** @return a draft of the next version */
    Draft next() {
        return new Draft(this);
    }

    /** The next version of an order, built by the checkout. Not thread-safe. */
    static final class Draft {
        final OrderRequest request;
        OrderStatus status;
        final long version;
        final Instant placedAt;
        Instant expiresAt;
        Optional<CartQuote> quote;
        Optional<RoutingResult> routing;
        int attempt;
        Optional<HoldId> stockHold;
        Money pointsValue;
        long pointsEarned;
        final EnumSet<Step> done = EnumSet.noneOf(Step.class);
        Optional<String> refusal;
        final Set<Integer> fulfilled;
        final List<OrderReturn> returns;

        private Draft(PlacedOrder o) {
            request = o.request;
            status = o.status;
            version = o.version + 1;
            placedAt = o.placedAt;
            expiresAt = o.expiresAt;
            quote = o.quote;
            routing = o.routing;
            attempt = o.attempt;
            stockHold = o.stockHold;
            pointsValue = o.pointsValue;
            pointsEarned = o.pointsEarned;
            done.addAll(o.done);
            refusal = o.refusal;
            fulfilled = new TreeSet<>(o.fulfilled);
            returns = new ArrayList<>(o.returns);
        }

        PlacedOrder build() {
            return new PlacedOrder(request, status, version, placedAt, expiresAt, quote, routing, attempt, stockHold,
                    pointsValue, pointsEarned, done, refusal, fulfilled, returns);
        }
    }
}
