package io.github.omniretail.benchmarks.engagement;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.spi.StockView;
import io.github.omniretail.engagement.GeoFence;
import io.github.omniretail.engagement.LocationOffers;
import io.github.omniretail.engagement.NodeOffer;
import io.github.omniretail.loyalty.Consent;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.MarketingChannel;
import io.github.omniretail.loyalty.spi.ConsentLog;
import io.github.omniretail.loyalty.spi.ConsentReplica;
import io.github.omniretail.loyalty.spi.ConsentStore;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Location pings against 10,000 stores: each store fences 300–1,500 m around itself, spread over twelve cities; a
 * ping lands near a random store (and so usually inside one or more fences) and each offer checks consent (the
 * consent registry: every member granted location), quiet hours, a daily cap (a million members, so caps rarely
 * bind; the counters sized for the day up front) and, for half, stock. The peer, in the same run, does only the
 * spatial part: JTS's {@code STRtree} over the fences' bounding boxes, then the exact test of each candidate.
 *
 * <p>The JVM runs as we advise for a latency-sensitive service: a fixed 6 GB heap, touched up front, on transparent
 * huge pages. With the JDK's defaults (a growing heap, 4 KB pages) the p99 on this 2-core VM varied between forks
 * from 2.3 to 11 µs: random reads over a gigabyte of members, counters and consents then miss the TLB and fault in
 * pages as the heap grows.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages"})
public class LocationOffersBenchmark {

    /** The stores and their offers. */
    @State(Scope.Benchmark)
    public static class Stores {
        @Param({"10000"})
        public int stores;

        @Param({"33554432"})
        public int expectedDeliveries;

        @Param({"0.05"})
        public double cellDegrees;

        /** {@code memory}: {@code ConsentStore.inMemory()}; {@code replica}: a {@code ConsentReplica} over a log. */
        @Param({"memory"})
        public String consents;

        LocationOffers offers;
        STRtree strtree;
        final List<GeoPoint> sites = new ArrayList<>();

        @Setup(Level.Trial)
        public void build() {
            SplittableRandom r = new SplittableRandom(20261207);
            double[][] cities = {{30.26, 120.13}, {31.23, 121.47}, {39.90, 116.40}, {23.13, 113.26}, {22.54, 114.06},
                {30.57, 104.07}, {29.56, 106.55}, {34.34, 108.94}, {32.06, 118.80}, {36.07, 120.38}, {38.04, 114.51},
                {25.04, 102.71}};
            List<NodeOffer> all = new ArrayList<>();
            ZoneId zone = ZoneId.of("Asia/Shanghai");
            for (int i = 0; i < stores; i++) {
                double[] c = cities[i % cities.length];
                GeoPoint p = GeoPoint.of(c[0] + (r.nextDouble() - 0.5) * 0.4, c[1] + (r.nextDouble() - 0.5) * 0.4);
                sites.add(p);
                all.add(new NodeOffer("offer-" + i, NodeId.of("S" + i), new GeoFence.Circle(p,
                        300 + r.nextDouble() * 1_200), zone, i % 2 == 0 ? Optional.of(Sku.of("SKU-" + i % 100))
                                : Optional.empty(), Set.of(), LocalTime.of(22, 0), LocalTime.of(8, 0), 3));
            }
            StockView stock = new StockView() {
                @Override
                public long available(Sku sku, NodeId node, Channel channel) {
                    return 5;
                }

                @Override
                public boolean tracks(NodeId node) {
                    return true;
                }
            };
            strtree = new STRtree();
            for (NodeOffer o : all) {
                GeoFence.Circle c = (GeoFence.Circle) o.fence();
                double dLat = c.radiusMetres() / 111_195.0;
                double dLon = dLat / Math.cos(Math.toRadians(c.centre().latitude()));
                strtree.insert(new Envelope(c.centre().longitude() - dLon, c.centre().longitude() + dLon,
                        c.centre().latitude() - dLat, c.centre().latitude() + dLat), c);
            }
            strtree.build();
            Clock clock = Clock.fixed(java.time.Instant.parse("2026-12-07T03:00:00Z"), java.time.ZoneOffset.UTC);
            ConsentRegistry registry;
            if (consents.equals("replica")) { // as an instance sharing a database: the log loaded, then followed
                ConsentLog log = ConsentLog.inMemory();
                for (int i = 0; i < MEMBERS; i++) {
                    log.append(new Consent(MEMBER_IDS[i], MarketingChannel.LOCATION, true, clock.instant(),
                            "app:permission-dialog"));
                }
                registry = ConsentRegistry.of(ConsentReplica.builder(log).clock(clock).start(), clock);
            } else if (consents.equals("memory")) {
                registry = ConsentRegistry.of(ConsentStore.inMemory(), clock);
                for (int i = 0; i < MEMBERS; i++) {
                    registry.grant(MEMBER_IDS[i], MarketingChannel.LOCATION, "app:permission-dialog");
                }
            } else {
                throw new IllegalArgumentException("consents is memory or replica, got " + consents);
            }
            offers = LocationOffers.builder().offers(all).consents(registry).segments(m -> Set.of())
                    .stock(stock, Channel.of("lbs", ChannelKind.APP))
                    .clock(clock)
                    .expectedDeliveries(expectedDeliveries).cellDegrees(cellDegrees).build();
        }
    }

    static final int MEMBERS = 1_000_000;
    static final MemberId[] MEMBER_IDS = new MemberId[MEMBERS];

    static {
        for (int i = 0; i < MEMBERS; i++) {
            MEMBER_IDS[i] = MemberId.of("M" + i);
        }
    }

    /** Per thread: a random stream over the members. */
    @State(Scope.Thread)
    public static class Pinger {
        SplittableRandom random;
        MemberId[] members;

        @Setup(Level.Trial)
        public void open() {
            random = new SplittableRandom(Thread.currentThread().getId());
            members = MEMBER_IDS;
        }
    }

    private static Object onePing(Stores s, Pinger p) {
        GeoPoint site = s.sites.get(p.random.nextInt(s.sites.size()));
        GeoPoint at = GeoPoint.of(site.latitude() + (p.random.nextDouble() - 0.5) * 0.02,
                site.longitude() + (p.random.nextDouble() - 0.5) * 0.02);
        return s.offers.eligible(p.members[p.random.nextInt(p.members.length)], at);
    }

    /** Pings per second on one thread. */
    @Benchmark
    public Object ping(Stores s, Pinger p) {
        return onePing(s, p);
    }

    /** The peer: JTS STRtree candidates by bounding box, then the exact test (no consent, caps, hours or stock). */
    @Benchmark
    public int jtsStrtreeFenceLookup(Stores s, Pinger p) {
        GeoPoint site = s.sites.get(p.random.nextInt(s.sites.size()));
        GeoPoint at = GeoPoint.of(site.latitude() + (p.random.nextDouble() - 0.5) * 0.02,
                site.longitude() + (p.random.nextDouble() - 0.5) * 0.02);
        p.random.nextInt(p.members.length); // the same random draws as a ping
        int inside = 0;
        for (Object o : s.strtree.query(new Envelope(at.longitude(), at.longitude(), at.latitude(), at.latitude()))) {
            inside += ((GeoFence.Circle) o).contains(at) ? 1 : 0;
        }
        return inside;
    }

    /** A ping's latency, sampled (percentiles in the results). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object pingLatency(Stores s, Pinger p) {
        return onePing(s, p);
    }
}
