package io.github.omniretail.analytics;

import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fact a {@link KpiTracker} counts: an order placed, returned, fulfilled or rejected, a quote, a stock level, a
 * receipt, an expired lot. These are the rows of the CSV export ({@link KpiCsv}); a host maps its own order and stock
 * events to them (the checkout's and the inventory engine's events carry every field). Immutable values.
 */
public sealed interface KpiEvent permits KpiEvent.OrderPlaced, KpiEvent.OrderReturned, KpiEvent.OrderFulfilled,
        KpiEvent.OrderRejected, KpiEvent.QuoteIssued, KpiEvent.StockLevel, KpiEvent.StockReceived, KpiEvent.LotExpired {

    /**
     * When it happened.
     *
     * @return the instant
     */
    Instant at();

    /**
     * One line of an order.
     *
     * @param sku the SKU
     * @param units units sold, {@code > 0}
     * @param revenue what the customer paid for the line, after discounts, {@code >= 0}
     * @param cost the line's cost of goods when known
     */
    record Line(Sku sku, int units, Money revenue, Optional<Money> cost) {
        /** Validates: no nulls, positive units, non-negative amounts. */
        public Line {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(revenue, "revenue");
            Objects.requireNonNull(cost, "cost");
            if (units <= 0) {
                throw new IllegalArgumentException("units must be > 0, was " + units + " for " + sku);
            }
            if (revenue.isNegative()) {
                throw new IllegalArgumentException("revenue must be >= 0, was " + revenue + " for " + sku);
            }
            cost.ifPresent(c -> {
                revenue.requireSameCurrency(c);
                if (c.isNegative()) {
                    throw new IllegalArgumentException("cost must be >= 0, was " + c + " for " + sku);
                }
            });
        }
    }

    /**
     * An order was placed (paid, or confirmed for cash on pickup).
     *
     * @param at when
     * @param order its id; an order is counted once however often the event is delivered
     * @param member the member, empty for a guest
     * @param channel where it was sold
     * @param store the node it is attributed to: the store for a store sale, the fulfilling node otherwise
     * @param lines its lines, at least one, one currency
     * @param quote the quote it converted, if the channel quotes first
     * @param promisedBy the delivery or pickup promise, if any (same-day on-time rate)
     */
    record OrderPlaced(Instant at, OrderId order, Optional<MemberId> member, ChannelKind channel, NodeId store,
            List<Line> lines, Optional<String> quote, Optional<Instant> promisedBy) implements KpiEvent {
        /** Validates: no nulls, at least one line, one currency. */
        public OrderPlaced {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(quote, "quote");
            Objects.requireNonNull(promisedBy, "promisedBy");
            lines = List.copyOf(lines);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("order " + order + " has no lines");
            }
            for (Line l : lines) {
                lines.get(0).revenue().requireSameCurrency(l.revenue());
            }
        }

        /**
         * The order's revenue: the sum of its lines.
         *
         * @return revenue
         */
        public Money revenue() {
            Money sum = Money.zero(lines.get(0).revenue().currency());
            for (Line l : lines) {
                sum = sum.plus(l.revenue());
            }
            return sum;
        }
    }

    /**
     * Units of an order came back and were refunded.
     *
     * @param at when
     * @param order the order; the return counts toward that order's channel and store
     * @param returnId the return's id, so a redelivered event is counted once
     * @param sku the SKU returned
     * @param units units returned, {@code > 0}
     * @param refund the amount refunded, {@code >= 0}
     * @param cost the cost of the returned units when known (it leaves cost of goods)
     */
    record OrderReturned(Instant at, OrderId order, String returnId, Sku sku, int units, Money refund,
            Optional<Money> cost) implements KpiEvent {
        /** Validates. */
        public OrderReturned {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(returnId, "returnId");
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(refund, "refund");
            Objects.requireNonNull(cost, "cost");
            if (returnId.isBlank()) {
                throw new IllegalArgumentException("returnId must not be blank for order " + order);
            }
            if (units <= 0) {
                throw new IllegalArgumentException("returned units must be > 0, was " + units + " for " + order);
            }
            if (refund.isNegative()) {
                throw new IllegalArgumentException("refund must be >= 0, was " + refund + " for " + order);
            }
        }
    }

    /**
     * An order was handed over: delivered, picked up, or taken at the till.
     *
     * @param at when
     * @param order the order
     */
    record OrderFulfilled(Instant at, OrderId order) implements KpiEvent {
        /** Validates. */
        public OrderFulfilled {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(order, "order");
        }
    }

    /**
     * An order could not be placed.
     *
     * @param at when
     * @param channel where
     * @param store the node it would have been attributed to
     * @param sku the SKU that was short, when the reason is stock (it counts as demand at {@code store})
     * @param reason a short reason code, e.g. {@code insufficient_stock}, {@code no_route}
     */
    record OrderRejected(Instant at, ChannelKind channel, NodeId store, Optional<Sku> sku, String reason)
            implements KpiEvent {
        /** Validates. */
        public OrderRejected {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("reason must not be blank");
            }
        }
    }

    /**
     * A price quote was shown (a cart or checkout page); an order naming it converts it.
     *
     * @param at when
     * @param quote its id
     * @param channel where
     */
    record QuoteIssued(Instant at, String quote, ChannelKind channel) implements KpiEvent {
        /** Validates. */
        public QuoteIssued {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(quote, "quote");
            Objects.requireNonNull(channel, "channel");
            if (quote.isBlank()) {
                throw new IllegalArgumentException("quote must not be blank");
            }
        }
    }

    /**
     * A position's stock after a change. A position's levels must reach the tracker in time order (as the
     * inventory engine's events do, per SKU); levels of different positions may interleave freely.
     *
     * @param at when
     * @param sku the SKU
     * @param node the node
     * @param onHand units on hand, {@code >= 0}
     * @param atp units available to promise, {@code >= 0}
     */
    record StockLevel(Instant at, Sku sku, NodeId node, int onHand, int atp) implements KpiEvent {
        /** Validates. */
        public StockLevel {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(node, "node");
            if (onHand < 0 || atp < 0) {
                throw new IllegalArgumentException("on hand and ATP must be >= 0, were " + onHand + " and " + atp
                        + " for " + sku + " at " + node);
            }
        }
    }

    /**
     * Units were received into a node (a supplier delivery or a transfer in).
     *
     * @param at when
     * @param sku the SKU
     * @param node the node
     * @param units units, {@code > 0}
     */
    record StockReceived(Instant at, Sku sku, NodeId node, int units) implements KpiEvent {
        /** Validates. */
        public StockReceived {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(node, "node");
            if (units <= 0) {
                throw new IllegalArgumentException("received units must be > 0, was " + units + " for " + sku);
            }
        }
    }

    /**
     * Units of a lot expired unsold and were written off.
     *
     * @param at when
     * @param sku the SKU
     * @param node the node
     * @param lot the lot
     * @param units units written off, {@code > 0}
     * @param value their cost, {@code >= 0}
     */
    record LotExpired(Instant at, Sku sku, NodeId node, String lot, int units, Money value) implements KpiEvent {
        /** Validates. */
        public LotExpired {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(lot, "lot");
            Objects.requireNonNull(value, "value");
            if (units <= 0) {
                throw new IllegalArgumentException("expired units must be > 0, was " + units + " for " + sku);
            }
            if (value.isNegative()) {
                throw new IllegalArgumentException("waste value must be >= 0, was " + value + " for " + sku);
            }
        }
    }
}
