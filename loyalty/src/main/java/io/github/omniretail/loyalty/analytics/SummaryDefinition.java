package io.github.omniretail.loyalty.analytics;

import java.time.LocalDate;
import java.util.Objects;

/**
 * How purchases become a {@link CustomerSummary}: one explicit definition shared by RFM scoring and the models.
 *
 * <p>Only purchases on or before {@code end} count. Recency is whole days from the last purchase day to
 * {@code end} (0 = bought on the end day). Frequency counts purchase days by default
 * ({@link FrequencyMeasure#PURCHASE_DAYS}); monetary is the total by default ({@link MonetaryMeasure#TOTAL}). The
 * models use x = purchase days − 1, t_x = last − first purchase day, T = end − first purchase day, measured in
 * {@code unit} (weeks by default), where days are calendar days in the history's time zone and {@code end} counts
 * as a full day (T is measured to the end day's date, as in the BTYD literature).
 *
 * @param end the analysis (or calibration end) date, inclusive; non-null
 * @param frequency what frequency counts; non-null
 * @param monetary total or mean; non-null
 * @param unit the models' time unit; non-null
 */
public record SummaryDefinition(LocalDate end, FrequencyMeasure frequency, MonetaryMeasure monetary,
        ModelTimeUnit unit) {

    /**
     * Validates the components.
     *
     * @param end the analysis (or calibration end) date, inclusive; non-null
     * @param frequency what frequency counts; non-null
     * @param monetary total or mean; non-null
     * @param unit the models' time unit; non-null
     */
    public SummaryDefinition {
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(monetary, "monetary");
        Objects.requireNonNull(unit, "unit");
    }

    /**
     * The defaults at an analysis date: purchase days, total spend, weeks.
     *
     * @param end the analysis date, inclusive; non-null
     * @return the definition
     */
    public static SummaryDefinition asOf(LocalDate end) {
        return new SummaryDefinition(end, FrequencyMeasure.PURCHASE_DAYS, MonetaryMeasure.TOTAL, ModelTimeUnit.WEEKS);
    }

    /**
     * @param frequency what frequency counts; non-null
     * @return a copy with that frequency measure
     */
    public SummaryDefinition withFrequency(FrequencyMeasure frequency) {
        return new SummaryDefinition(end, frequency, monetary, unit);
    }

    /**
     * @param monetary total or mean; non-null
     * @return a copy with that monetary measure
     */
    public SummaryDefinition withMonetary(MonetaryMeasure monetary) {
        return new SummaryDefinition(end, frequency, monetary, unit);
    }

    /**
     * @param unit the models' time unit; non-null
     * @return a copy with that unit
     */
    public SummaryDefinition withUnit(ModelTimeUnit unit) {
        return new SummaryDefinition(end, frequency, monetary, unit);
    }
}
