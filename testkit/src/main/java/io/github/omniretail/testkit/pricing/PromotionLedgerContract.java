package io.github.omniretail.testkit.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.pricing.spi.PromotionLedger;
import io.github.omniretail.pricing.spi.PromotionLedger.Outcome;
import io.github.omniretail.pricing.spi.PromotionLedger.Redemption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The {@link PromotionLedger} contract: a redemption is all-or-nothing — every budget, coupon limit and
 * per-member limit is checked before anything is counted — idempotent by key, released exactly once, and limits
 * hold under concurrency. Extend it and
 * return a ledger on fresh storage from {@link #newLedger()}.
 */
public abstract class PromotionLedgerContract {

    private static final MemberId ALICE = MemberId.of("M-ALICE");
    private static final MemberId BOB = MemberId.of("M-BOB");

    /** For subclasses. */
    protected PromotionLedgerContract() {
    }

    /**
     * A ledger on fresh, empty storage; two calls must not share counts.
     *
     * @return a new ledger, never null
     */
    protected abstract PromotionLedger newLedger();

    private static final AtomicInteger KEYS = new AtomicInteger();

    private static IdempotencyKey key() {
        return IdempotencyKey.of("checkout-" + KEYS.incrementAndGet());
    }

    private static boolean redeemed(PromotionLedger ledger, List<Redemption> redemptions, Optional<MemberId> member) {
        return ledger.redeem(key(), redemptions, member) == Outcome.RECORDED;
    }

    private static Redemption budgeted(String promotion, long amount, long budget) {
        return new Redemption(promotion, amount, Optional.of(budget), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private static Redemption coupon(String promotion, String code, int maxUses, int perMember) {
        return new Redemption(promotion, 500, Optional.empty(), Optional.of(code), Optional.of(maxUses),
                Optional.of(perMember));
    }

    @Test
    void countsSpendAndUses() {
        PromotionLedger ledger = newLedger();
        assertEquals(0, ledger.spent("P1"));
        assertTrue(redeemed(ledger, List.of(budgeted("P1", 3000, 10_000), coupon("P2", "WELCOME", 10, 2)),
                Optional.of(ALICE)));
        assertEquals(3000, ledger.spent("P1"));
        assertEquals(500, ledger.spent("P2"));
        assertEquals(1, ledger.uses("WELCOME"));
        assertEquals(1, ledger.uses("WELCOME", ALICE));
        assertEquals(0, ledger.uses("WELCOME", BOB));
    }

    @Test
    void aFailedLimitCountsNothing() {
        PromotionLedger ledger = newLedger();
        assertFalse(redeemed(ledger, List.of(budgeted("P1", 6000, 10_000), budgeted("P1", 6000, 10_000)),
                Optional.empty()), "two shares of one promotion add up against its budget");
        assertEquals(0, ledger.spent("P1"));
        assertTrue(redeemed(ledger, List.of(budgeted("P1", 9000, 10_000)), Optional.empty()));
        assertFalse(redeemed(ledger, List.of(coupon("P2", "C", 5, 1), budgeted("P1", 1001, 10_000)),
                Optional.of(ALICE)),
                "the budget would be exceeded");
        assertEquals(9000, ledger.spent("P1"));
        assertEquals(0, ledger.spent("P2"));
        assertEquals(0, ledger.uses("C"), "the coupon was not counted either");
        assertTrue(redeemed(ledger, List.of(coupon("P2", "C", 5, 1)), Optional.of(ALICE)));
        assertFalse(redeemed(ledger, List.of(coupon("P2", "C", 5, 1)), Optional.of(ALICE)), "per-member limit");
        assertFalse(redeemed(ledger, List.of(coupon("P2", "C", 5, 1)), Optional.empty()),
                "a per-member limit needs a member");
        assertTrue(redeemed(ledger, List.of(coupon("P2", "C", 5, 1)), Optional.of(BOB)));
        assertEquals(2, ledger.uses("C"));
    }

    @Test
    void aKeyRecordsOnceAndReleasesOnce() {
        PromotionLedger ledger = newLedger();
        IdempotencyKey order = IdempotencyKey.of("order-1");
        List<Redemption> mine = List.of(budgeted("P1", 3000, 10_000), coupon("P2", "C", 5, 1));
        assertSame(Outcome.RECORDED, ledger.redeem(order, mine, Optional.of(ALICE)));
        assertSame(Outcome.ALREADY_RECORDED, ledger.redeem(order, mine, Optional.of(ALICE)), "a retry");
        assertEquals(3000, ledger.spent("P1"));
        assertEquals(1, ledger.uses("C", ALICE));
        assertSame(Outcome.REFUSED, ledger.redeem(IdempotencyKey.of("order-2"), mine, Optional.of(ALICE)),
                "per-member limit");
        assertTrue(ledger.release(order));
        assertFalse(ledger.release(order), "released once");
        assertFalse(ledger.release(IdempotencyKey.of("never-recorded")));
        assertEquals(0, ledger.spent("P1"));
        assertEquals(0, ledger.spent("P2"));
        assertEquals(0, ledger.uses("C"));
        assertEquals(0, ledger.uses("C", ALICE));
        assertSame(Outcome.ALREADY_RECORDED, ledger.redeem(order, mine, Optional.of(ALICE)),
                "a late retry of a released checkout counts nothing again");
        assertEquals(0, ledger.spent("P1"));
        assertSame(Outcome.RECORDED, ledger.redeem(IdempotencyKey.of("order-2"), mine, Optional.of(ALICE)),
                "the coupon is free again");
    }

    @Test
    void limitsHoldUnderConcurrency() throws Exception {
        PromotionLedger ledger = newLedger();
        int threads = 8;
        int attempts = 50;
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                MemberId member = MemberId.of("M-" + t);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < attempts; i++) {
                        if (redeemed(ledger, List.of(budgeted("FLASH", 700, 100_000),
                                coupon("F", "FLASH50", 120, 1000)), Optional.of(member))) {
                            accepted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // budget allows 142 redemptions of 700, the coupon 120: the coupon binds
        assertEquals(120, accepted.get());
        assertEquals(120, ledger.uses("FLASH50"));
        assertEquals(120L * 700, ledger.spent("FLASH"));
    }
}
