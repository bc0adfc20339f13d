package io.github.omniretail.testkit.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.Balance;
import io.github.omniretail.loyalty.InsufficientPointsException;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Many threads on a few members: no lost updates, the ledger sums to zero, every member replays to its balance. */
public abstract class PointsLedgerConcurrencyContract extends LedgerStoreFixture {

    /** For subclasses. */
    protected PointsLedgerConcurrencyContract() {
    }

    /**
     * Scales the workload: 20,000 operations per thread at 1.0 (the in-memory store's run). A store with a network
     * round trip per call may lower it; the checks are the same at any scale.
     *
     * @return a factor in (0, 1]
     */
    protected double workloadScale() {
        return 1.0;
    }

    @Test
    void eightThreadsOnFourMembersLoseNothing() throws Exception {
        MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
        PointsLedger ledger = builder().clock(clock)
                .rules(LoyaltyRules.standard().withPendingFor(Duration.ZERO)).build();
        List<MemberId> members = List.of(MemberId.of("A"), MemberId.of("B"), MemberId.of("C"), MemberId.of("D"));
        members.forEach(ledger::enrol);
        Channel app = Channel.of("app", ChannelKind.APP);
        Currency cny = Currency.getInstance("CNY");
        AtomicLong earned = new AtomicLong();
        AtomicLong redeemed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                SplittableRandom r = new SplittableRandom(thread);
                start.await();
                for (int i = 0, n = Math.max(100, (int) Math.round(20_000 * workloadScale())); i < n; i++) {
                    MemberId m = members.get(r.nextInt(members.size()));
                    IdempotencyKey id = IdempotencyKey.of("t" + thread + "-" + i);
                    try {
                        if (r.nextInt(3) > 0) {
                            int yuan = 1 + r.nextInt(50);
                            ledger.earn(id, m, OrderId.of("O" + thread + "-" + i), app, Money.ofMinor(yuan * 100L, cny));
                            earned.addAndGet(yuan);
                        } else if (r.nextBoolean()) {
                            int points = 1 + r.nextInt(40);
                            ledger.redeem(id, m, points);
                            redeemed.addAndGet(points);
                        } else {
                            LedgerEntry hold = ledger.hold(id, m, 1 + r.nextInt(20), Duration.ofMinutes(5));
                            long held = hold.change(AccountKind.HELD);
                            if (r.nextBoolean()) {
                                ledger.post(IdempotencyKey.of(id + "-post"), hold.id(), held);
                                redeemed.addAndGet(held);
                            } else {
                                ledger.voidHold(IdempotencyKey.of(id + "-void"), hold.id());
                            }
                        }
                        if (i % Math.max(25, (int) Math.round(5_000 * workloadScale())) == 0 && thread == 0) {
                            clock.advance(Duration.ofMinutes(1));
                        }
                    } catch (InsufficientPointsException expected) {
                        // refused, nothing changed
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        long total = 0;
        for (MemberId m : members) {
            Balance b = ledger.balance(m);
            assertEquals(b, ledger.rebuild(m));
            assertTrue(b.available() >= 0 && b.held() == 0, b.toString());
            total += b.total();
        }
        assertEquals(earned.get(), -ledger.programBalance(AccountKind.ISSUANCE));
        assertEquals(redeemed.get(), ledger.programBalance(AccountKind.REDEMPTION));
        assertEquals(earned.get() - redeemed.get(), total, "no lost updates");
    }
}
