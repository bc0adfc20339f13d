package io.github.omniretail.engagement;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An offer a node makes to members inside its fence. Immutable.
 *
 * @param id non-blank offer id (a coupon or promotion id, or a message key)
 * @param node non-null node making it
 * @param fence non-null area a ping must fall in
 * @param zone non-null zone of the node: quiet hours are its local time
 * @param sku the SKU that must be in stock at the node for the offer to stand, if any
 * @param segments segments the member must be in one of (empty: every member), copied
 * @param quietFrom start of the node's quiet hours (local), or equal to {@code quietTo} for none
 * @param quietTo end of the quiet hours (exclusive; may be before {@code quietFrom}: across midnight)
 * @param capPerDay most times one member gets this offer per local day at the node, 1..255
 */
public record NodeOffer(String id, NodeId node, GeoFence fence, ZoneId zone, Optional<Sku> sku, Set<String> segments,
        LocalTime quietFrom, LocalTime quietTo, int capPerDay) {

    /**
     * Validates and copies.
     *
     * @param id non-blank offer id
     * @param node non-null node
     * @param fence non-null fence
     * @param zone non-null zone
     * @param sku the SKU to be in stock, if any
     * @param segments segments targeted (empty: all)
     * @param quietFrom quiet hours start
     * @param quietTo quiet hours end (exclusive)
     * @param capPerDay per member per local day, 1..255
     */
    public NodeOffer {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("offer id must not be blank");
        }
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(fence, "fence");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(sku, "sku");
        segments = Set.copyOf(segments);
        Objects.requireNonNull(quietFrom, "quietFrom");
        Objects.requireNonNull(quietTo, "quietTo");
        if (capPerDay < 1 || capPerDay > 255) {
            throw new IllegalArgumentException("capPerDay of offer " + id + " must be 1..255, was " + capPerDay);
        }
    }

    /** @return true if {@code time} falls in the quiet hours */
    boolean quietAtSecond(int secondOfDay) {
        int from = quietFrom.toSecondOfDay();
        int to = quietTo.toSecondOfDay();
        if (from == to) {
            return false;
        }
        return from < to ? secondOfDay >= from && secondOfDay < to : secondOfDay >= from || secondOfDay < to;
    }
}
