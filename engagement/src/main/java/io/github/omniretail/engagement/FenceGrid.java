package io.github.omniretail.engagement;

import io.github.omniretail.core.GeoPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which fences contain a point, fast: a grid of latitude × longitude cells (wrapping at the antimeridian), each
 * listing the fences whose bounding box overlaps it. A query finds the point's cell (one hash probe) and tests its
 * few fences exactly: a circle by one dot product of unit vectors against the cosine of its angular radius, a
 * polygon by ray casting over its projected vertices, precomputed. Nothing is allocated per query. Immutable and
 * thread-safe once built.
 */
final class FenceGrid {
    private static final double EARTH = GeoPoint.MEAN_EARTH_RADIUS_METRES;

    private final double cell;
    private final int rows;
    private final int cols;
    // per fence: circles as (x, y, z, cos radius); polygons as origin, scale and projected vertices
    private final boolean[] circle;
    private final double[] cx;
    private final double[] cy;
    private final double[] cz;
    private final double[] cosRadius;
    private final double[] originLat;
    private final double[] originLon;
    private final double[] scale;
    private final double[][] xs;
    private final double[][] ys;
    // open addressing: cell key -> fence indexes
    private final long[] keys;
    private final int[][] buckets;
    private final int mask;
    private final int maxPerCell;

    /**
     * @param fences non-null fences; a query reports their indexes in this list
     * @param cellDegrees cell size in degrees, in [0.001, 1]: about the typical fence's diameter
     */
    FenceGrid(List<GeoFence> fences, double cellDegrees) {
        Objects.requireNonNull(fences, "fences");
        if (!(cellDegrees >= 0.001 && cellDegrees <= 1)) {
            throw new IllegalArgumentException("cellDegrees must be in [0.001, 1], was " + cellDegrees);
        }
        this.cell = cellDegrees;
        this.rows = (int) Math.ceil(180 / cellDegrees);
        this.cols = (int) Math.ceil(360 / cellDegrees);
        int n = fences.size();
        circle = new boolean[n];
        cx = new double[n];
        cy = new double[n];
        cz = new double[n];
        cosRadius = new double[n];
        originLat = new double[n];
        originLon = new double[n];
        scale = new double[n];
        xs = new double[n][];
        ys = new double[n][];
        java.util.HashMap<Long, List<Integer>> cells = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            GeoFence f = Objects.requireNonNull(fences.get(i), "fence");
            double minLat;
            double maxLat;
            double lon0;
            double minEast;
            double maxEast;
            if (f instanceof GeoFence.Circle c) {
                circle[i] = true;
                double lat = Math.toRadians(c.centre().latitude());
                double lon = Math.toRadians(c.centre().longitude());
                cx[i] = Math.cos(lat) * Math.cos(lon);
                cy[i] = Math.cos(lat) * Math.sin(lon);
                cz[i] = Math.sin(lat);
                double angle = c.radiusMetres() / EARTH;
                cosRadius[i] = Math.cos(angle);
                double dLat = Math.toDegrees(angle);
                minLat = c.centre().latitude() - dLat;
                maxLat = c.centre().latitude() + dLat;
                lon0 = c.centre().longitude();
                double widest = Math.max(Math.abs(minLat), Math.abs(maxLat));
                double dLon = widest >= 89.9 ? 180 : dLat / Math.cos(Math.toRadians(widest));
                minEast = -Math.min(180, dLon);
                maxEast = Math.min(180, dLon);
            } else {
                GeoFence.Polygon p = (GeoFence.Polygon) f;
                GeoPoint o = p.vertices().get(0);
                originLat[i] = o.latitude();
                originLon[i] = o.longitude();
                scale[i] = Math.cos(Math.toRadians(o.latitude()));
                int m = p.vertices().size();
                xs[i] = new double[m];
                ys[i] = new double[m];
                minLat = Double.MAX_VALUE;
                maxLat = -Double.MAX_VALUE;
                minEast = Double.MAX_VALUE;
                maxEast = -Double.MAX_VALUE;
                for (int v = 0; v < m; v++) {
                    GeoPoint g = p.vertices().get(v);
                    double east = Fences.eastOf(o.longitude(), g.longitude());
                    xs[i][v] = east * scale[i];
                    ys[i][v] = g.latitude() - o.latitude();
                    minLat = Math.min(minLat, g.latitude());
                    maxLat = Math.max(maxLat, g.latitude());
                    minEast = Math.min(minEast, east);
                    maxEast = Math.max(maxEast, east);
                }
                lon0 = o.longitude();
            }
            int r0 = row(minLat);
            int r1 = row(maxLat);
            int spanCols = (int) Math.min(cols, Math.floor((maxEast - minEast) / cell) + 2);
            int c0 = col(lon0 + minEast);
            for (int r = r0; r <= r1; r++) {
                for (int k = 0; k < spanCols; k++) {
                    cells.computeIfAbsent(key(r, (c0 + k) % cols), x -> new ArrayList<>()).add(i);
                }
            }
        }
        int capacity = Integer.highestOneBit(Math.max(4, cells.size() * 2)) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, -1);
        buckets = new int[capacity][];
        mask = capacity - 1;
        int most = 0;
        for (java.util.Map.Entry<Long, List<Integer>> e : cells.entrySet()) {
            int slot = slot(e.getKey());
            while (keys[slot] != -1) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = e.getKey();
            buckets[slot] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            most = Math.max(most, buckets[slot].length);
        }
        maxPerCell = most;
    }

    /** @return the most fences any one cell lists: the size a query's buffer needs */
    int maxPerCell() {
        return maxPerCell;
    }

    /**
     * The fences containing a point.
     *
     * @param latitude degrees
     * @param longitude degrees
     * @param out where the fences' indexes go; at least {@link #maxPerCell()} long
     * @return how many were written
     */
    int containing(double latitude, double longitude, int[] out) {
        long k = key(row(latitude), col(longitude));
        int slot = slot(k);
        while (keys[slot] != -1 && keys[slot] != k) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == -1) {
            return 0;
        }
        int[] candidates = buckets[slot];
        double lat = Math.toRadians(latitude);
        double lon = Math.toRadians(longitude);
        double cosLat = Math.cos(lat);
        double px = cosLat * Math.cos(lon);
        double py = cosLat * Math.sin(lon);
        double pz = Math.sin(lat);
        int found = 0;
        for (int i : candidates) {
            boolean in;
            if (circle[i]) {
                in = px * cx[i] + py * cy[i] + pz * cz[i] >= cosRadius[i];
            } else {
                in = inPolygon(i, Fences.eastOf(originLon[i], longitude) * scale[i], latitude - originLat[i]);
            }
            if (in) {
                out[found++] = i;
            }
        }
        return found;
    }

    private boolean inPolygon(int i, double px, double py) {
        double[] x = xs[i];
        double[] y = ys[i];
        boolean in = false;
        for (int a = 0, b = x.length - 1; a < x.length; b = a++) {
            if ((y[a] > py) != (y[b] > py) && px < (x[b] - x[a]) * (py - y[a]) / (y[b] - y[a]) + x[a]) {
                in = !in;
            }
        }
        return in;
    }

    private int row(double latitude) {
        return (int) Math.min(rows - 1, Math.max(0, Math.floor((latitude + 90) / cell)));
    }

    private int col(double longitude) {
        double l = (longitude + 180) % 360;
        if (l < 0) {
            l += 360;
        }
        return (int) Math.min(cols - 1, Math.floor(l / cell));
    }

    private long key(int row, int col) {
        return (long) row * cols + col;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
