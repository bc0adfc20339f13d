package io.github.omniretail.loyalty.analytics;

import io.github.omniretail.core.CurrencyMismatchException;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Purchases (customer, time, amount) in one currency, stored column-wise (16 bytes a purchase), to be summarised
 * per customer per calendar day in one time zone.
 *
 * <p>A purchase's calendar day is taken in the history's zone when it is added. Amounts are not negative; record a
 * refund by adding the purchase net of it. Customers keep the order in which they first appear.
 *
 * <p>Not thread-safe: fill it from one thread (or guard it), then summarise; the summaries are immutable.
 */
public final class PurchaseHistory {

    private final Currency currency;
    private final ZoneId zone;
    private final Map<MemberId, Integer> index = new HashMap<>();
    private MemberId[] customers = new MemberId[16];
    private int[] customerOf = new int[64];
    private int[] dayOf = new int[64];
    private long[] amountOf = new long[64];
    private int size;
    private int lastDay = Integer.MIN_VALUE;

    private PurchaseHistory(Currency currency, ZoneId zone) {
        this.currency = Objects.requireNonNull(currency, "currency");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * An empty history.
     *
     * @param currency the currency of every amount; non-null
     * @param zone the zone whose calendar days purchases are grouped by; non-null
     * @return the history
     */
    public static PurchaseHistory create(Currency currency, ZoneId zone) {
        return new PurchaseHistory(currency, zone);
    }

    /**
     * Records a purchase at an instant; its day is the zone's calendar day.
     *
     * @param customer non-null
     * @param at non-null
     * @param amount non-null, in the history's currency, not negative
     * @throws CurrencyMismatchException if the amount's currency differs (nothing recorded)
     * @throws IllegalArgumentException if the amount is negative (nothing recorded)
     */
    public void add(MemberId customer, Instant at, Money amount) {
        Objects.requireNonNull(at, "at");
        add(customer, LocalDate.ofInstant(at, zone), amount);
    }

    /**
     * Records a purchase at a local date-time in the history's zone.
     *
     * @param customer non-null
     * @param at non-null
     * @param amount non-null, in the history's currency, not negative
     */
    public void add(MemberId customer, LocalDateTime at, Money amount) {
        Objects.requireNonNull(at, "at");
        add(customer, at.toLocalDate(), amount);
    }

    /**
     * Records a purchase on a calendar day.
     *
     * @param customer non-null
     * @param day non-null
     * @param amount non-null, in the history's currency, not negative
     * @throws CurrencyMismatchException if the amount's currency differs (nothing recorded)
     * @throws IllegalArgumentException if the amount is negative (nothing recorded)
     */
    public void add(MemberId customer, LocalDate day, Money amount) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(amount, "amount");
        if (!amount.currency().equals(currency)) {
            throw new CurrencyMismatchException(currency, amount.currency());
        }
        if (amount.isNegative()) {
            throw new IllegalArgumentException("purchase amount must not be negative, was " + amount + " for "
                    + customer + " on " + day);
        }
        long epochDay = day.toEpochDay();
        if (epochDay < Integer.MIN_VALUE || epochDay > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("day out of range: " + day);
        }
        Integer id = index.get(customer);
        int c;
        if (id == null) {
            c = index.size();
            if (c == customers.length) {
                customers = Arrays.copyOf(customers, c * 2);
            }
            customers[c] = customer;
            index.put(customer, c);
        } else {
            c = id;
        }
        if (size == customerOf.length) {
            int capacity = size + (size >> 1);
            customerOf = Arrays.copyOf(customerOf, capacity);
            dayOf = Arrays.copyOf(dayOf, capacity);
            amountOf = Arrays.copyOf(amountOf, capacity);
        }
        customerOf[size] = c;
        dayOf[size] = (int) epochDay;
        lastDay = Math.max(lastDay, (int) epochDay);
        amountOf[size] = amount.minorUnits();
        size++;
    }

    /** @return the number of purchases recorded */
    public int size() {
        return size;
    }

    /** @return the latest purchase day recorded, empty when there is none */
    public java.util.Optional<LocalDate> lastPurchaseDay() {
        return size == 0 ? java.util.Optional.empty() : java.util.Optional.of(LocalDate.ofEpochDay(lastDay));
    }

    /** @return the number of distinct customers */
    public int customers() {
        return index.size();
    }

    /** @return the currency of every amount */
    public Currency currency() {
        return currency;
    }

