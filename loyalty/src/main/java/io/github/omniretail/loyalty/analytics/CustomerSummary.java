package io.github.omniretail.loyalty.analytics;

import io.github.omniretail.core.Money;
import io.github.omniretail.core.MemberId;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One customer's purchases condensed by a {@link SummaryDefinition}. Immutable.
 *
 * @param customer the customer; non-null
 * @param firstPurchase the first purchase day (in the history's time zone); non-null
 * @param lastPurchase the last purchase day on or before the definition's end; non-null
 * @param purchaseDays distinct purchase days, ≥ 1
 * @param orders purchases recorded, ≥ {@code purchaseDays}
 * @param total total spend; non-null, not negative
 * @param recencyDays whole days from the last purchase day to the end date, ≥ 0
 * @param frequency purchase days or orders, as the definition says, ≥ 1
 * @param monetary total or mean spend, as the definition says; non-null
 * @param repeatPurchases the models' x: purchase days − 1
 * @param timeOfLastPurchase the models' t_x: last − first purchase day, in the definition's unit
 * @param age the models' T: end − first purchase day, in the definition's unit
 * @param repeatAverageSpend mean spend of the repeat purchase days (the first day excluded), in major units of
 *     the currency (e.g. yuan) as the Gamma-Gamma model takes it; 0 when there is no repeat purchase
 */
public record CustomerSummary(MemberId customer, LocalDate firstPurchase, LocalDate lastPurchase, int purchaseDays,
        int orders, Money total, long recencyDays, int frequency, Money monetary, int repeatPurchases,
        double timeOfLastPurchase, double age, double repeatAverageSpend) {

    /**
     * Validates the components.
     *
     * @param customer the customer; non-null
     * @param firstPurchase the first purchase day (in the history's time zone); non-null
     * @param lastPurchase the last purchase day on or before the definition's end; non-null
     * @param purchaseDays distinct purchase days, ≥ 1
     * @param orders purchases recorded, ≥ {@code purchaseDays}
     * @param total total spend; non-null, not negative
     * @param recencyDays whole days from the last purchase day to the end date, ≥ 0
     * @param frequency purchase days or orders, as the definition says, ≥ 1
     * @param monetary total or mean spend, as the definition says; non-null
     * @param repeatPurchases the models' x: purchase days − 1
     * @param timeOfLastPurchase the models' t_x: last − first purchase day, in the definition's unit
     * @param age the models' T: end − first purchase day, in the definition's unit
     * @param repeatAverageSpend mean spend of the repeat purchase days (the first day excluded), in major units of
     *     the currency (e.g. yuan) as the Gamma-Gamma model takes it; 0 when there is no repeat purchase
     */
    public CustomerSummary {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(firstPurchase, "firstPurchase");
        Objects.requireNonNull(lastPurchase, "lastPurchase");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(monetary, "monetary");
        if (lastPurchase.isBefore(firstPurchase)) {
            throw new IllegalArgumentException("lastPurchase " + lastPurchase + " is before firstPurchase "
                    + firstPurchase);
        }
        if (purchaseDays < 1 || orders < purchaseDays || frequency < 1 || recencyDays < 0
                || repeatPurchases != purchaseDays - 1) {
            throw new IllegalArgumentException("inconsistent counts for " + customer + ": purchaseDays="
                    + purchaseDays + ", orders=" + orders + ", frequency=" + frequency + ", recencyDays="
                    + recencyDays + ", repeatPurchases=" + repeatPurchases);
        }
        if (!(timeOfLastPurchase >= 0 && age >= timeOfLastPurchase) || !(repeatAverageSpend >= 0)) {
            throw new IllegalArgumentException("inconsistent model inputs for " + customer + ": t_x="
                    + timeOfLastPurchase + ", T=" + age + ", repeatAverageSpend=" + repeatAverageSpend);
        }
    }

    /**
     * @param end the analysis date the recency was measured to
     * @return whole days from the first purchase to {@code end} (the customer's tenure)
     */
    public long tenureDays(LocalDate end) {
        return end.toEpochDay() - firstPurchase.toEpochDay();
    }
}
