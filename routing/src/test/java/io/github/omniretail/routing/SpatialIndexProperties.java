package io.github.omniretail.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Nearest-k from the index equals a brute-force sort of every node by great-circle distance. */
class SpatialIndexProperties {

    /** Points anywhere, with extra weight near the poles and across the antimeridian. */
    @Provide
    Arbitrary<GeoPoint> points() {
        Arbitrary<GeoPoint> anywhere = Combinators.combine(Arbitraries.doubles().between(-90, 90),
                Arbitraries.doubles().between(-180, 180)).as(GeoPoint::of);
        Arbitrary<GeoPoint> antimeridian = Combinators.combine(Arbitraries.doubles().between(-60, 60),
                Arbitraries.oneOf(Arbitraries.doubles().between(178, 180), Arbitraries.doubles().between(-180, -178)))
                .as(GeoPoint::of);
        Arbitrary<GeoPoint> polar = Combinators.combine(Arbitraries.oneOf(Arbitraries.doubles().between(88, 90),
                Arbitraries.doubles().between(-90, -88)), Arbitraries.doubles().between(-180, 180)).as(GeoPoint::of);
        Arbitrary<GeoPoint> city = Combinators.combine(Arbitraries.doubles().between(30.1, 30.4),
                Arbitraries.doubles().between(120.0, 120.4)).as(GeoPoint::of);
        return Arbitraries.oneOf(anywhere, antimeridian, polar, city);
    }

    @Provide
    Arbitrary<List<GeoPoint>> locations() {
        return points().list().ofMaxSize(300);
    }

    static List<FulfillmentNode> network(List<GeoPoint> points) {
        List<FulfillmentNode> nodes = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            FulfillmentNode.Builder b = FulfillmentNode.builder(NodeId.of("N" + i),
                    i % 3 == 0 ? NodeType.STORE : NodeType.DARK_STORE, points.get(i), ZoneOffset.UTC);
            b.capabilities(i % 4 == 0 ? List.of(NodeCapability.PICKUP) : List.of(NodeCapability.SHIP));
            nodes.add(b.build());
        }
        return nodes;
    }

    @Property(tries = 400)
    void nearestKEqualsABruteForceSort(@ForAll("locations") List<GeoPoint> locations, @ForAll("points") GeoPoint query,
            @ForAll @IntRange(min = 1, max = 25) int k, @ForAll boolean filtered) {
        List<FulfillmentNode> nodes = network(locations);
        SpatialIndex index = SpatialIndex.of(nodes);
        Predicate<FulfillmentNode> filter = filtered ? n -> n.can(NodeCapability.SHIP) : n -> true;
        List<SpatialIndex.Neighbour> found = index.nearest(query, k, filter);
        List<Double> expected = nodes.stream().filter(filter).map(n -> query.distanceMetres(n.location()))
                .sorted().limit(k).toList();
        assertEquals(expected.size(), found.size());
        for (int i = 0; i < found.size(); i++) {
            // Equal distances may come in either order; the distances themselves must agree.
            assertEquals(expected.get(i), found.get(i).distanceMetres(), 1e-3, "rank " + i);
            assertTrue(filter.test(found.get(i).node()));
        }
        for (int i = 1; i < found.size(); i++) {
            assertTrue(found.get(i - 1).distanceMetres() <= found.get(i).distanceMetres() + 1e-3);
        }
    }

    @Property(tries = 100)
    void updatesWithoutMovingKeepTheTreeAndMovesRebuildIt(@ForAll("locations") List<GeoPoint> locations,
            @ForAll("points") GeoPoint query, @ForAll("points") GeoPoint moved) {
        if (locations.isEmpty()) {
            return;
        }
        List<FulfillmentNode> nodes = network(locations);
        SpatialIndex index = SpatialIndex.of(nodes);
        FulfillmentNode first = nodes.get(0);
        SpatialIndex closed = index.withNode(first.toBuilder().capabilities(List.of()).build());
        assertTrue(closed.nearest(query, nodes.size(), n -> n.can(NodeCapability.SHIP) || n.can(NodeCapability.PICKUP))
                .stream().noneMatch(n -> n.node().id().equals(first.id())));
        SpatialIndex relocated = index.withNode(FulfillmentNode.builder(first.id(), first.type(), moved, first.zone())
                .capabilities(first.capabilities()).build());
        List<SpatialIndex.Neighbour> all = relocated.nearest(moved, 1, n -> n.id().equals(first.id()));
        assertEquals(0.0, all.get(0).distanceMetres(), 1e-6);
        assertEquals(nodes.size() - 1, index.withoutNode(first.id()).size());
    }

    @Property(tries = 50)
    void emptyAndTinyIndexesWork(@ForAll("points") GeoPoint query) {
        assertEquals(0, SpatialIndex.of(List.of()).nearest(query, 3, n -> true).size());
        FulfillmentNode one = network(List.of(query)).get(0);
        assertEquals(List.of(one), SpatialIndex.of(List.of(one)).nearest(query, 3, n -> true).stream()
                .map(SpatialIndex.Neighbour::node).toList());
    }

}
