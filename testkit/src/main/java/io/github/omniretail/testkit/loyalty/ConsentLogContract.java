package io.github.omniretail.testkit.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.loyalty.Consent;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.MarketingChannel;
import io.github.omniretail.loyalty.spi.ConsentLog;
import io.github.omniretail.loyalty.spi.ConsentReplica;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A {@link ConsentLog} keeps every decision exactly (time to the nanosecond, source in any script), numbers them
 * ascending, pages by number, and two {@link ConsentReplica}s on it — two instances of a service — agree with a
 * model of the log after concurrent decisions through both. Extend it and return a log on fresh storage.
 */
public abstract class ConsentLogContract {
    private static final MarketingChannel[] CHANNELS = MarketingChannel.values();

    /**
     * A log on fresh storage.
     *
     * @return the log
     */
    protected abstract ConsentLog newLog();

    private static ConsentReplica replica(ConsentLog log, Clock clock, Duration pollEvery) {
        return ConsentReplica.builder(log).clock(clock).pollEvery(pollEvery).pageSize(7).start();
    }

    @Test
    void keepsEveryDecisionExactlyAndInOrder() {
        ConsentLog log = newLog();
        MemberId wang = MemberId.of("M-WANG");
        MemberId li = MemberId.of("M-LI");
        Instant at = Instant.parse("2026-12-07T09:30:01.123456789Z");
        List<Consent> decisions = List.of(
                new Consent(wang, MarketingChannel.SMS, true, at, "pos:S001 登记表"),
                new Consent(li, MarketingChannel.LOCATION, true, at.plusNanos(1), "app:settings"),
                new Consent(wang, MarketingChannel.SMS, false, at.plusSeconds(60), "sms:reply-TD"),
                new Consent(wang, MarketingChannel.EMAIL, true, at.plusSeconds(61), "mini-program:设置"));
        List<Long> numbers = new ArrayList<>();
        for (Consent c : decisions) {
            numbers.add(log.append(c));
        }
        for (int i = 1; i < numbers.size(); i++) {
            assertTrue(numbers.get(i) > numbers.get(i - 1), "numbers ascend: " + numbers);
        }
        assertEquals(List.of(decisions.get(0), decisions.get(2), decisions.get(3)), log.history(wang));
        assertEquals(List.of(decisions.get(1)), log.history(li));
        assertEquals(List.of(), log.history(MemberId.of("M-NOBODY")));
        List<ConsentLog.Entry> all = log.after(0, 100);
        assertEquals(numbers, all.stream().map(ConsentLog.Entry::seq).toList());
        assertEquals(decisions, all.stream().map(ConsentLog.Entry::consent).toList());
    }

