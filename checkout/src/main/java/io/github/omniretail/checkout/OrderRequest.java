package io.github.omniretail.checkout;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.pricing.Cart;
import io.github.omniretail.routing.RoutingPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a customer asks for: the order to place. Immutable and thread-safe; equal requests are the same order (a
 * retry), so {@link Checkout#place} compares a repeated key's request with the first one.
 *
 * @param key non-null key of the order: every step's key is derived from it
 * @param orderId non-null id of the order in the caller's order system
 * @param channel non-null channel the order came through
 * @param member the member buying, if known (needed to redeem or earn points and for member prices)
 * @param delivery non-null delivery method
 * @param lines non-null, non-empty cart lines, each SKU once
 * @param shipping non-null shipping fee before shipping promotions, in the cart's currency
 * @param coupons non-null coupon codes entered
 * @param points points to pay with, {@code >= 0} (0: none); needs a member
 * @param policy the routing policy, or empty for the checkout's default
 * @param atCounter whether the goods are handed over at the pickup node's counter (a till sale): the order is
 *     served from that node's shelf only, takes no daily order capacity, and {@link Checkout#confirm} hands it
 *     over at once; see {@link Builder#atCounter()}
 * @param presaleBy for a pre-sale (预售): the latest date its stock may be promised by; the order is planned on
 *     stock expected to arrive and waits for it; see {@link Builder#presale(Instant)}. Empty for an ordinary order
 */
public record OrderRequest(IdempotencyKey key, OrderId orderId, Channel channel, Optional<MemberId> member,
        DeliveryMethod delivery, List<Cart.Line> lines, Money shipping, Set<String> coupons, long points,
        Optional<RoutingPolicy> policy, boolean atCounter, Optional<Instant> presaleBy) {

    /**
     * Validates.
     *
     * @param key non-null
     * @param orderId non-null
     * @param channel non-null
     * @param member non-null optional
     * @param delivery non-null
     * @param lines non-null, non-empty, each SKU once
     * @param shipping non-null, non-negative
     * @param coupons non-null
     * @param points {@code >= 0}; positive only with a member
     * @param policy non-null optional
     * @param atCounter whether it is a counter sale: then the delivery is a pickup, shipping is zero and there is
     *     no routing policy
     * @param presaleBy non-null optional latest promise date of a pre-sale; never with {@code atCounter}
     */
    public OrderRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(shipping, "shipping");
        Objects.requireNonNull(policy, "policy");
        lines = List.copyOf(lines);
        coupons = Set.copyOf(coupons);
        // the cart checks lines, SKUs and shipping the way pricing will
        new Cart(lines, shipping, coupons);
        if (points < 0) {
            throw new IllegalArgumentException("order " + orderId + ": points must be >= 0, was " + points);
        }
        if (points > 0 && member.isEmpty()) {
            throw new IllegalArgumentException("order " + orderId + ": paying with " + points
                    + " points needs a member");
        }
        Objects.requireNonNull(presaleBy, "presaleBy");
        if (atCounter && presaleBy.isPresent()) {
            throw new IllegalArgumentException("order " + orderId + ": a counter sale hands over what is on the "
                    + "shelf, so it cannot be a pre-sale");
        }
        if (atCounter) {
            if (!(delivery instanceof DeliveryMethod.Pickup)) {
                throw new IllegalArgumentException("order " + orderId + ": a counter sale is handed over at a node, "
                        + "so its delivery must be a pickup, was " + delivery);
            }
            if (!shipping.isZero()) {
                throw new IllegalArgumentException("order " + orderId + ": a counter sale ships nothing, so its "
                        + "shipping must be zero, was " + shipping);
            }
            if (policy.isPresent()) {
                throw new IllegalArgumentException("order " + orderId + ": a counter sale is served from the counter's "
                        + "shelf, so it takes no routing policy, was given '" + policy.get().name() + "'");
            }
        }
    }

    /**
     * An ordinary order or a counter sale.
     *
     * @param key non-null
     * @param orderId non-null
     * @param channel non-null
     * @param member non-null optional
     * @param delivery non-null
     * @param lines non-null, non-empty, each SKU once
     * @param shipping non-null, non-negative
     * @param coupons non-null
     * @param points {@code >= 0}
     * @param policy non-null optional
     * @param atCounter whether it is a counter sale
     */
    public OrderRequest(IdempotencyKey key, OrderId orderId, Channel channel, Optional<MemberId> member,
            DeliveryMethod delivery, List<Cart.Line> lines, Money shipping, Set<String> coupons, long points,
            Optional<RoutingPolicy> policy, boolean atCounter) {
        this(key, orderId, channel, member, delivery, lines, shipping, coupons, points, policy, atCounter,
                Optional.empty());
    }

    /** @return whether placing the order takes daily order capacity (not a counter sale, not a pre-sale) */
    boolean takesCapacity() {
        return !atCounter && presaleBy.isEmpty();
    }

    /** @return the request as pricing's cart */
    public Cart cart() {
        return new Cart(lines, shipping, coupons);
    }

    /**
     * A builder; the order id defaults to the key's text.
     *
     * @param key non-null order key
     * @param channel non-null channel
     * @param delivery non-null delivery method
     * @param shipping non-null shipping fee (zero for none)
     * @return a new builder; not thread-safe
     */
    public static Builder builder(IdempotencyKey key, Channel channel, DeliveryMethod delivery, Money shipping) {
        return new Builder(key, channel, delivery, shipping);
    }

    /** Builds an {@link OrderRequest}. Not thread-safe. */
    public static final class Builder {
        private final IdempotencyKey key;
        private final Channel channel;
        private final DeliveryMethod delivery;
        private final Money shipping;
        private OrderId orderId;
        private Optional<MemberId> member = Optional.empty();
        private final List<Cart.Line> lines = new ArrayList<>();
        private final Set<String> coupons = new LinkedHashSet<>();
        private long points;
        private Optional<RoutingPolicy> policy = Optional.empty();
        private Optional<Instant> presaleBy = Optional.empty();
        private boolean atCounter;

        private Builder(IdempotencyKey key, Channel channel, DeliveryMethod delivery, Money shipping) {
            this.key = Objects.requireNonNull(key, "key");
            this.channel = channel;
            this.delivery = delivery;
            this.shipping = shipping;
        }

        /**
         * @param id non-null order id (default: the key's text)
         * @return this builder
         */
        public Builder orderId(OrderId id) {
            this.orderId = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * @param member non-null member buying
         * @return this builder
         */
        public Builder member(MemberId member) {
            this.member = Optional.of(member);
            return this;
        }

        /**
         * @param sku non-null SKU
         * @param quantity units, {@code >= 1}
         * @return this builder
         */
        public Builder line(Sku sku, int quantity) {
            lines.add(new Cart.Line(sku, quantity));
            return this;
        }

        /**
         * @param code non-null coupon code entered
         * @return this builder
         */
        public Builder coupon(String code) {
            coupons.add(Objects.requireNonNull(code, "code"));
            return this;
        }

        /**
         * @param points points to pay with, {@code >= 0}
         * @return this builder
         */
        public Builder payWithPoints(long points) {
            this.points = points;
            return this;
        }

        /**
         * @param policy non-null routing policy for this order
         * @return this builder
         */
        public Builder policy(RoutingPolicy policy) {
            this.policy = Optional.of(policy);
            return this;
        }

        /**
         * Makes the order a counter sale (a till, scan-and-go): the customer takes the goods from the pickup node's
         * shelf and pays there. The order is served from that node only (refused, not transferred, when the shelf
         * lacks a unit), takes no daily order capacity, and is handed over when confirmed. Needs a
         * {@link DeliveryMethod#pickup pickup} delivery, zero shipping and no routing policy.
         *
         * @return this builder
         */
        public Builder atCounter() {
            this.atCounter = true;
            return this;
        }

        /**
         * Makes the order a pre-sale (预售): it is planned on stock expected to arrive by {@code latestPromise}
         * ({@link io.github.omniretail.routing.RoutingEngine#routePresale}), its stock held as a
         * {@link io.github.omniretail.inventory.Presale dated pre-sale} that waits for the receipt, with the plan's
         * ready-by from the receipt's ETA; it takes no daily order capacity. A deposit offer in the quote splits
         * the payment: {@link Checkout#payDeposit} now, {@link Checkout#confirm} for the balance by its due date.
         *
         * @param latestPromise non-null latest date the stock may be promised by
         * @return this builder
         */
        public Builder presale(Instant latestPromise) {
            this.presaleBy = Optional.of(Objects.requireNonNull(latestPromise, "latestPromise"));
            return this;
        }

        /** @return the request */
        public OrderRequest build() {
            return new OrderRequest(key, orderId == null ? OrderId.of(key.value()) : orderId, channel, member,
                    delivery, lines, shipping, coupons, points, policy, atCounter, presaleBy);
        }
    }
}
