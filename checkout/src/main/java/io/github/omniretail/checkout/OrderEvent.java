package io.github.omniretail.checkout;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.event.CheckoutEvent;
import java.time.Instant;

/**
 * A step of an order's journey, published once when it happens (a retry that finds it done publishes nothing).
 * Immutable and thread-safe.
 */
public sealed interface OrderEvent extends CheckoutEvent {

    /** @return the order's key */
    IdempotencyKey key();

    /** @return the order's id */
    OrderId orderId();

    /**
     * Placed: stock, points and promotions held until payment.
     *
     * @param occurredAt when
     * @param key order key
     * @param orderId order id
     * @param total the quote's total
     * @param payable what is left to pay after points
     * @param expiresAt when the order expires unpaid
     */
    record Placed(Instant occurredAt, IdempotencyKey key, OrderId orderId, Money total, Money payable,
            Instant expiresAt) implements OrderEvent {
        @Override
        public String type() {
            return "checkout.order.placed";
        }
    }

    /**
     * The deposit of a pre-sale was paid; the balance is due by a date.
     *
     * @param occurredAt when
     * @param key order key
     * @param orderId order id
     * @param deposit the deposit paid
     * @param balance the balance still to pay
     * @param balanceDueBy when the order expires if the balance is not paid
     */
    record DepositPaid(Instant occurredAt, IdempotencyKey key, OrderId orderId, Money deposit, Money balance,
            Instant balanceDueBy) implements OrderEvent {
        @Override
        public String type() {
            return "checkout.order.deposit-paid";
        }
    }

    /**
     * Refused: could not be placed; nothing stays held.
     *
     * @param occurredAt when
     * @param key order key
     * @param orderId order id
     * @param reason why
     */
    record Refused(Instant occurredAt, IdempotencyKey key, OrderId orderId, String reason) implements OrderEvent {
        @Override
        public String type() {
            return "checkout.order.refused";
        }
    }

    /**
     * Confirmed after payment.
     *
     * @param occurredAt when
     * @param key order key
     * @param orderId order id
     * @param pointsEarned points the order earned (pending through the return window)
     */
    record Confirmed(Instant occurredAt, IdempotencyKey key, OrderId orderId, long pointsEarned)
            implements OrderEvent {
        @Override
        public String type() {
            return "checkout.order.confirmed";
        }
    }

    /**
     * Cancelled by the caller; everything given back.
     *
     * @param occurredAt when
     * @param key order key
     * @param orderId order id
     * @param afterPayment whether it had been paid (then the caller refunds the payment)
     */
    record Cancelled(Instant occurredAt, IdempotencyKey key, OrderId orderId, boolean afterPayment)
            implements OrderEvent {
        @Override
        public String type() {
            return "checkout.order.cancelled";
        }
    }

    /**
     * Expired unpaid; everything given back.
     *
     * @param occurredAt when
     * @param key order key
     * @param orderId order id
     */
    record Expired(Instant occurredAt, IdempotencyKey key, OrderId orderId) implements OrderEvent {
        @Override
        public String type() {
            return "checkout.order.expired";
        }
    }

    /**
     * One shipment left its node.
     *
     * @param occurredAt when
     * @param key order key
     * @param orderId order id
     * @param shipment index of the shipment in the plan
     * @param node node it left
     */
    record ShipmentFulfilled(Instant occurredAt, IdempotencyKey key, OrderId orderId, int shipment, NodeId node)
            implements OrderEvent {
        @Override
        public String type() {
            return "checkout.shipment.fulfilled";
        }
    }

    /**
     * Units returned.
     *
     * @param occurredAt when
     * @param key order key
     * @param orderId order id
     * @param returned the return
     */
    record Returned(Instant occurredAt, IdempotencyKey key, OrderId orderId, OrderReturn returned)
            implements OrderEvent {
        @Override
        public String type() {
            return "checkout.order.returned";
        }
    }
}
