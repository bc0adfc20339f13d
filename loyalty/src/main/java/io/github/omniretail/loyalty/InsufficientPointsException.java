package io.github.omniretail.loyalty;

import io.github.omniretail.core.MemberId;

/**
 * A member has fewer available points than a hold or redemption asked for. Nothing changed. An expected outcome:
 * it carries the member and both amounts and records no stack trace.
 */
public final class InsufficientPointsException extends LoyaltyException {

    private static final long serialVersionUID = 1L;

    /** The member. */
    private final transient MemberId member;
    /** Points asked for. */
    private final long requested;
    /** Points available. */
    private final long available;

    /**
     * Creates the exception (public so that store implementations can report it).
     *
     * @param member the member
     * @param requested points requested
     * @param available points available
     */
    public InsufficientPointsException(MemberId member, long requested, long available) {
        super("member " + member + " has " + available + " available points, " + requested + " requested", false);
        this.member = member;
        this.requested = requested;
        this.available = available;
    }

    /** @return the member */
    public MemberId member() {
        return member;
    }

    /** @return points asked for */
    public long requested() {
        return requested;
    }

    /** @return points available (expired points excluded) when refused */
    public long available() {
        return available;
    }
}
