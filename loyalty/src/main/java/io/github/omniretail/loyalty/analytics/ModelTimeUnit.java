package io.github.omniretail.loyalty.analytics;

/** The time unit of the lifetime-value models' t_x, T and forecast horizons. */
public enum ModelTimeUnit {
    /** One calendar day. */
    DAYS(1),
    /** Seven days (the default, as in the BTYD literature). */
    WEEKS(7),
    /** One twelfth of a mean Gregorian year: 30.436875 days. */
    MONTHS(365.2425 / 12);

    private final double days;

    ModelTimeUnit(double days) {
        this.days = days;
    }

    /** @return the length of one unit in days */
    public double days() {
        return days;
    }

    /**
     * @param days a duration in days
     * @return the same duration in this unit
     */
    public double fromDays(double days) {
        return days / this.days;
    }
}
