package io.github.omniretail.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A member's journal: entries with the balances after each, and the balance as of any instant. */
class JournalTest {

    private static LedgerEntry entry(String id, long at, long points) {
        MemberId member = MemberId.of("M-1");
        return new LedgerEntry(IdempotencyKey.of(id), EntryType.MERGE, member, Instant.ofEpochMilli(at),
                points == 0 ? List.of() : List.of(Posting.member(AccountKind.AVAILABLE, member, points),
                        Posting.program(AccountKind.ISSUANCE, -points)), Optional.empty(), Optional.empty());
    }

    @Test
    void theBalanceAsOfAnInstantIsTheOneAfterTheLastEntryStampedByThen() {
        LedgerState.Journal journal = new LedgerState.Journal();
        assertEquals(Balance.ZERO, journal.asOf(5_000), "before any entry");
        for (int i = 0; i < 20; i++) { // past the initial capacity of the history array
            journal.append(entry("e" + i, 1_000L * i, i), 1_000L * i, 10L * i, i, 0);
        }
        assertEquals(20, journal.log.size());
        assertEquals(19_000, journal.lastEntryAt);
        assertEquals(Balance.ZERO, journal.asOf(-1));
        assertEquals(new Balance(0, 0, 0), journal.asOf(999), "after the first entry, stamped 0");
        assertEquals(new Balance(70, 7, 0), journal.asOf(7_000), "an entry stamped exactly then counts");
        assertEquals(new Balance(70, 7, 0), journal.asOf(7_999));
        assertEquals(new Balance(190, 19, 0), journal.asOf(Long.MAX_VALUE));
        assertEquals(new Balance(30, 3, 0), journal.after(3));
    }

    @Test
    void entriesWithTheSameStampResolveToTheLastOfThem() {
        LedgerState.Journal journal = new LedgerState.Journal();
        journal.append(entry("a", 100, 0), 100, 5, 0, 0);
        journal.append(entry("b", 100, 0), 100, 8, 0, 2);
        assertEquals(new Balance(8, 0, 2), journal.asOf(100));
    }
}
