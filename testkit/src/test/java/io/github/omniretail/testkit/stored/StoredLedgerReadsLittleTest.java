package io.github.omniretail.testkit.stored;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/** A stored ledger's call reads the lots it needs, not the member's history: no replay, flat cost. */
class StoredLedgerReadsLittleTest {

    @Test
    void anEarnAfterTwoThousandEarnsReadsOneLotAndARedeemReadsWhatItConsumes() {
        MapLedgerStorage storage = new MapLedgerStorage(0);
        MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T00:00:00Z"));
        PointsLedger ledger = PointsLedger.builder().store(PointsLedger.storedIn(storage, GroupCommit.DEFAULTS))
                .clock(clock).rules(LoyaltyRules.standard().withPendingFor(Duration.ZERO)).build();
        MemberId m = MemberId.of("m");
        ledger.enrol(m);
        Channel app = Channel.of("app", ChannelKind.APP);
        Money tenYuan = Money.ofMinor(1_000, Currency.getInstance("CNY"));
        for (int i = 0; i < 2_000; i++) {
            ledger.earn(IdempotencyKey.of("e" + i), m, OrderId.of("o" + i), app, tenYuan);
            clock.advance(Duration.ofSeconds(1));
        }
        long points = ledger.balance(m).available();
        long perLot = points / 2_000;

        long before = storage.lotsRead.get();
        ledger.earn(IdempotencyKey.of("e-last"), m, OrderId.of("o-last"), app, tenYuan);
        assertTrue(storage.lotsRead.get() - before <= 1, "an earn reads at most the first lot, read "
                + (storage.lotsRead.get() - before));

        before = storage.lotsRead.get();
        ledger.redeem(IdempotencyKey.of("r"), m, perLot * 5);
        long read = storage.lotsRead.get() - before;
        assertTrue(read >= 5 && read <= 5 + 64, "a redeem of five lots' points reads about five lots, read " + read);
        assertEquals(points + perLot - perLot * 5, ledger.balance(m).available());
        assertEquals(ledger.balance(m), ledger.rebuild(m));
    }
}
