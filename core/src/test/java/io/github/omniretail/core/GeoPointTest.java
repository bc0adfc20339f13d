package io.github.omniretail.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GeoPointTest {

    /**
     * Reference distances are ellipsoidal (WGS 84) geodesics computed with Vincenty's inverse formula, an
     * independent method; haversine on the mean sphere must be within 0.5 %.
     */
    @ParameterizedTest(name = "{0} - {3}")
    @CsvSource({
        "Shanghai, 31.2304, 121.4737, Beijing, 39.9042, 116.4074, 1065846.5",
        "Hangzhou, 30.2741, 120.1551, Shanghai, 31.2304, 121.4737, 164863.7",
        "London, 51.5074, -0.1278, Paris, 48.8566, 2.3522, 343923.1",
        "New York, 40.7128, -74.0060, London, 51.5074, -0.1278, 5585233.6",
        "Sydney, -33.8688, 151.2093, Los Angeles, 34.0522, -118.2437, 12063118.6",
        "Tokyo, 35.6762, 139.6503, San Francisco, 37.7749, -122.4194, 8293443.2",
        "Singapore, 1.3521, 103.8198, Jakarta, -6.2088, 106.8456, 901165.0",
        "Reykjavik, 64.1466, -21.9426, Anchorage, 61.2181, -149.9003, 5438984.5",
        "Quito, -0.1807, -78.4678, Nairobi, -1.2921, 36.8219, 12832705.5",
        "Shenzhen, 22.5431, 114.0579, Guangzhou, 23.1291, 113.2644, 104140.5",
    })
    void matchesKnownCityDistancesWithinHalfAPercent(String from, double lat1, double lon1, String to, double lat2,
            double lon2, double geodesicMetres) {
        double d = GeoPoint.of(lat1, lon1).distanceMetres(GeoPoint.of(lat2, lon2));
        double relative = Math.abs(d - geodesicMetres) / geodesicMetres;
        assertTrue(relative <= 0.005, from + "–" + to + ": " + d + " m vs " + geodesicMetres + " m");
    }

    @Test
    void crossesTheAntimeridianTheShortWay() {
        // One degree of longitude apart on the equator, across ±180°.
        double d = GeoPoint.of(0, 179.5).distanceMetres(GeoPoint.of(0, -179.5));
        assertEquals(Math.toRadians(1) * GeoPoint.MEAN_EARTH_RADIUS_METRES, d, 1e-6);
        assertEquals(Math.PI * GeoPoint.MEAN_EARTH_RADIUS_METRES, GeoPoint.of(90, 0).distanceMetres(GeoPoint.of(-90, 0)),
                1e-6);
    }

    @Test
    void rejectsNonFiniteAndOutOfRangeCoordinatesWithTheValue() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> GeoPoint.of(Double.NaN, 0));
        assertTrue(nan.getMessage().contains("latitude") && nan.getMessage().contains("NaN"), nan.getMessage());
        IllegalArgumentException lon = assertThrows(IllegalArgumentException.class, () -> GeoPoint.of(0, 180.5));
        assertTrue(lon.getMessage().contains("longitude") && lon.getMessage().contains("180.5"), lon.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GeoPoint.of(90.0001, 0));
        assertThrows(IllegalArgumentException.class, () -> GeoPoint.of(0, Double.NEGATIVE_INFINITY));
    }

    @Test
    void negativeZeroEqualsZero() {
        assertEquals(GeoPoint.of(0.0, 0.0), GeoPoint.of(-0.0, -0.0));
        assertEquals(GeoPoint.of(0.0, 0.0).hashCode(), GeoPoint.of(-0.0, -0.0).hashCode());
    }
}
