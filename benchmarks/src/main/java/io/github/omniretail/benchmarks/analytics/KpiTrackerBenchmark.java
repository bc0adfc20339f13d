package io.github.omniretail.benchmarks.analytics;

import io.github.omniretail.analytics.KpiEvent;
import io.github.omniretail.analytics.KpiTracker;
import io.github.omniretail.analytics.Kpis;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The KPI tracker on one thread: 1,000,000 events of a retail month — 250,000 orders (1–3 lines, 80 % members of
 * 100,000, 30 % quoted, 60 % promised), as many fulfilments, 10,000 returns, 250,000 stock levels over 2,000 SKUs × 40
 * nodes, 200,000 quotes, 20,000 receipts, 10,000 rejections, 10,000 expired lots — into a fresh tracker per
 * invocation; and the KPIs of those events as of the month's end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
public class KpiTrackerBenchmark {
    static final int EVENTS = 1_000_000;
    static final Currency CNY = Currency.getInstance("CNY");
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    List<KpiEvent> events;
    KpiTracker filled;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(7);
        ChannelKind[] channels = ChannelKind.values();
        Sku[] skus = new Sku[2_000];
        for (int i = 0; i < skus.length; i++) {
            skus[i] = Sku.of("SKU-" + i);
        }
        NodeId[] nodes = new NodeId[40];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = NodeId.of("N" + i);
        }
        MemberId[] members = new MemberId[100_000];
        for (int i = 0; i < members.length; i++) {
            members[i] = MemberId.of("M" + i);
        }
        List<KpiEvent> out = new ArrayList<>(EVENTS);
        long month = 30L * 86_400;
        int[][] onHand = new int[skus.length][nodes.length];
        long[][] lastLevel = new long[skus.length][nodes.length];
        for (int i = 0; i < 250_000; i++) {
            long t = START.getEpochSecond() + month * i / 250_000;
            Instant at = Instant.ofEpochSecond(t);
            List<KpiEvent.Line> lines = new ArrayList<>(3);
            for (int l = 0, n = 1 + r.nextInt(3); l < n; l++) {
                long fen = 100 + r.nextInt(20_000);
                lines.add(new KpiEvent.Line(skus[r.nextInt(skus.length)], 1 + r.nextInt(3), Money.ofMinor(fen, CNY),
                        Optional.of(Money.ofMinor(fen * 6 / 10, CNY))));
            }
            OrderId id = OrderId.of("O" + i);
            Optional<String> quote = r.nextInt(10) < 3 ? Optional.of("Q" + r.nextInt(200_000)) : Optional.empty();
            out.add(new KpiEvent.OrderPlaced(at, id, r.nextInt(5) == 0 ? Optional.empty()
                    : Optional.of(members[r.nextInt(members.length)]), channels[r.nextInt(channels.length)],
                    nodes[r.nextInt(nodes.length)], lines, quote,
                    r.nextInt(10) < 6 ? Optional.of(at.plusSeconds(4 * 3600)) : Optional.empty()));
            out.add(new KpiEvent.OrderFulfilled(at.plusSeconds(600 + r.nextInt(20_000)), id));
            int s = r.nextInt(skus.length);
            int n = r.nextInt(nodes.length);
            long lt = Math.max(t, lastLevel[s][n]);
            lastLevel[s][n] = lt;
            onHand[s][n] = Math.max(0, onHand[s][n] + r.nextInt(11) - 5);
            out.add(new KpiEvent.StockLevel(Instant.ofEpochSecond(lt), skus[s], nodes[n], onHand[s][n],
                    Math.max(0, onHand[s][n] - r.nextInt(3))));
            if (i % 25 == 0) {
                out.add(new KpiEvent.OrderReturned(at.plusSeconds(86_400), id, "R" + i, lines.get(0).sku(), 1,
                        lines.get(0).revenue(), lines.get(0).cost()));
                out.add(new KpiEvent.OrderRejected(at, ChannelKind.APP, nodes[n], Optional.of(skus[s]),
                        "insufficient_stock"));
                out.add(new KpiEvent.LotExpired(at, skus[s], nodes[n], "L" + i, 1 + r.nextInt(5),
                        Money.ofMinor(r.nextInt(5_000), CNY)));
            }
            if (i % 12 == 0) {
                out.add(new KpiEvent.StockReceived(at, skus[s], nodes[n], 10 + r.nextInt(100)));
            }
        }
        for (int q = 0; out.size() < EVENTS; q++) {
            out.add(new KpiEvent.QuoteIssued(START.plusSeconds(r.nextLong(month)), "Q" + q,
                    channels[r.nextInt(channels.length)]));
        }
        events = List.copyOf(out);
        filled = tracker();
        filled.acceptAll(events);
    }

    static KpiTracker tracker() {
        return KpiTracker.builder().currency(CNY).zone(ZONE).build();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public KpiTracker track() {
        KpiTracker t = tracker();
        for (KpiEvent e : events) {
            t.accept(e);
        }
        return t;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Kpis kpisOfAMillionEvents() {
        return filled.kpis(START.plusSeconds(31L * 86_400));
    }
}
