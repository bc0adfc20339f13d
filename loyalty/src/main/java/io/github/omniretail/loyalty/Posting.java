package io.github.omniretail.loyalty;

import io.github.omniretail.core.MemberId;
import java.util.Objects;
import java.util.Optional;

/**
 * One leg of a ledger entry: points into (positive) or out of (negative) an account.
 *
 * @param account non-null account kind
 * @param member the member, present exactly for member accounts
 * @param points signed points, non-zero
 */
public record Posting(AccountKind account, Optional<MemberId> member, long points) {

    /**
     * Validates.
     *
     * @param account non-null account kind
     * @param member the member, present exactly for member accounts
     * @param points signed points, non-zero
     */
    public Posting {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(member, "member");
        if (account.memberAccount() != member.isPresent()) {
            throw new IllegalArgumentException("account " + account + " " + (account.memberAccount()
                    ? "needs a member" : "belongs to the program, not a member"));
        }
        if (points == 0) {
            throw new IllegalArgumentException("a posting moves a non-zero number of points");
        }
    }

    static Posting member(AccountKind account, MemberId member, long points) {
        return new Posting(account, Optional.of(member), points);
    }

    static Posting program(AccountKind account, long points) {
        return new Posting(account, Optional.empty(), points);
    }
}
