package io.github.omniretail.engagement;

import io.github.omniretail.core.MemberId;
import java.util.function.IntBinaryOperator;

/**
 * Deliveries per member × offer × local day, in striped open-addressing tables of parallel arrays: a hit costs a
 * lock on one of 64 stripes and a probe, and allocates nothing until a stripe grows (doubling, so rarely). This is
 * all that is kept of a ping. Thread-safe.
 */
final class CapCounters {
    private static final int STRIPES = 64;
    private final Stripe[] stripes = new Stripe[STRIPES];

    CapCounters(int expected) {
        int perStripe = Integer.highestOneBit(Math.max(16, expected / STRIPES) * 2 - 1) << 1;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(perStripe);
        }
    }

    /**
     * Counts one delivery if the member has had fewer than {@code cap} of this offer on this day.
     *
     * @return whether it was counted
     */
    boolean take(MemberId member, int offer, int day, int cap) {
        int h = mix(member.hashCode() * 0x9E3779B1 + offer * 31 + day);
        Stripe s = stripes[h & (STRIPES - 1)];
        synchronized (s) {
            return s.take(member, offer, day, cap, h >>> 6);
        }
    }

    /** Gives back one delivery counted by {@link #take}. */
    void giveBack(MemberId member, int offer, int day) {
        int h = mix(member.hashCode() * 0x9E3779B1 + offer * 31 + day);
        Stripe s = stripes[h & (STRIPES - 1)];
        synchronized (s) {
            s.giveBack(member, offer, day, h >>> 6);
        }
    }

    /**
     * Drops every counter whose day is past.
     *
     * @param past (offer, day) → non-zero if that day is past for that offer
     * @return counters dropped
     */
    int forget(IntBinaryOperator past) {
        int dropped = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                dropped += s.forget(past);
            }
        }
        return dropped;
    }

    int size() {
        int n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                n += s.size;
            }
        }
        return n;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    private static int hash(MemberId member, int offer, int day) {
        return mix(member.hashCode() * 0x9E3779B1 + offer * 31 + day) >>> 6;
    }

    /** One stripe's table; guarded by its own monitor. */
    private static final class Stripe {
        MemberId[] members;
        int[] offers;
        int[] days;
        int[] counts;
        int size;

        Stripe(int capacity) {
            allocate(capacity);
        }

        private void allocate(int capacity) {
            members = new MemberId[capacity];
            offers = new int[capacity];
            days = new int[capacity];
            counts = new int[capacity];
        }

        private int slot(MemberId member, int offer, int day, int h) {
            int mask = members.length - 1;
            int i = h & mask;
            while (members[i] != null
                    && !(offers[i] == offer && days[i] == day && members[i].equals(member))) {
                i = (i + 1) & mask;
            }
            return i;
        }

        boolean take(MemberId member, int offer, int day, int cap, int h) {
            int i = slot(member, offer, day, h);
            if (members[i] != null) {
                if (counts[i] >= cap) {
                    return false;
                }
                counts[i]++;
                return true;
            }
            members[i] = member;
            offers[i] = offer;
            days[i] = day;
            counts[i] = 1;
            if (++size * 2 > members.length) {
                rehash(members.length * 2, null);
            }
            return true;
        }

        void giveBack(MemberId member, int offer, int day, int h) {
            int i = slot(member, offer, day, h);
            if (members[i] != null && counts[i] > 0) {
                counts[i]--;
            }
        }

        int forget(IntBinaryOperator past) {
            int before = size;
            rehash(members.length, past);
            return before - size;
        }

        private void rehash(int capacity, IntBinaryOperator past) {
            MemberId[] m = members;
            int[] o = offers;
            int[] d = days;
            int[] c = counts;
            allocate(capacity);
            size = 0;
            for (int i = 0; i < m.length; i++) {
                if (m[i] != null && (past == null || past.applyAsInt(o[i], d[i]) == 0)) {
                    int j = slot(m[i], o[i], d[i], hash(m[i], o[i], d[i]));
                    members[j] = m[i];
                    offers[j] = o[i];
                    days[j] = d[i];
                    counts[j] = c[i];
                    size++;
                }
            }
        }
    }
}
