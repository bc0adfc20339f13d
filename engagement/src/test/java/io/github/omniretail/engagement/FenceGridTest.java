package io.github.omniretail.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.GeoPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The grid finds exactly the fences a brute-force scan finds: circles and polygons, the antimeridian, the poles. */
class FenceGridTest {

    static GeoPoint offset(GeoPoint p, double metresNorth, double metresEast) {
        double lat = p.latitude() + Math.toDegrees(metresNorth / GeoPoint.MEAN_EARTH_RADIUS_METRES);
        double lon = p.longitude() + Math.toDegrees(metresEast / GeoPoint.MEAN_EARTH_RADIUS_METRES)
                / Math.cos(Math.toRadians(p.latitude()));
        lat = Math.max(-90, Math.min(90, lat));
        lon = ((lon + 180) % 360 + 360) % 360 - 180;
        return GeoPoint.of(lat, lon);
    }

    static List<GeoFence> fences(Random r, int n) {
        List<GeoFence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double lat;
            double lon;
            switch (i % 5) {
                case 0 -> { // across the antimeridian
                    lat = -60 + r.nextDouble() * 120;
                    lon = r.nextBoolean() ? 179.99 - r.nextDouble() * 0.05 : -179.99 + r.nextDouble() * 0.05;
                }
                case 1 -> { // near a pole (circles only below)
                    lat = (r.nextBoolean() ? 1 : -1) * (88 + r.nextDouble() * 1.9);
                    lon = -180 + r.nextDouble() * 360;
                }
                default -> { // a city
                    lat = 30.2 + r.nextGaussian() * 0.3;
                    lon = 120.1 + r.nextGaussian() * 0.3;
                }
            }
            GeoPoint centre = GeoPoint.of(lat, lon);
            double radius = 200 + r.nextDouble() * 4_800;
            if (i % 5 == 1 || r.nextBoolean()) {
                out.add(new GeoFence.Circle(centre, radius));
            } else {
                int m = 3 + r.nextInt(10);
                List<GeoPoint> vertices = new ArrayList<>();
                for (int v = 0; v < m; v++) {
                    double angle = 2 * Math.PI * v / m;
                    double d = radius * (0.4 + 0.6 * r.nextDouble());
                    vertices.add(offset(centre, d * Math.cos(angle), d * Math.sin(angle)));
                }
                out.add(new GeoFence.Polygon(vertices));
            }
        }
        return out;
    }

    @Test
    void findsExactlyWhatABruteForceScanFinds() {
        Random r = new Random(20261207);
        List<GeoFence> fences = fences(r, 3_000);
        FenceGrid grid = new FenceGrid(fences, 0.05);
        int[] out = new int[grid.maxPerCell()];
        int compared = 0;
        int hits = 0;
        for (int q = 0; q < 12_000; q++) {
            GeoPoint p;
            if (q % 4 == 0) {
                p = GeoPoint.of(-90 + r.nextDouble() * 180, -180 + r.nextDouble() * 360);
            } else {
                GeoFence f = fences.get(r.nextInt(fences.size()));
                GeoPoint near = f instanceof GeoFence.Circle c ? c.centre() : ((GeoFence.Polygon) f).vertices().get(0);
                p = offset(near, (r.nextDouble() - 0.5) * 12_000, (r.nextDouble() - 0.5) * 12_000);
            }
            if (nearACircleEdge(fences, p)) {
                continue; // the grid's dot product and the haversine may round apart within a millimetre
            }
            Set<Integer> expected = new TreeSet<>();
            for (int i = 0; i < fences.size(); i++) {
                if (fences.get(i).contains(p)) {
                    expected.add(i);
                }
            }
            Set<Integer> found = new TreeSet<>();
            int n = grid.containing(p.latitude(), p.longitude(), out);
            for (int i = 0; i < n; i++) {
                found.add(out[i]);
            }
            assertEquals(expected, found, "at " + p);
            compared++;
            hits += expected.size();
        }
        assertTrue(compared > 11_700 && hits > 3_000, "the queries hit fences: " + compared + " / " + hits);
    }

    static boolean nearACircleEdge(List<GeoFence> fences, GeoPoint p) {
        for (GeoFence f : fences) {
            if (f instanceof GeoFence.Circle c && Math.abs(c.centre().distanceMetres(p) - c.radiusMetres()) < 0.01) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aFenceAcrossTheAntimeridianContainsPointsOnBothSides() {
        GeoFence.Polygon across = new GeoFence.Polygon(List.of(GeoPoint.of(-17.0, 179.98), GeoPoint.of(-17.0, -179.98),
                GeoPoint.of(-17.02, -179.98), GeoPoint.of(-17.02, 179.98)));
        FenceGrid grid = new FenceGrid(List.of(across, new GeoFence.Circle(GeoPoint.of(-17.01, 180.0), 500)), 0.05);
        int[] out = new int[grid.maxPerCell()];
        assertEquals(2, grid.containing(-17.01, 179.999, out));
        assertEquals(2, grid.containing(-17.01, -179.999, out));
        assertEquals(0, grid.containing(-17.01, 179.9, out));
    }

    @Test
    void badFencesAreRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GeoFence.Circle(GeoPoint.of(30, 120), 0));
        assertTrue(e.getMessage().contains("was 0.0"));
        assertThrows(IllegalArgumentException.class, () -> new GeoFence.Polygon(List.of(GeoPoint.of(30, 120),
                GeoPoint.of(30, 121))));
        assertThrows(IllegalArgumentException.class, () -> new GeoFence.Polygon(List.of(GeoPoint.of(30, 120),
                GeoPoint.of(30, 122), GeoPoint.of(31, 121))));
        assertThrows(IllegalArgumentException.class, () -> new FenceGrid(List.of(), 5));
    }
}
