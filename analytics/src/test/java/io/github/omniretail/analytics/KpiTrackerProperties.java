package io.github.omniretail.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.omniretail.analytics.KpiEvent.Line;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Incremental = batch: a generated stream fed live from four threads in shuffled order equals the same stream
 * written as CSV and read back in one thread, and both equal a plain reference model computed from the event list.
 */
class KpiTrackerProperties {
    static final Currency CNY = Currency.getInstance("CNY");
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final ChannelKind[] CHANNELS = ChannelKind.values();

    @Property(tries = 60)
    void liveConcurrentEqualsCsvBatchEqualsModel(@ForAll long seed) throws Exception {
        List<KpiEvent> events = generate(new Random(seed));
        Instant asOf = START.plus(Duration.ofDays(120));

        KpiTracker live = KpiTracker.builder().currency(CNY).zone(ZONE).build();
        feedConcurrently(live, events, new Random(seed ^ 0x5DEECE66DL));

        Path dir = Files.createTempDirectory("kpi");
        try {
            KpiCsv.write(events, dir);
            KpiTracker batch = KpiTracker.builder().currency(CNY).zone(ZONE).build();
            batch.acceptAll(KpiCsv.read(dir, CNY));
            Kpis k = live.kpis(asOf);
            assertEquals(batch.kpis(asOf), k);
            model(events, asOf, k);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /** Levels of one position stay in one thread, in order; everything else is shuffled across threads. */
    static void feedConcurrently(KpiTracker tracker, List<KpiEvent> events, Random random) throws Exception {
        int threads = 4;
        List<List<KpiEvent>> parts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            parts.add(new ArrayList<>());
        }
        List<KpiEvent> rest = new ArrayList<>();
        for (KpiEvent e : events) {
            if (e instanceof KpiEvent.StockLevel s) {
                parts.get(Math.floorMod((s.sku().value() + s.node().value()).hashCode(), threads)).add(e);
            } else {
                rest.add(e);
            }
        }
        Collections.shuffle(rest, random);
        for (int i = 0; i < rest.size(); i++) {
            parts.get(random.nextInt(threads)).add(rest.get(i));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (List<KpiEvent> part : parts) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    part.forEach(tracker::accept);
                } catch (Throwable x) {
                    failures.add(x);
                }
            });
            t.start();
            ts.add(t);
        }
        go.countDown();
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(List.of(), failures);
    }

    static List<KpiEvent> generate(Random r) {
        List<KpiEvent> out = new ArrayList<>();
        Sku[] skus = {Sku.of("A"), Sku.of("B"), Sku.of("C")};
        NodeId[] nodes = {NodeId.of("S1"), NodeId.of("S2")};
        int orders = 5 + r.nextInt(60);
        for (int i = 0; i < orders; i++) {
            Instant at = START.plusSeconds(r.nextInt(100 * 86_400));
            List<Line> lines = new ArrayList<>();
            for (int l = 0, n = 1 + r.nextInt(3); l < n; l++) {
                long rev = r.nextInt(10_000);
                lines.add(new Line(skus[r.nextInt(3)], 1 + r.nextInt(4), Money.ofMinor(rev, CNY),
                        r.nextBoolean() ? Optional.of(Money.ofMinor(rev * r.nextInt(90) / 100, CNY)) : Optional.empty()));
            }
            OrderId id = OrderId.of("O" + i);
            Optional<String> quote = r.nextInt(3) == 0 ? Optional.of("Q" + r.nextInt(orders)) : Optional.empty();
            Optional<Instant> promise = r.nextBoolean() ? Optional.of(at.plusSeconds(r.nextInt(30_000)))
                    : Optional.empty();
            KpiEvent.OrderPlaced placed = new KpiEvent.OrderPlaced(at, id,
                    r.nextInt(5) == 0 ? Optional.empty() : Optional.of(MemberId.of("M" + r.nextInt(12))),
                    CHANNELS[r.nextInt(CHANNELS.length)], nodes[r.nextInt(2)], lines, quote, promise);
            out.add(placed);
            if (r.nextInt(4) == 0) {
                out.add(placed);
            }
            if (r.nextInt(3) > 0) {
                KpiEvent.OrderFulfilled f = new KpiEvent.OrderFulfilled(at.plusSeconds(r.nextInt(40_000)), id);
                out.add(f);
                if (r.nextInt(5) == 0) {
                    out.add(f);
                }
            }
            if (r.nextInt(5) == 0) {
                Line l = lines.get(0);
                out.add(new KpiEvent.OrderReturned(at.plusSeconds(86_400), id, "R" + i, l.sku(), 1,
                        Money.ofMinor(l.revenue().minorUnits() / l.units(), CNY), l.cost()));
            }
        }
        for (int q = 0; q < orders; q++) {
            if (r.nextBoolean()) {
                out.add(new KpiEvent.QuoteIssued(START.plusSeconds(r.nextInt(100 * 86_400)), "Q" + q,
                        CHANNELS[r.nextInt(CHANNELS.length)]));
            }
        }
        for (Sku s : skus) {
            for (NodeId n : nodes) {
                long t = START.getEpochSecond() + r.nextInt(86_400);
                for (int i = 0, k = r.nextInt(30); i < k; i++) {
                    int onHand = r.nextInt(8);
                    out.add(new KpiEvent.StockLevel(Instant.ofEpochSecond(t), s, n, onHand,
                            r.nextInt(3) == 0 ? 0 : r.nextInt(onHand + 1)));
                    t += r.nextInt(5 * 86_400);
                }
                if (r.nextBoolean()) {
                    out.add(new KpiEvent.StockReceived(START.plusSeconds(r.nextInt(86_400)), s, n, 1 + r.nextInt(50)));
                }
                if (r.nextInt(3) == 0) {
                    out.add(new KpiEvent.LotExpired(START.plusSeconds(r.nextInt(90 * 86_400)), s, n, "L1",
                            1 + r.nextInt(5), Money.ofMinor(r.nextInt(1000), CNY)));
                }
                if (r.nextInt(3) == 0) {
                    out.add(new KpiEvent.OrderRejected(START.plusSeconds(r.nextInt(90 * 86_400)), ChannelKind.APP, n,
                            Optional.of(s), "insufficient_stock"));
                }
            }
        }
        return out;
    }

    /** The reference model: KPIs recomputed straight from the list, the slow obvious way. */
    static void model(List<KpiEvent> events, Instant asOf, Kpis k) {
        Map<OrderId, KpiEvent.OrderPlaced> orders = new TreeMap<>();
        Map<OrderId, Instant> fulfilled = new HashMap<>();
        Set<String> returns = new HashSet<>();
        long refunds = 0;
        Map<String, List<KpiEvent.StockLevel>> levels = new TreeMap<>();
        Map<String, Instant> firstDemand = new HashMap<>();
        for (KpiEvent e : events) {
            if (e instanceof KpiEvent.OrderPlaced o) {
                orders.putIfAbsent(o.order(), o);
            } else if (e instanceof KpiEvent.OrderFulfilled f) {
                fulfilled.merge(f.order(), f.at(), (a, b) -> a.isBefore(b) ? a : b);
            } else if (e instanceof KpiEvent.OrderReturned r && returns.add(r.returnId())) {
                refunds += r.refund().minorUnits();
            } else if (e instanceof KpiEvent.StockLevel s) {
                levels.computeIfAbsent(s.sku().value() + "@" + s.node().value(), x -> new ArrayList<>()).add(s);
            } else if (e instanceof KpiEvent.OrderRejected j && j.sku().isPresent()) {
                firstDemand.merge(j.sku().get().value() + "@" + j.store().value(), j.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        long revenue = 0;
        Map<ChannelKind, Long> byChannel = new HashMap<>();
        Map<MemberId, List<Instant>> members = new HashMap<>();
        for (KpiEvent.OrderPlaced o : orders.values()) {
            revenue += o.revenue().minorUnits();
            byChannel.merge(o.channel(), 1L, Long::sum);
            o.member().ifPresent(m -> members.computeIfAbsent(m, x -> new ArrayList<>()).add(o.at()));
            for (Line l : o.lines()) {
                firstDemand.merge(l.sku().value() + "@" + o.store().value(), o.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        assertEquals(orders.size(), k.total().orders());
        assertEquals(revenue, k.total().grossRevenue());
        assertEquals(refunds, k.total().refunds());
        byChannel.forEach((c, n) -> assertEquals(n, k.byChannel().get(c).orders()));

        long active = 0;
        long repeat = 0;
        long matured30 = 0;
        long retained30 = 0;
        for (List<Instant> times : members.values()) {
            Collections.sort(times);
            long inWindow = times.stream().filter(t -> t.isAfter(asOf.minus(Duration.ofDays(90))) && !t.isAfter(asOf))
                    .count();
            active += inWindow > 0 ? 1 : 0;
            repeat += inWindow > 1 ? 1 : 0;
            Instant horizon = times.get(0).plus(Duration.ofDays(30));
            if (!horizon.isAfter(asOf)) {
                matured30++;
                if (times.size() > 1 && !times.get(1).isAfter(horizon)) {
                    retained30++;
                }
            }
        }
        assertEquals(active, k.members().activeInWindow());
        assertEquals(repeat, k.members().repeatInWindow());
        assertEquals(new Kpis.Retention(30, matured30, retained30), k.retention(30));

        long due = 0;
        long onTime = 0;
        for (KpiEvent.OrderPlaced o : orders.values()) {
            if (o.promisedBy().isPresent()
                    && o.promisedBy().get().atZone(ZONE).toLocalDate().equals(o.at().atZone(ZONE).toLocalDate())) {
                Instant done = fulfilled.get(o.order());
                if (done != null || !o.promisedBy().get().isAfter(asOf)) {
                    due++;
                    onTime += done != null && !done.isAfter(o.promisedBy().get()) ? 1 : 0;
                }
            }
        }
        assertEquals(due, k.fulfilment().sameDayDue());
        assertEquals(onTime, k.fulfilment().sameDayOnTime());

        // Stock-out hours, hour by hour: an hour counts when some level with ATP 0 is in force during it.
        long outHours = 0;
        long demandedHours = 0;
        for (Map.Entry<String, List<KpiEvent.StockLevel>> e : levels.entrySet()) {
            Instant demand = firstDemand.get(e.getKey());
            List<KpiEvent.StockLevel> ls = e.getValue();
            if (demand == null) {
                continue;
            }
            Instant first = ls.get(0).at().isAfter(demand) ? ls.get(0).at() : demand;
            long startHour = Math.floorDiv(first.toEpochMilli(), 3_600_000L);
            long endHour = Math.floorDiv(asOf.toEpochMilli() - 1, 3_600_000L);
            for (long h = startHour; h <= endHour; h++) {
                long hs = h * 3_600_000L;
                long he = hs + 3_600_000L;
                demandedHours++;
                for (int i = 0; i < ls.size(); i++) {
                    long from = ls.get(i).at().toEpochMilli();
                    long to = i + 1 < ls.size() ? ls.get(i + 1).at().toEpochMilli() : asOf.toEpochMilli();
                    if (ls.get(i).atp() == 0 && from < to && from < he && to > hs) {
                        outHours++;
                        break;
                    }
                }
            }
        }
        assertEquals(new Kpis.StockOut(outHours, demandedHours), k.stockOutTotal());
    }
}
