package io.github.omniretail.pricing;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.NodeId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is buying, where and when: what the pipeline and the promotions look at besides the SKU.
 *
 * @param channel the sales channel (the same {@code Channel} inventory, loyalty and orders take: rules name it by
 *     its id); non-null
 * @param node the store or node selling (scene modifiers, local time, stock cover), if any; non-null optional
 * @param zone the node's time zone, in which time-of-day rules and promotion windows are read; non-null
 * @param at the moment of the quote; non-null
 * @param member the member, if known; non-null optional
 * @param newCustomer true when this is the customer's first order (new-customer prices and promotions)
 */
public record PricingContext(Channel channel, Optional<NodeId> node, ZoneId zone, Instant at,
        Optional<MemberId> member, boolean newCustomer) {

    /**
     * Validates the components.
     *
     * @param channel the sales channel; non-null
     * @param node the node, if any; non-null optional
     * @param zone the node's time zone; non-null
     * @param at the moment of the quote; non-null
     * @param member the member, if known; non-null optional
     * @param newCustomer first order
     */
    public PricingContext {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(member, "member");
    }

    /**
     * An anonymous, returning customer on a channel, without a node.
     *
     * @param channel non-null
     * @param zone non-null
     * @param at non-null
     * @return the context
     */
    public static PricingContext of(Channel channel, ZoneId zone, Instant at) {
        return new PricingContext(channel, Optional.empty(), zone, at, Optional.empty(), false);
    }

    /**
     * @param node the selling node; non-null
     * @param zone its time zone; non-null
     * @return a copy at that node
     */
    public PricingContext atNode(NodeId node, ZoneId zone) {
        return new PricingContext(channel, Optional.of(node), zone, at, member, newCustomer);
    }

    /**
     * @param member the member; non-null
     * @return a copy for that member
     */
    public PricingContext forMember(MemberId member) {
        return new PricingContext(channel, node, zone, at, Optional.of(member), newCustomer);
    }

    /**
     * @param first whether this is the customer's first order
     * @return a copy with that flag
     */
    public PricingContext firstOrder(boolean first) {
        return new PricingContext(channel, node, zone, at, member, first);
    }

    /**
     * @param instant the new moment; non-null
     * @return a copy at that moment
     */
    public PricingContext at(Instant instant) {
        return new PricingContext(channel, node, zone, instant, member, newCustomer);
    }
}
