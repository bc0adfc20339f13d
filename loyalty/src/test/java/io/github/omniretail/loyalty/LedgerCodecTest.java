package io.github.omniretail.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerCodecTest {

    @Test
    void storedEntriesRoundTripAndOldPostEntriesReadAsRedeem() {
        MemberId alice = MemberId.of("M-1");
        LedgerEntry redeem = new LedgerEntry(IdempotencyKey.of("r1"), EntryType.REDEEM, alice,
                Instant.parse("2026-12-01T00:00:00Z"), List.of(Posting.member(AccountKind.AVAILABLE, alice, -30),
                Posting.program(AccountKind.REDEMPTION, 30)), Optional.empty(), Optional.empty());
        String json = LedgerCodec.entry(redeem);
        assertEquals(redeem, LedgerCodec.entry(LedgerCodec.parse(json)));
        String old = json.replace("\"REDEEM\"", "\"POST\"");
        assertEquals(redeem, LedgerCodec.entry(LedgerCodec.parse(old)), "written by an earlier version");
    }
}
