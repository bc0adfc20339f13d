package io.github.omniretail.loyalty.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.loyalty.Consent;
import io.github.omniretail.loyalty.MarketingChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The replica against a log whose numbers may be drawn long before their rows become visible, as with concurrent
 * database transactions, and which may fail: late rows, older rows, gaps given up, failing closed.
 */
class ConsentReplicaTest {
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T09:00:00Z"));
    private final GappyLog log = new GappyLog();
    private final MemberId wang = MemberId.of("M-WANG");
    private final MemberId li = MemberId.of("M-LI");

    /** A log where a number is drawn first ({@link #reserve}) and its row becomes visible later ({@link #commit}). */
    static final class GappyLog implements ConsentLog {
        private final TreeMap<Long, Consent> visible = new TreeMap<>();
        private long next = 1;
        final List<Long> asked = new CopyOnWriteArrayList<>();
        final AtomicBoolean down = new AtomicBoolean();
        volatile CountDownLatch gate; // when set, a read takes its rows, then waits for it
        final CountDownLatch read = new CountDownLatch(1);

        synchronized long reserve() {
            return next++;
        }

        synchronized void commit(long seq, Consent consent) {
            visible.put(seq, consent);
        }

        @Override
        public synchronized long append(Consent consent) {
            long seq = reserve();
            commit(seq, consent);
            return seq;
        }

        @Override
        public synchronized List<Consent> history(MemberId member) {
            return visible.values().stream().filter(c -> c.member().equals(member)).toList();
        }

