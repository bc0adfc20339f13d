package io.github.omniretail.engagement;

import io.github.omniretail.core.GeoPoint;
import java.util.List;

/** Planar geometry for fences: longitudes unwrapped across the antimeridian, ray casting. Stateless. */
final class Fences {

    private Fences() {
    }

    /** Degrees east from {@code from} to {@code to}, in [-180, 180). */
    static double eastOf(double from, double to) {
        double d = (to - from) % 360;
        if (d >= 180) {
            d -= 360;
        } else if (d < -180) {
            d += 360;
        }
        return d;
    }

    /**
     * Ray casting in the local projection at {@code origin} (x = degrees east × {@code scale}, y = degrees north).
     * A point on an edge counts as inside for horizontal and vertical edges only; fences are not exact to the metre.
     */
    static boolean inside(List<GeoPoint> vertices, GeoPoint origin, double scale, double px, double py) {
        boolean in = false;
        int n = vertices.size();
        GeoPoint last = vertices.get(n - 1);
        double x1 = eastOf(origin.longitude(), last.longitude()) * scale;
        double y1 = last.latitude() - origin.latitude();
        for (GeoPoint v : vertices) {
            double x2 = eastOf(origin.longitude(), v.longitude()) * scale;
            double y2 = v.latitude() - origin.latitude();
            if ((y2 > py) != (y1 > py) && px < (x1 - x2) * (py - y2) / (y1 - y2) + x2) {
                in = !in;
            }
            x1 = x2;
            y1 = y2;
        }
        return in;
    }
}
