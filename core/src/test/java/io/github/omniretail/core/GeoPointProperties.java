package io.github.omniretail.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class GeoPointProperties {

    private static final double HALF_CIRCUMFERENCE = Math.PI * GeoPoint.MEAN_EARTH_RADIUS_METRES;

    @Provide
    Arbitrary<GeoPoint> points() {
        return CoreArbitraries.geoPoints();
    }

    @Property
    void distanceIsSymmetric(@ForAll("points") GeoPoint a, @ForAll("points") GeoPoint b) {
        assertEquals(a.distanceMetres(b), b.distanceMetres(a));
    }

    @Property
    void distanceToItselfIsZero(@ForAll("points") GeoPoint a) {
        assertEquals(0.0, a.distanceMetres(a));
    }

    @Property
    void distanceIsNonNegativeAndAtMostHalfTheCircumference(@ForAll("points") GeoPoint a, @ForAll("points") GeoPoint b) {
        double d = a.distanceMetres(b);
        assertTrue(d >= 0 && d <= HALF_CIRCUMFERENCE + 1e-6, "distance " + d);
    }

    @Property
    void triangleInequalityHolds(@ForAll("points") GeoPoint a, @ForAll("points") GeoPoint b,
            @ForAll("points") GeoPoint c) {
        // A millimetre of slack for floating-point rounding in three independent evaluations.
        assertTrue(a.distanceMetres(c) <= a.distanceMetres(b) + b.distanceMetres(c) + 1e-3,
                () -> a + " " + b + " " + c);
    }
}