    /** @return the zone purchases are grouped by */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Summarises every customer with a purchase on or before the definition's end date.
     *
     * @param definition non-null
     * @return the customer base (customers in order of first appearance)
     */
    public CustomerBase summarize(SummaryDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        int end = Math.toIntExact(definition.end().toEpochDay());
        int n = index.size();
        int[] start = new int[n + 1];
        for (int i = 0; i < size; i++) {
            if (dayOf[i] <= end) {
                start[customerOf[i] + 1]++;
            }
        }
        for (int c = 0; c < n; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = Arrays.copyOf(start, n);
        int[] days = new int[start[n]];
        long[] amounts = new long[start[n]];
        for (int i = 0; i < size; i++) {
            int d = dayOf[i];
            if (d <= end) {
                int at = fill[customerOf[i]]++;
                days[at] = d;
                amounts[at] = amountOf[i];
            }
        }
        int kept = 0;
        for (int c = 0; c < n; c++) {
            if (start[c + 1] > start[c]) {
                kept++;
            }
        }
        MemberId[] ids = new MemberId[kept];
        int[] first = new int[kept];
        int[] last = new int[kept];
        int[] purchaseDays = new int[kept];
        int[] orders = new int[kept];
        long[] total = new long[kept];
        long[] firstDayTotal = new long[kept];
        int[] scratch = new int[16];
        int k = 0;
        for (int c = 0; c < n; c++) {
            int from = start[c];
            int to = start[c + 1];
            if (from == to) {
                continue;
            }
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            boolean sorted = true;
            long sum = 0;
            for (int i = from; i < to; i++) {
                int d = days[i];
                if (i > from && d < days[i - 1]) {
                    sorted = false;
                }
                min = Math.min(min, d);
                max = Math.max(max, d);
                sum = Math.addExact(sum, amounts[i]);
            }
            long firstSum = 0;
            for (int i = from; i < to; i++) {
                if (days[i] == min) {
                    firstSum += amounts[i];
                }
            }
            int distinct;
            if (sorted) {
                distinct = countDistinctSorted(days, from, to);
            } else {
                int len = to - from;
                if (scratch.length < len) {
                    scratch = new int[Math.max(len, scratch.length * 2)];
                }
                System.arraycopy(days, from, scratch, 0, len);
                Arrays.sort(scratch, 0, len);
                distinct = countDistinctSorted(scratch, 0, len);
            }
            ids[k] = customers[c];
            first[k] = min;
            last[k] = max;
            purchaseDays[k] = distinct;
            orders[k] = to - from;
            total[k] = sum;
            firstDayTotal[k] = firstSum;
            k++;
        }
        return new CustomerBase(definition, currency, ids, first, last, purchaseDays, orders, total, firstDayTotal);
    }

    /**
     * Splits at a calibration end: the calibration base (purchases up to and including {@code calibration}'s end)
     * and, for each of its customers, the purchase days and spend in the holdout period after it, up to and
     * including {@code holdoutEnd}.
     *
     * @param calibration the calibration definition; non-null
     * @param holdoutEnd last day of the holdout period, after the calibration end; non-null
     * @return the split
     * @throws IllegalArgumentException if {@code holdoutEnd} is not after the calibration end
     */
    public CalibrationSplit split(SummaryDefinition calibration, LocalDate holdoutEnd) {
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(holdoutEnd, "holdoutEnd");
        if (!holdoutEnd.isAfter(calibration.end())) {
            throw new IllegalArgumentException("holdoutEnd " + holdoutEnd + " must be after the calibration end "
                    + calibration.end());
        }
        CustomerBase base = summarize(calibration);
        int calEnd = Math.toIntExact(calibration.end().toEpochDay());
        int holdEnd = Math.toIntExact(holdoutEnd.toEpochDay());
        int[] position = new int[index.size()];
        Arrays.fill(position, -1);
        for (int i = 0; i < base.size(); i++) {
            position[index.get(base.customer(i))] = i;
        }
        int[][] holdoutDays = new int[base.size()][];
        long[] spend = new long[base.size()];
        int[] counts = new int[base.size()];
        for (int i = 0; i < size; i++) {
            int p = position[customerOf[i]];
            int d = dayOf[i];
            if (p >= 0 && d > calEnd && d <= holdEnd) {
                int[] seen = holdoutDays[p];
                if (seen == null) {
                    seen = holdoutDays[p] = new int[4];
                }
                boolean dup = false;
                for (int j = 0; j < counts[p]; j++) {
                    if (seen[j] == d) {
                        dup = true;
                        break;
                    }
                }
                if (!dup) {
                    if (counts[p] == seen.length) {
                        seen = holdoutDays[p] = Arrays.copyOf(seen, seen.length * 2);
                    }
                    seen[counts[p]++] = d;
                }
                spend[p] = Math.addExact(spend[p], amountOf[i]);
            }
        }
        double length = calibration.unit().fromDays(holdEnd - (double) calEnd);
        return new CalibrationSplit(base, counts, spend, length);
    }

    private static int countDistinctSorted(int[] values, int from, int to) {
        int distinct = 1;
        for (int i = from + 1; i < to; i++) {
            if (values[i] != values[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }
}
