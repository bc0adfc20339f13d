package io.github.omniretail.loyalty;

import io.github.omniretail.core.MemberId;

/** An identity is already linked to another member: identities are unique across members. Nothing changed. */
public final class IdentityTakenException extends LoyaltyException {

    private static final long serialVersionUID = 1L;

    /** The member the identity belongs to. */
    private final transient MemberId owner;
    /** The identity type. */
    private final IdentityType type;

    /**
     * Creates the exception (public so that store implementations can report it).
     *
     * @param type the identity type
     * @param owner the member it belongs to
     * @param attempted the member it was to be linked to
     */
    public IdentityTakenException(IdentityType type, MemberId owner, MemberId attempted) {
        super(type + " identity already belongs to member " + owner + ", cannot link it to " + attempted);
        this.owner = owner;
        this.type = type;
    }

    /** @return the member that already has the identity */
    public MemberId owner() {
        return owner;
    }

    /** @return the identity type */
    public IdentityType type() {
        return type;
    }
}
