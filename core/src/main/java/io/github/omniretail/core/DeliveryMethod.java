package io.github.omniretail.core;

import java.util.Objects;

/**
 * How an order reaches the customer: shipped to a point, picked up at a node, or delivered the same day.
 *
 * <p>A closed set: switch over it exhaustively. Implementations are immutable, thread-safe records.
 */
public sealed interface DeliveryMethod permits DeliveryMethod.Ship, DeliveryMethod.Pickup, DeliveryMethod.SameDay {

    /**
     * Parcel shipping to a destination.
     *
     * @param destination non-null delivery point
     */
    record Ship(GeoPoint destination) implements DeliveryMethod {
        /**
         * Checks for null.
         *
         * @param destination non-null delivery point
         */
        public Ship {
            Objects.requireNonNull(destination, "destination");
        }

        /** @return the method with its destination masked to 0.1° (a customer's home is personal data) */
        @Override
        public String toString() {
            return "Ship[destination=" + io.github.omniretail.core.privacy.PersonalField.LOCATION.mask(
                    destination.latitude() + "," + destination.longitude()) + "]";
        }
    }

    /**
     * The customer collects the order at a node (buy online, pick up in store).
     *
     * @param node non-null pickup node
     */
    record Pickup(NodeId node) implements DeliveryMethod {
        /**
         * Checks for null.
         *
         * @param node non-null pickup node
         */
        public Pickup {
            Objects.requireNonNull(node, "node");
        }
    }

    /**
     * Same-day (instant) delivery to a destination from a node whose same-day radius covers it.
     *
     * @param destination non-null delivery point
     */
    record SameDay(GeoPoint destination) implements DeliveryMethod {
        /**
         * Checks for null.
         *
         * @param destination non-null delivery point
         */
        public SameDay {
            Objects.requireNonNull(destination, "destination");
        }

        /** @return the method with its destination masked to 0.1° (a customer's home is personal data) */
        @Override
        public String toString() {
            return "SameDay[destination=" + io.github.omniretail.core.privacy.PersonalField.LOCATION.mask(
                    destination.latitude() + "," + destination.longitude()) + "]";
        }
    }

    /**
     * Shipping to {@code destination}.
     *
     * @param destination non-null point
     * @return the delivery method
     */
    static DeliveryMethod ship(GeoPoint destination) {
        return new Ship(destination);
    }

    /**
     * Pickup at {@code node}.
     *
     * @param node non-null node
     * @return the delivery method
     */
    static DeliveryMethod pickup(NodeId node) {
        return new Pickup(node);
    }

    /**
     * Same-day delivery to {@code destination}.
     *
     * @param destination non-null point
     * @return the delivery method
     */
    static DeliveryMethod sameDay(GeoPoint destination) {
        return new SameDay(destination);
    }
}
