package io.github.omniretail.engagement;

import io.github.omniretail.core.MemberId;

/** A referral link that may not be made; nothing was recorded. Carries both members and the reason. */
public final class ReferralRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a link is refused. */
    public enum Reason {
        /** A member cannot refer themself. */
        SELF_REFERRAL,
        /** The link would close a cycle (A refers B, B refers A, or longer). */
        CYCLE,
        /** The referred member has a referrer already. */
        ALREADY_REFERRED,
        /** The referred member is not new: they bought before. */
        NOT_NEW
    }

    private final transient MemberId referrer;
    private final transient MemberId referred;
    private final Reason reason;

    ReferralRefusedException(MemberId referrer, MemberId referred, Reason reason, String detail) {
        super(referrer + " cannot refer " + referred + ": " + reason + " (" + detail + ")");
        this.referrer = referrer;
        this.referred = referred;
        this.reason = reason;
    }

    /** @return the would-be referrer */
    public MemberId referrer() {
        return referrer;
    }

    /** @return the would-be referred member */
    public MemberId referred() {
        return referred;
    }

    /** @return why */
    public Reason reason() {
        return reason;
    }
}
