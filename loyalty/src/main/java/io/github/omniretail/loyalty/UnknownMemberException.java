package io.github.omniretail.loyalty;

import io.github.omniretail.core.MemberId;

/** A call named a member that was never enrolled. */
public final class UnknownMemberException extends LoyaltyException {

    private static final long serialVersionUID = 1L;

    /** The unknown member. */
    private final transient MemberId member;

    /**
     * Creates the exception (public so that store implementations can report it).
     *
     * @param member the unknown member
     */
    public UnknownMemberException(MemberId member) {
        super("unknown member " + member + "; enrol it first");
        this.member = member;
    }

    /** @return the unknown member */
    public MemberId member() {
        return member;
    }
}
