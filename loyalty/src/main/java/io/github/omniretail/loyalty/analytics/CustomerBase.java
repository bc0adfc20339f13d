package io.github.omniretail.loyalty.analytics;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every customer's {@link CustomerSummary} under one {@link SummaryDefinition}, stored column-wise. Built by
 * {@link PurchaseHistory#summarize(SummaryDefinition)}. Immutable and thread-safe.
 */
public final class CustomerBase {

    private final SummaryDefinition definition;
    private final Currency currency;
    private final MemberId[] ids;
    private final int[] first;
    private final int[] last;
    private final int[] purchaseDays;
    private final int[] orders;
    private final long[] total;
    private final long[] firstDayTotal;
    private volatile Map<MemberId, Integer> index;

    CustomerBase(SummaryDefinition definition, Currency currency, MemberId[] ids, int[] first, int[] last,
            int[] purchaseDays, int[] orders, long[] total, long[] firstDayTotal) {
        this.definition = definition;
        this.currency = currency;
        this.ids = ids;
        this.first = first;
        this.last = last;
        this.purchaseDays = purchaseDays;
        this.orders = orders;
        this.total = total;
        this.firstDayTotal = firstDayTotal;
    }

    /** @return the definition the summaries follow */
    public SummaryDefinition definition() {
        return definition;
    }

    /** @return the currency of the amounts */
    public Currency currency() {
        return currency;
    }

    /** @return the number of customers */
    public int size() {
        return ids.length;
    }

    /**
     * @param i 0 ≤ i &lt; size
     * @return the i-th customer
     */
    public MemberId customer(int i) {
        return ids[i];
    }

    /**
     * @param customer non-null
     * @return the customer's position, or −1 when the customer has no purchase in the period
     */
    public int indexOf(MemberId customer) {
        Objects.requireNonNull(customer, "customer");
        Map<MemberId, Integer> map = index;
        if (map == null) {
            map = new HashMap<>(ids.length * 2);
            for (int i = 0; i < ids.length; i++) {
                map.put(ids[i], i);
            }
            index = map;
        }
        Integer i = map.get(customer);
        return i == null ? -1 : i;
    }

    /**
     * @param customer non-null
     * @return the customer's summary, empty when the customer has no purchase in the period
     */
    public Optional<CustomerSummary> find(MemberId customer) {
        int i = indexOf(customer);
        return i < 0 ? Optional.empty() : Optional.of(summary(i));
    }

    /**
     * @param i 0 ≤ i &lt; size
     * @return the i-th customer's summary
     */
    public CustomerSummary summary(int i) {
        ModelTimeUnit unit = definition.unit();
        return new CustomerSummary(ids[i], LocalDate.ofEpochDay(first[i]), LocalDate.ofEpochDay(last[i]),
                purchaseDays[i], orders[i], Money.ofMinor(total[i], currency), recencyDays(i), frequency(i),
                Money.ofMinor(monetaryMinor(i), currency), purchaseDays[i] - 1,
                unit.fromDays(last[i] - (double) first[i]), unit.fromDays(endDay() - (double) first[i]),
                repeatAverageSpend(i));
    }

    /** @return every summary, in customer order (a view computed on access) */
    public List<CustomerSummary> summaries() {
        return new AbstractList<>() {
            @Override
            public CustomerSummary get(int i) {
                return summary(i);
            }

            @Override
            public int size() {
                return ids.length;
            }
        };
    }

    /** @return the model inputs (x, t_x, T, mean repeat spend) of every customer, in customer order */
    public ModelData modelData() {
        int n = ids.length;
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] spend = new double[n];
        ModelTimeUnit unit = definition.unit();
        long end = endDay();
        for (int i = 0; i < n; i++) {
            x[i] = purchaseDays[i] - 1;
            tx[i] = unit.fromDays(last[i] - (double) first[i]);
            age[i] = unit.fromDays(end - (double) first[i]);
            spend[i] = repeatAverageSpend(i);
        }
        return ModelData.wrap(x, tx, age, spend);
    }

    long endDay() {
        return definition.end().toEpochDay();
    }

    long recencyDays(int i) {
        return endDay() - last[i];
    }

    int frequency(int i) {
        return definition.frequency() == FrequencyMeasure.PURCHASE_DAYS ? purchaseDays[i] : orders[i];
    }

    long monetaryMinor(int i) {
        if (definition.monetary() == MonetaryMeasure.TOTAL) {
            return total[i];
        }
        return divideHalfEven(total[i], frequency(i));
    }

    int firstDay(int i) {
        return first[i];
    }

    private double repeatAverageSpend(int i) {
        int repeats = purchaseDays[i] - 1;
        if (repeats == 0) {
            return 0;
        }
        return (total[i] - firstDayTotal[i]) / (double) repeats / Math.pow(10, Math.max(0,
                currency.getDefaultFractionDigits()));
    }

    static long divideHalfEven(long numerator, long denominator) {
        long q = Math.floorDiv(numerator, denominator);
        long r = Math.floorMod(numerator, denominator);
        long twice = 2 * r;
        if (twice > denominator || (twice == denominator && (q & 1) == 1)) {
            q++;
        }
        return q;
    }
}
