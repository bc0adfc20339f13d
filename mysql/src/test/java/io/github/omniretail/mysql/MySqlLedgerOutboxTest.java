package io.github.omniretail.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.InsufficientPointsException;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsEvent;
import io.github.omniretail.loyalty.PointsLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ledger's transactional outbox: while two instances write, every committed entry reaches the relay once
 * (after de-duplication by id), in each member's entry order; a restarted relay resumes; prune drops what every
 * consumer passed.
 */
class MySqlLedgerOutboxTest {

    private static final List<MemberId> MEMBERS = List.of(MemberId.of("a"), MemberId.of("b"), MemberId.of("c"));
    private static final Channel APP = Channel.of("app", ChannelKind.APP);

    @Test
    void everyCommittedEntryIsDeliveredOnceInEachMembersOrder() throws Exception {
        MySqlLedgerStore store = MySqlLedgerStore.builder(MariaDb.dataSource())
                .database(MariaDb.freshDatabase("lobx")).build();
        store.migrate();
        LoyaltyRules rules = LoyaltyRules.standard().withPendingFor(Duration.ZERO);
        PointsLedger one = PointsLedger.builder().store(store).clock(Clock.systemUTC()).rules(rules).build();
        PointsLedger two = PointsLedger.builder().store(store).clock(Clock.systemUTC()).rules(rules).build();
        MEMBERS.forEach(one::enrol);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                PointsLedger ledger = t % 2 == 0 ? one : two;
                int thread = t;
                work.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(thread);
                    for (int i = 0; i < 60; i++) {
                        MemberId m = MEMBERS.get(r.nextInt(MEMBERS.size()));
                        IdempotencyKey id = IdempotencyKey.of("t" + thread + "-" + i);
                        try {
                            if (r.nextBoolean()) {
                                ledger.earn(id, m, OrderId.of("o" + thread + "-" + i), APP,
                                        Money.ofMinor(100 + r.nextInt(5_000), Currency.getInstance("CNY")));
                            } else {
                                ledger.redeem(id, m, 1 + r.nextInt(30));
                            }
                        } catch (InsufficientPointsException refused) {
                            // nothing written, nothing to deliver
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        LedgerOutbox relay = store.outbox();
        Map<Long, OutboxEvent<PointsEvent>> delivered = new LinkedHashMap<>();
        // a handler that fails rolls its delivery back: the same events come again
        assertThrows(IllegalStateException.class, () -> relay.deliver("crm", 50, e -> {
            throw new IllegalStateException("crm is down");
        }));
        while (relay.deliver("crm", 50, e -> delivered.putIfAbsent(e.id(), e)) > 0) {
            if (delivered.size() == 40) {
                break; // a restart: a new relay resumes from the stored position
            }
        }
        LedgerOutbox restarted = store.outbox();
        while (restarted.deliver("crm", 50, e -> delivered.putIfAbsent(e.id(), e)) > 0) {
            // drain
        }
        Map<MemberId, List<LedgerEntry>> streamed = new HashMap<>();
        for (OutboxEvent<PointsEvent> e : delivered.values()) {
            if (e.event() instanceof PointsEvent.EntryWritten w) {
                streamed.computeIfAbsent(w.entry().member(), k -> new ArrayList<>()).add(w.entry());
            }
        }
        for (MemberId m : MEMBERS) {
            List<LedgerEntry> statement = one.statement(m, 0, 1_000);
            assertTrue(statement.size() > 5, "work was done for " + m);
            assertEquals(statement, streamed.get(m), "every entry of " + m + " once, in its order");
        }
        assertEquals(0, restarted.backlog("crm"));
        assertEquals(delivered.size(), restarted.prune());
    }
}