        @Override
        public List<Entry> after(long seq, int max) {
            List<Entry> rows;
            synchronized (this) {
                if (down.get()) {
                    throw new IllegalStateException("database unreachable");
                }
                asked.add(seq);
                rows = visible.tailMap(seq, false).entrySet().stream().limit(max)
                        .map(e -> new Entry(e.getKey(), e.getValue())).toList();
            }
            CountDownLatch g = gate;
            if (g != null) {
                read.countDown();
                try {
                    g.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return rows;
        }

        /** Waits until the replica has asked for rows after {@code seq} twice since now (one whole poll at least). */
        void awaitPollsFrom(long seq) throws InterruptedException {
            int from = asked.size();
            assertTrue(eventually(() -> asked.subList(from, asked.size()).stream().filter(s -> s == seq).count() >= 2),
                    "polls from " + seq + ", asked " + asked.subList(from, asked.size()));
        }
    }

    private Consent decision(MemberId m, MarketingChannel ch, boolean granted) {
        return new Consent(m, ch, granted, clock.instant(), "test");
    }

    private ConsentReplica.Builder replica() {
        return ConsentReplica.builder(log).clock(clock).pollEvery(Duration.ofMillis(5))
                .failClosedAfter(Duration.ofMinutes(30));
    }

    @Test
    void aRowThatBecomesVisibleLateInsideAGapIsApplied() throws InterruptedException {
        long late = log.reserve();
        log.append(decision(wang, MarketingChannel.SMS, true));
        try (ConsentReplica r = replica().start()) {
            assertTrue(r.allows(wang, MarketingChannel.SMS));
            log.awaitPollsFrom(0); // held below the gap
            log.commit(late, decision(li, MarketingChannel.EMAIL, true));
            assertTrue(eventually(() -> r.allows(li, MarketingChannel.EMAIL)));
            log.awaitPollsFrom(2); // the gap closed: the watermark passes both
        }
    }

    @Test
    void anOlderRowVisibleLateDoesNotOverrideANewerDecision() throws InterruptedException {
        long older = log.reserve();
        log.append(decision(wang, MarketingChannel.SMS, false)); // the newer decision: withdrawn
        try (ConsentReplica r = replica().start()) {
            log.commit(older, decision(wang, MarketingChannel.SMS, true));
            log.awaitPollsFrom(2);
            assertFalse(r.allows(wang, MarketingChannel.SMS), "the grant is older than the withdrawal");
            r.refresh();
            assertFalse(r.allows(wang, MarketingChannel.SMS));
        }
    }

    @Test
    void aReadOverlappingADecisionHereDoesNotUndoIt() throws Exception {
        log.append(decision(wang, MarketingChannel.SMS, true));
        try (ConsentReplica r = replica().pollEvery(Duration.ofMinutes(10)).start()) {
            log.gate = new CountDownLatch(1);
            Thread reader = new Thread(r::refresh);
            reader.start();
            assertTrue(log.read.await(10, TimeUnit.SECONDS), "the refresh took its rows: the grant");
            log.gate = null;
            r.append(decision(wang, MarketingChannel.SMS, false));
            assertFalse(r.allows(wang, MarketingChannel.SMS), "withdrawn here, at once");
            reader.interrupt(); // releases the read, which then applies its older grant
            reader.join(10_000);
            assertFalse(r.allows(wang, MarketingChannel.SMS), "the older grant read meanwhile does not undo it");
        }
    }

    @Test
    void aGapIsGivenUpAfterItsTimeoutAndARowInItIsSeenOnRefresh() throws InterruptedException {
        long lost = log.reserve();
        log.append(decision(wang, MarketingChannel.SMS, true));
        log.append(decision(wang, MarketingChannel.EMAIL, true));
        try (ConsentReplica r = replica().gapTimeout(Duration.ofSeconds(60)).start()) {
            log.awaitPollsFrom(0);
            clock.advance(Duration.ofSeconds(59));
            log.awaitPollsFrom(0);
            clock.advance(Duration.ofSeconds(2));
            log.awaitPollsFrom(3);
            log.commit(lost, decision(li, MarketingChannel.LOCATION, true)); // committed long after its number
            log.awaitPollsFrom(3);
            assertFalse(r.allows(li, MarketingChannel.LOCATION), "below the watermark: not read by polls");
            r.refresh();
            assertTrue(r.allows(li, MarketingChannel.LOCATION), "read by a full refresh");
        }
    }

    @Test
    void aFailingLogKeepsTheStateUntilTheLimitThenFailsClosed() throws InterruptedException {
        log.append(decision(wang, MarketingChannel.APP_PUSH, true));
        try (ConsentReplica r = replica().failClosedAfter(Duration.ofMinutes(2)).start()) {
            log.awaitPollsFrom(1);
            log.down.set(true);
            clock.advance(Duration.ofMinutes(1));
            Thread.sleep(30); // polls fail meanwhile
            assertTrue(r.allows(wang, MarketingChannel.APP_PUSH), "within the limit: the last state");
            assertTrue(r.lag().compareTo(Duration.ofMinutes(1)) >= 0);
            clock.advance(Duration.ofMinutes(2));
            assertTrue(r.failingClosed());
            assertFalse(r.allows(wang, MarketingChannel.APP_PUSH), "beyond it: nobody is marketed to");
            assertThrows(IllegalStateException.class, r::refresh);
            log.down.set(false);
            assertTrue(eventually(() -> r.allows(wang, MarketingChannel.APP_PUSH)), "back after a good poll");
        }
    }

    @Test
    void startingNeedsAClockAndSaneDurations() {
        assertThrows(IllegalStateException.class, () -> ConsentReplica.builder(log).start());
        assertThrows(IllegalStateException.class, () -> ConsentReplica.builder(log).clock(clock)
                .pollEvery(Duration.ofMinutes(2)).failClosedAfter(Duration.ofMinutes(1)).start());
        assertThrows(IllegalArgumentException.class, () -> replica().pollEvery(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> replica().gapTimeout(Duration.ofHours(2)));
        assertThrows(IllegalArgumentException.class, () -> replica().pageSize(0));
        log.down.set(true);
        assertThrows(IllegalStateException.class, () -> replica().start(), "a log unreadable at start fails it");
    }

    @Test
    void erasureWithdrawsFromTheRecordEvenWhileFailingClosed() {
        log.append(decision(wang, MarketingChannel.SMS, true));
        log.append(decision(wang, MarketingChannel.LOCATION, true));
        log.append(decision(wang, MarketingChannel.LOCATION, false));
        try (ConsentReplica r = replica().pollEvery(Duration.ofMinutes(10)).failClosedAfter(Duration.ofMinutes(20))
                .start()) {
            clock.advance(Duration.ofMinutes(21));
            assertTrue(r.failingClosed());
            var withdrawn = io.github.omniretail.loyalty.ConsentRegistry.of(r, clock).withdrawAll(wang, "erasure");
            assertEquals(List.of(MarketingChannel.SMS), withdrawn.stream().map(Consent::channel).toList());
            assertEquals(4, r.history(wang).size());
        }
    }

    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(2);
        }
        return condition.getAsBoolean();
    }
}
