package io.github.omniretail.analytics;

import java.util.Arrays;

/**
 * One position's stock levels in time order, its first demand and units sold; confined to the tracker's lock.
 * Stock-out hours and on-hand unit-seconds are derived from it as of an instant.
 */
final class StockTimeline {
    private static final long HOUR = 3_600_000L;

    private long[] at = new long[4];
    private int[] onHand = new int[4];
    private int[] atp = new int[4];
    private int size;
    long firstDemand = Long.MAX_VALUE;
    long unitsSold;

    /** Appends a level; the caller has checked {@link #outOfOrder} first. */
    void level(long atMillis, int onHandUnits, int atpUnits) {
        if (size == at.length) {
            at = Arrays.copyOf(at, size * 2);
            onHand = Arrays.copyOf(onHand, size * 2);
            atp = Arrays.copyOf(atp, size * 2);
        }
        at[size] = atMillis;
        onHand[size] = onHandUnits;
        atp[size] = atpUnits;
        size++;
    }

    boolean outOfOrder(long atMillis) {
        return size > 0 && atMillis < at[size - 1];
    }

    void demand(long atMillis) {
        firstDemand = Math.min(firstDemand, atMillis);
    }

    /** {stock-out hours, demanded hours} as of {@code asOf}. */
    long[] stockOutHours(long asOf) {
        if (size == 0 || firstDemand == Long.MAX_VALUE) {
            return new long[] {0, 0};
        }
        long startHour = Math.floorDiv(Math.max(at[0], firstDemand), HOUR);
        long endHour = Math.floorDiv(asOf - 1, HOUR);
        if (endHour < startHour) {
            return new long[] {0, 0};
        }
        long out = 0;
        long counted = startHour - 1;
        for (int i = 0; i < size && at[i] < asOf; i++) {
            long to = i + 1 < size ? Math.min(at[i + 1], asOf) : asOf;
            if (atp[i] != 0 || to <= at[i]) {
                continue;
            }
            long from = Math.max(Math.floorDiv(at[i], HOUR), counted + 1);
            long last = Math.min(Math.floorDiv(to - 1, HOUR), endHour);
            if (last >= from) {
                out += last - from + 1;
                counted = last;
            }
        }
        return new long[] {out, endHour - startHour + 1};
    }

    /** On-hand units integrated over seconds from the first level to {@code asOf}. */
    long unitSeconds(long asOf) {
        long sum = 0;
        for (int i = 0; i < size && at[i] < asOf; i++) {
            long to = i + 1 < size ? Math.min(at[i + 1], asOf) : asOf;
            sum = Math.addExact(sum, Math.multiplyExact((long) onHand[i], (to - at[i]) / 1000));
        }
        return sum;
    }

    boolean hasLevels() {
        return size > 0;
    }
}
