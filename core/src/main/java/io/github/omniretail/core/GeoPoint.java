package io.github.omniretail.core;

/**
 * A point on the Earth: latitude and longitude in decimal degrees (WGS 84).
 *
 * <p>Latitude is in [−90, 90], longitude in [−180, 180]; both finite. Negative zero is stored as zero so that
 * equal points are {@code equals}. Immutable and thread-safe.
 *
 * @param latitude degrees north (negative: south), in [−90, 90]
 * @param longitude degrees east (negative: west), in [−180, 180]
 */
public record GeoPoint(double latitude, double longitude) {

    /** The mean Earth radius used for distances, in metres (IUGG mean radius R1). */
    public static final double MEAN_EARTH_RADIUS_METRES = 6_371_008.8;

    /**
     * Validates the ranges.
     *
     * @param latitude degrees north (negative: south), in [−90, 90]
     * @param longitude degrees east (negative: west), in [−180, 180]
     */
    public GeoPoint {
        if (!Double.isFinite(latitude) || latitude < -90.0 || latitude > 90.0) {
            throw new IllegalArgumentException("latitude must be a finite number of degrees in [-90, 90], was "
                    + latitude);
        }
        if (!Double.isFinite(longitude) || longitude < -180.0 || longitude > 180.0) {
            throw new IllegalArgumentException("longitude must be a finite number of degrees in [-180, 180], was "
                    + longitude);
        }
        latitude += 0.0; // -0.0 → 0.0
        longitude += 0.0;
    }

    /**
     * The point at these coordinates.
     *
     * @param latitude degrees in [−90, 90]
     * @param longitude degrees in [−180, 180]
     * @return the point
     * @throws IllegalArgumentException if either is out of range or not finite
     */
    public static GeoPoint of(double latitude, double longitude) {
        return new GeoPoint(latitude, longitude);
    }

    /**
     * Great-circle distance to {@code other} along the surface of a sphere of radius
     * {@link #MEAN_EARTH_RADIUS_METRES} (haversine formula). Within about 0.5 % of the ellipsoidal (geodesic)
     * distance; symmetric, zero for the same point, never more than half the circumference.
     *
     * @param other non-null point
     * @return the distance in metres
     */
    public double distanceMetres(GeoPoint other) {
        double phi1 = Math.toRadians(latitude);
        double phi2 = Math.toRadians(other.latitude);
        double cosProduct = Math.cos(phi1) * Math.cos(phi2);
        double halfDeltaLambda = Math.toRadians(other.longitude - longitude) / 2;
        double sinHalfDeltaPhi = Math.sin((phi2 - phi1) / 2);
        double sinHalfDeltaLambda = Math.sin(halfDeltaLambda);
        // haversine of the central angle, and of its supplement (the distance to the antipode) computed directly:
        // near-antipodal points keep full precision instead of losing it in asin(sqrt(a)) as a approaches 1.
        double a = sinHalfDeltaPhi * sinHalfDeltaPhi + cosProduct * sinHalfDeltaLambda * sinHalfDeltaLambda;
        double sinHalfSumPhi = Math.sin((phi1 + phi2) / 2);
        double cosHalfDeltaLambda = Math.cos(halfDeltaLambda);
        double b = sinHalfSumPhi * sinHalfSumPhi + cosProduct * cosHalfDeltaLambda * cosHalfDeltaLambda;
        double angle = a <= b
                ? 2 * Math.asin(Math.min(1.0, Math.sqrt(a)))
                : Math.PI - 2 * Math.asin(Math.min(1.0, Math.sqrt(b)));
        return MEAN_EARTH_RADIUS_METRES * angle;
    }

    /** @return {@code "latitude,longitude"}, e.g. {@code "30.2741,120.1551"} */
    @Override
    public String toString() {
        return latitude + "," + longitude;
    }
}
