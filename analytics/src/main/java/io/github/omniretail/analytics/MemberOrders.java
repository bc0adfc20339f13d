package io.github.omniretail.analytics;

import io.github.omniretail.core.MemberId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One member's order times (epoch millis), and the member KPIs derived from all members: new versus returning
 * orders, repurchase in a window, cohort retention. Confined to the tracker's lock.
 */
final class MemberOrders {
    private static final int[] HORIZONS = {30, 60, 90};
    private static final long DAY = 86_400_000L;

    private long[] times = new long[2];
    private int size;
    private boolean sorted = true;

    void add(long at) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
        }
        if (size > 0 && at < times[size - 1]) {
            sorted = false;
        }
        times[size++] = at;
    }

    private long[] sortedTimes() {
        if (!sorted) {
            Arrays.sort(times, 0, size);
            sorted = true;
        }
        return times;
    }

    static Kpis.Members members(Map<MemberId, MemberOrders> all, Map<LocalDate, long[]> guestsByDay, ZoneId zone,
            Duration window, long now) {
        TreeMap<LocalDate, long[]> days = new TreeMap<>();
        long first = 0;
        long later = 0;
        long active = 0;
        long repeat = 0;
        long from = now - window.toMillis();
        for (MemberOrders m : all.values()) {
            long[] t = m.sortedTimes();
            for (int i = 0; i < m.size; i++) {
                long[] d = days.computeIfAbsent(LocalDate.ofInstant(Instant.ofEpochMilli(t[i]), zone), k -> new long[3]);
                d[i == 0 ? 0 : 1]++;
            }
            first++;
            later += m.size - 1;
            int inWindow = 0;
            for (int i = 0; i < m.size; i++) {
                if (t[i] > from && t[i] <= now) {
                    inWindow++;
                }
            }
            if (inWindow > 0) {
                active++;
            }
            if (inWindow > 1) {
                repeat++;
            }
        }
        long guests = 0;
        for (Map.Entry<LocalDate, long[]> g : guestsByDay.entrySet()) {
            days.computeIfAbsent(g.getKey(), k -> new long[3])[2] += g.getValue()[0];
            guests += g.getValue()[0];
        }
        TreeMap<LocalDate, Kpis.Buyers> byDay = new TreeMap<>();
        days.forEach((d, v) -> byDay.put(d, new Kpis.Buyers(v[0], v[1], v[2])));
        return new Kpis.Members(all.size(), first, later, guests, byDay, window, active, repeat);
    }

    static List<Kpis.Cohort> cohorts(Map<MemberId, MemberOrders> all, ZoneId zone, long now) {
        TreeMap<YearMonth, long[]> cohorts = new TreeMap<>();
        for (MemberOrders m : all.values()) {
            long[] t = m.sortedTimes();
            long t0 = t[0];
            long[] c = cohorts.computeIfAbsent(YearMonth.from(LocalDate.ofInstant(Instant.ofEpochMilli(t0), zone)),
                    k -> new long[1 + 2 * HORIZONS.length]);
            c[0]++;
            long next = m.size > 1 ? t[1] : Long.MAX_VALUE;
            for (int h = 0; h < HORIZONS.length; h++) {
                long horizon = t0 + HORIZONS[h] * DAY;
                if (horizon <= now) {
                    c[1 + 2 * h]++;
                    if (next <= horizon) {
                        c[2 + 2 * h]++;
                    }
                }
            }
        }
        List<Kpis.Cohort> out = new ArrayList<>(cohorts.size());
        cohorts.forEach((month, c) -> {
            List<Kpis.Retention> r = new ArrayList<>(HORIZONS.length);
            for (int h = 0; h < HORIZONS.length; h++) {
                r.add(new Kpis.Retention(HORIZONS[h], c[1 + 2 * h], c[2 + 2 * h]));
            }
            out.add(new Kpis.Cohort(month, c[0], r));
        });
        return out;
    }
}
