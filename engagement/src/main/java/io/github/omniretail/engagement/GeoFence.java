package io.github.omniretail.engagement;

import io.github.omniretail.core.GeoPoint;
import java.util.List;
import java.util.Objects;

/**
 * An area around a node in which a member's location makes the node's offers eligible: a circle, or a simple polygon
 * of city scale (up to about 100 km across; its edges are straight in a local equirectangular projection). Immutable.
 */
public sealed interface GeoFence permits GeoFence.Circle, GeoFence.Polygon {

    /**
     * @param point non-null location
     * @return true if the point is inside (or on the edge of) the fence
     */
    boolean contains(GeoPoint point);

    /**
     * A circle: every point within {@code radiusMetres} great-circle distance of the centre.
     *
     * @param centre non-null centre
     * @param radiusMetres radius, in (0, 100,000] metres
     */
    record Circle(GeoPoint centre, double radiusMetres) implements GeoFence {

        /**
         * Validates.
         *
         * @param centre non-null centre
         * @param radiusMetres radius, in (0, 100,000] metres
         */
        public Circle {
            Objects.requireNonNull(centre, "centre");
            if (!(radiusMetres > 0 && radiusMetres <= 100_000)) {
                throw new IllegalArgumentException("radiusMetres must be in (0, 100000], was " + radiusMetres);
            }
        }

        @Override
        public boolean contains(GeoPoint point) {
            return centre.distanceMetres(Objects.requireNonNull(point, "point")) <= radiusMetres;
        }
    }

    /**
     * A simple polygon (edges do not cross), vertices in order, not closed (the last joins the first). It may cross
     * the antimeridian; it must not contain a pole.
     *
     * @param vertices non-null, at least 3 vertices, copied
     */
    record Polygon(List<GeoPoint> vertices) implements GeoFence {

        /**
         * Validates and copies.
         *
         * @param vertices non-null, at least 3 vertices
         */
        public Polygon {
            vertices = List.copyOf(vertices);
            if (vertices.size() < 3) {
                throw new IllegalArgumentException("a polygon needs at least 3 vertices, had " + vertices.size());
            }
            GeoPoint first = vertices.get(0);
            for (GeoPoint v : vertices) {
                if (first.distanceMetres(v) > 100_000) {
                    throw new IllegalArgumentException("a polygon fence spans at most 100 km; vertex " + v
                            + " is " + Math.round(first.distanceMetres(v)) + " m from " + first);
                }
            }
        }

        @Override
        public boolean contains(GeoPoint point) {
            Objects.requireNonNull(point, "point");
            GeoPoint origin = vertices.get(0);
            double scale = Math.cos(Math.toRadians(origin.latitude()));
            double px = Fences.eastOf(origin.longitude(), point.longitude()) * scale;
            double py = point.latitude() - origin.latitude();
            return Fences.inside(vertices, origin, scale, px, py);
        }
    }
}
