package io.github.omniretail.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer order as the engines see it: who, through which channel, when, how it is delivered, and its lines.
 *
 * <p>All lines share one currency. The same SKU may appear on several lines (for example at different prices);
 * engines that need one quantity per SKU sum them. Immutable and thread-safe.
 *
 * @param id non-null order id
 * @param channel non-null channel the order came through
 * @param member the ordering member, if known
 * @param placedAt non-null instant the order was placed
 * @param delivery non-null delivery method
 * @param lines non-empty lines in one currency (copied)
 * @param promisedBy the instant delivery (or readiness for pickup) was promised by, if any; not before
 *     {@code placedAt}
 */
public record Order(
        OrderId id,
        Channel channel,
        Optional<MemberId> member,
        Instant placedAt,
        DeliveryMethod delivery,
        List<OrderLine> lines,
        Optional<Instant> promisedBy) {

    /**
     * Validates the order and copies its lines.
     *
     * @param id non-null order id
     * @param channel non-null channel the order came through
     * @param member the ordering member, if known
     * @param placedAt non-null instant the order was placed
     * @param delivery non-null delivery method
     * @param lines non-empty lines in one currency (copied)
     * @param promisedBy the instant delivery (or readiness for pickup) was promised by, if any; not before {@code placedAt}
     */
    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(promisedBy, "promisedBy");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("order " + id + " has no lines");
        }
        Currency currency = lines.get(0).unitPrice().currency();
        for (OrderLine line : lines) {
            if (!line.unitPrice().currency().equals(currency)) {
                throw new CurrencyMismatchException(currency, line.unitPrice().currency());
            }
        }
        if (promisedBy.isPresent() && promisedBy.get().isBefore(placedAt)) {
            throw new IllegalArgumentException("order " + id + ": promisedBy " + promisedBy.get()
                    + " is before placedAt " + placedAt);
        }
    }

    /** @return the currency of every line */
    public Currency currency() {
        return lines.get(0).unitPrice().currency();
    }

    /**
     * Sum of the line totals, exact.
     *
     * @return the subtotal before any discount
     * @throws ArithmeticException on overflow
     */
    public Money subtotal() {
        Money sum = Money.zero(currency());
        for (OrderLine line : lines) {
            sum = sum.plus(line.total());
        }
        return sum;
    }

    /**
     * Sum of the lines' net amounts (after their discounts), exact: what the goods cost the customer, before
     * shipping.
     *
     * @return the net subtotal
     * @throws ArithmeticException on overflow
     */
    public Money net() {
        Money sum = Money.zero(currency());
        for (OrderLine line : lines) {
            sum = sum.plus(line.net());
        }
        return sum;
    }

    /**
     * Total units over all lines.
     *
     * @return the unit count
     * @throws ArithmeticException on overflow
     */
    public long totalQuantity() {
        long sum = 0;
        for (OrderLine line : lines) {
            sum = Math.addExact(sum, line.quantity());
        }
        return sum;
    }

    /**
     * A builder with the required fields set.
     *
     * @param id non-null order id
     * @param channel non-null channel
     * @param placedAt non-null placement instant
     * @param delivery non-null delivery method
     * @return a new builder; not thread-safe
     */
    public static Builder builder(OrderId id, Channel channel, Instant placedAt, DeliveryMethod delivery) {
        return new Builder(id, channel, placedAt, delivery);
    }

    /** Builds an {@link Order}. Not thread-safe; {@link #build()} validates. */
    public static final class Builder {
        private final OrderId id;
        private final Channel channel;
        private final Instant placedAt;
        private final DeliveryMethod delivery;
        private final List<OrderLine> lines = new ArrayList<>();
        private Optional<MemberId> member = Optional.empty();
        private Optional<Instant> promisedBy = Optional.empty();

        private Builder(OrderId id, Channel channel, Instant placedAt, DeliveryMethod delivery) {
            this.id = Objects.requireNonNull(id, "id");
            this.channel = Objects.requireNonNull(channel, "channel");
            this.placedAt = Objects.requireNonNull(placedAt, "placedAt");
            this.delivery = Objects.requireNonNull(delivery, "delivery");
        }

        /**
         * Sets the ordering member.
         *
         * @param member non-null member id
         * @return this builder
         */
        public Builder member(MemberId member) {
            this.member = Optional.of(member);
            return this;
        }

        /**
         * Sets the promised delivery (or pickup-ready) instant.
         *
         * @param promisedBy non-null instant, not before placement
         * @return this builder
         */
        public Builder promisedBy(Instant promisedBy) {
            this.promisedBy = Optional.of(promisedBy);
            return this;
        }

        /**
         * Adds a line.
         *
         * @param line non-null line
         * @return this builder
         */
        public Builder line(OrderLine line) {
            lines.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        /**
         * Adds a line.
         *
         * @param sku non-null SKU
         * @param quantity units, {@code > 0}
         * @param unitPrice non-null, non-negative unit price
         * @return this builder
         */
        public Builder line(Sku sku, int quantity, Money unitPrice) {
            return line(OrderLine.of(sku, quantity, unitPrice));
        }

        /**
         * Builds the order.
         *
         * @return the order
         * @throws IllegalArgumentException if it has no lines or is otherwise invalid
         * @throws CurrencyMismatchException if lines have different currencies
         */
        public Order build() {
            return new Order(id, channel, member, placedAt, delivery, lines, promisedBy);
        }
    }
}
