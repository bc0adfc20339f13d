package io.github.omniretail.loyalty;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, append-only ledger entry: postings that sum to zero. Corrections are new entries that reference
 * the original.
 *
 * @param id non-null transaction id (the caller's, or derived from it for automatic entries such as expiry)
 * @param type non-null type
 * @param member non-null member the entry is about
 * @param at non-null instant (engine clock)
 * @param postings postings summing to zero (copied); non-empty except for the merge of a member without points
 * @param reference the caller's reference (order id…), if any
 * @param reverses the entry this one reverses or settles, if any
 */
public record LedgerEntry(IdempotencyKey id, EntryType type, MemberId member, Instant at, List<Posting> postings,
        Optional<String> reference, Optional<IdempotencyKey> reverses) {

    /**
     * Validates double entry.
     *
     * @param id non-null transaction id
     * @param type non-null type
     * @param member non-null member
     * @param at non-null instant
     * @param postings non-empty postings summing to zero
     * @param reference the caller's reference, if any
     * @param reverses the entry this one reverses or settles, if any
     */
    public LedgerEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(reverses, "reverses");
        postings = List.copyOf(postings);
        long sum = 0;
        for (Posting p : postings) {
            sum = Math.addExact(sum, p.points());
        }
        if ((postings.isEmpty() && type != EntryType.MERGE) || sum != 0) {
            throw new IllegalArgumentException("entry " + id + ": postings must be non-empty and sum to zero, sum "
                    + sum);
        }
    }

    /**
     * The net change of one of the member's accounts in this entry.
     *
     * @param account a member account kind
     * @return signed points
     */
    public long change(AccountKind account) {
        long sum = 0;
        for (Posting p : postings) {
            if (p.account() == account && p.member().equals(Optional.of(member))) {
                sum += p.points();
            }
        }
        return sum;
    }
}
