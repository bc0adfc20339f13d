package io.github.omniretail.benchmarks.loyalty;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.Balance;
import io.github.omniretail.loyalty.InsufficientPointsException;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The points ledger in memory: mixed earn / redeem postings (2 earns to 1 redemption), each with its own
 * transaction id, over 100,000 members, 2 threads; and the balance query of a member with a short or a long
 * history (constant time).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms12g", "-Xmx12g", "-Xmn8g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
public class LedgerBenchmark {

    static final Currency CNY = Currency.getInstance("CNY");
    static final Channel APP = Channel.of("app", ChannelKind.APP);

    /** One ledger with 100,000 members. */
    @State(Scope.Benchmark)
    public static class Ledger {
        PointsLedger ledger;
        MemberId[] members;

        @Setup(Level.Trial)
        public void setUp() {
            MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T00:00:00Z"));
            ledger = PointsLedger.builder().clock(clock)
                    .rules(LoyaltyRules.standard().withPendingFor(Duration.ZERO)).build();
            members = new MemberId[100_000];
            for (int i = 0; i < members.length; i++) {
                members[i] = MemberId.of("M-" + i);
                ledger.enrol(members[i]);
            }
        }
    }

    /** Per-thread ids and randomness. */
    @State(Scope.Thread)
    public static class Caller {
        SplittableRandom random;
        String prefix;
        long next;

        @Setup(Level.Trial)
        public void setUp() {
            random = new SplittableRandom(Thread.currentThread().getId());
            prefix = "t" + Thread.currentThread().getId() + "-";
        }
    }

    /** Mixed postings with idempotency. Target: >= 1 million postings/s on 2 threads. */
    @Benchmark
    @Threads(2)
    public Object mixedPostings(Ledger l, Caller c) {
        MemberId m = l.members[c.random.nextInt(l.members.length)];
        String id = c.prefix + (c.next++);
        if (c.random.nextInt(3) < 2) {
            return l.ledger.earn(IdempotencyKey.of(id), m, OrderId.of(id), APP,
                    Money.ofMinor(100 + c.random.nextInt(20_000), CNY));
        }
        try {
            return l.ledger.redeem(IdempotencyKey.of(id), m, 1 + c.random.nextInt(50));
        } catch (InsufficientPointsException e) {
            return e;
        }
    }

    /** Balance queries against members with 10 or 100,000 entries of history. */
    @State(Scope.Benchmark)
    public static class History {
        @Param({"10", "100000"})
        public int entries;
        PointsLedger ledger;
        MemberId member = MemberId.of("M-HISTORY");

        @Setup(Level.Trial)
        public void setUp() {
            ledger = PointsLedger.builder().clock(MutableClock.at(Instant.parse("2026-11-22T00:00:00Z")))
                    .rules(LoyaltyRules.standard().withPendingFor(Duration.ZERO)).build();
            ledger.enrol(member);
            for (int i = 0; i < entries; i++) {
                if (i % 2 == 0) {
                    ledger.earn(IdempotencyKey.of("e" + i), member, OrderId.of("o" + i), APP, Money.ofMinor(1_000,
                            CNY));
                } else {
                    ledger.redeem(IdempotencyKey.of("r" + i), member, 5);
                }
            }
        }
    }

    /** O(1) balance whatever the history length. */
    @Benchmark
    @Threads(1)
    public Balance balance(History h) {
        return h.ledger.balance(h.member);
    }
}