    @Test
    void pagesByNumber() {
        ConsentLog log = newLog();
        List<Long> numbers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            numbers.add(log.append(new Consent(MemberId.of("M-" + i), MarketingChannel.APP_PUSH, true,
                    Instant.parse("2026-12-07T09:00:00Z"), "app:onboarding")));
        }
        assertEquals(numbers.subList(0, 2), log.after(0, 2).stream().map(ConsentLog.Entry::seq).toList());
        assertEquals(numbers.subList(2, 4), log.after(numbers.get(1), 2).stream().map(ConsentLog.Entry::seq).toList());
        assertEquals(numbers.subList(4, 5), log.after(numbers.get(3), 2).stream().map(ConsentLog.Entry::seq).toList());
        assertEquals(List.of(), log.after(numbers.get(4), 2));
        assertThrows(IllegalArgumentException.class, () -> log.after(0, 0));
    }

    @Test
    void aDecisionThroughOneInstanceReachesTheOtherWithinAPoll() throws InterruptedException {
        ConsentLog log = newLog();
        MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T09:00:00Z"));
        MemberId member = MemberId.of("M-PUSH");
        try (ConsentReplica a = replica(log, clock, Duration.ofMillis(20));
                ConsentReplica b = replica(log, clock, Duration.ofMillis(20))) {
            ConsentRegistry onA = ConsentRegistry.of(a, clock);
            ConsentRegistry onB = ConsentRegistry.of(b, clock);
            onA.grant(member, MarketingChannel.LOCATION, "app:location-prompt");
            assertTrue(onA.allows(member, MarketingChannel.LOCATION), "at once where it was recorded");
            assertTrue(eventually(() -> onB.allows(member, MarketingChannel.LOCATION)), "the other instance sees it");
            onB.withdraw(member, MarketingChannel.LOCATION, "app:settings");
            assertTrue(eventually(() -> !onA.allows(member, MarketingChannel.LOCATION)), "and the withdrawal");
            assertEquals(Optional.of(false), a.latest(member, MarketingChannel.LOCATION).map(Consent::granted));
            assertEquals(2, onA.history(member).size());
        }
    }

    @Test
    void twoInstancesAgreeWithTheLogAfterConcurrentDecisions() throws Exception {
        ConsentLog log = newLog();
        MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T09:00:00Z"));
        try (ConsentReplica a = replica(log, clock, Duration.ofMillis(15));
                ConsentReplica b = replica(log, clock, Duration.ofMillis(15))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                ConsentReplica via = t % 2 == 0 ? a : b;
                Random random = new Random(t);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        MemberId m = MemberId.of("M-" + random.nextInt(12));
                        via.append(new Consent(m, CHANNELS[random.nextInt(CHANNELS.length)], random.nextBoolean(),
                                clock.instant(), "thread-" + Thread.currentThread().getId()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            // the model: the latest decision per member and channel, in the log's order
            Map<MemberId, Map<MarketingChannel, Boolean>> model = new HashMap<>();
            List<ConsentLog.Entry> all = log.after(0, 1_000);
            assertEquals(240, all.size(), "every decision stored once");
            for (ConsentLog.Entry e : all) {
                model.computeIfAbsent(e.consent().member(), k -> new EnumMap<>(MarketingChannel.class))
                        .put(e.consent().channel(), e.consent().granted());
            }
            assertTrue(eventually(() -> agrees(a, model) && agrees(b, model)), "both replicas converge on the log");
            b.refresh();
            assertTrue(agrees(b, model), "and a full re-read changes nothing");
            for (int i = 0; i < 12; i++) {
                MemberId m = MemberId.of("M-" + i);
                List<Consent> expected = all.stream().map(ConsentLog.Entry::consent)
                        .filter(c -> c.member().equals(m)).toList();
                assertEquals(expected, log.history(m), "history of " + m + " in the log's order");
            }
        }
    }

    @Test
    void failsClosedWhenTheLogHasNotBeenReadForTooLong() {
        ConsentLog log = newLog();
        MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T09:00:00Z"));
        MemberId member = MemberId.of("M-SMS");
        log.append(new Consent(member, MarketingChannel.SMS, true, clock.instant(), "pos:S002"));
        try (ConsentReplica r = ConsentReplica.builder(log).clock(clock).pollEvery(Duration.ofMinutes(30))
                .failClosedAfter(Duration.ofMinutes(45)).start()) {
            assertTrue(r.allows(member, MarketingChannel.SMS), "loaded at start");
            clock.advance(Duration.ofMinutes(46));
            assertTrue(r.failingClosed());
            assertFalse(r.allows(member, MarketingChannel.SMS), "stale beyond the limit: no marketing");
            assertEquals(Duration.ofMinutes(46), r.lag());
            r.refresh();
            assertFalse(r.failingClosed());
            assertTrue(r.allows(member, MarketingChannel.SMS));
        }
    }

    private static boolean agrees(ConsentReplica r, Map<MemberId, Map<MarketingChannel, Boolean>> model) {
        for (int i = 0; i < 12; i++) {
            MemberId m = MemberId.of("M-" + i);
            for (MarketingChannel ch : CHANNELS) {
                boolean expected = model.getOrDefault(m, Map.of()).getOrDefault(ch, false);
                if (r.allows(m, ch) != expected) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }
}
