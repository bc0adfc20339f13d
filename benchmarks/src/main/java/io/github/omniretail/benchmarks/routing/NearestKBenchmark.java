package io.github.omniretail.benchmarks.routing;

import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.routing.SpatialIndex;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.ItemBoundable;
import org.locationtech.jts.index.strtree.ItemDistance;
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
 * Pure nearest-20 lookups over {@code nodes} points: our {@link SpatialIndex} (great-circle, on the unit sphere)
 * beside JTS's {@code STRtree.nearestNeighbour} (planar, on longitude/latitude) on the same points, plus the cost of
 * rebuilding our index after a node moves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class NearestKBenchmark {

    @Param({"10000"})
    public int nodes;

    SpatialIndex index;
    STRtree strtree;
    GeoPoint[] queries;
    FulfillmentNode[] network;
    int next;

    private static final ItemDistance PLANAR = (ItemBoundable a, ItemBoundable b) -> {
        double[] p = (double[]) a.getItem();
        double[] q = (double[]) b.getItem();
        double dx = p[0] - q[0];
        double dy = p[1] - q[1];
        return Math.sqrt(dx * dx + dy * dy);
    };

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(11);
        List<FulfillmentNode> list = new ArrayList<>();
        strtree = new STRtree();
        for (int n = 0; n < nodes; n++) {
            double lat = 22 + r.nextDouble() * 18;
            double lon = 105 + r.nextDouble() * 17;
            list.add(FulfillmentNode.builder(NodeId.of("N" + n), NodeType.STORE, GeoPoint.of(lat, lon), ZoneOffset.UTC)
                    .capabilities(NodeCapability.SHIP).build());
            strtree.insert(new Envelope(lon, lon, lat, lat), new double[] {lon, lat});
        }
        strtree.build();
        network = list.toArray(new FulfillmentNode[0]);
        index = SpatialIndex.of(list);
        queries = new GeoPoint[1024];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = GeoPoint.of(22 + r.nextDouble() * 18, 105 + r.nextDouble() * 17);
        }
    }

    /** Ours: the 20 nearest nodes by great-circle distance. */
    @Benchmark
    public List<SpatialIndex.Neighbour> spatialIndexNearest20() {
        return index.nearest(queries[next++ & 1023], 20, n -> true);
    }

    /** JTS STRtree: the 20 nearest points (planar). */
    @Benchmark
    public Object[] jtsStrtreeNearest20() {
        GeoPoint q = queries[next++ & 1023];
        double[] item = {q.longitude(), q.latitude()};
        return strtree.nearestNeighbour(new Envelope(item[0], item[0], item[1], item[1]), item, PLANAR, 20);
    }

    /** Rebuilding our index after one node moved. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public SpatialIndex rebuildAfterAMove() {
        FulfillmentNode moved = network[next++ % network.length];
        return index.withNode(FulfillmentNode.builder(moved.id(), moved.type(), queries[next & 1023], moved.zone())
                .capabilities(moved.capabilities()).build());
    }
}
