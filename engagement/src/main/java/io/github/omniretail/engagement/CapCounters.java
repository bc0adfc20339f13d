package io.github.omniretail.engagement;

import io.github.omniretail.core.MemberId;
import java.security.SecureRandom;
import java.util.function.IntPredicate;

/**
 * Deliveries per member × offer × local day: the only thing kept of a ping.
 *
 * <p>One table per local day (a few live at once: yesterday, today and tomorrow across zones), each 64 striped
 * open-addressing tables of {@code long} slots packing a 32-bit keyed hash of the member (bits 32–63), the offer
 * (bits 8–31) and the count (bits 0–7; a stored count is at least 1, so 0 is an empty slot). Eight bytes a slot keep
 * the table small and a probe in one cache line; all of a member's offers of a day start from the same home slot,
 * so a ping that makes several offers eligible touches one or two lines. A hit locks one stripe and allocates
 * nothing until the stripe doubles.
 *
 * <p>The member is kept only as a hash under a random key per instance: the counters are pseudonymous and hold no
 * references for the collector to trace. Two members whose hashes collide share a counter for an offer both receive
 * on the same day: among a million members about 116 pairs collide, and with each receiving a few of 10,000 offers
 * a day, such a shared counter comes up about once in fifty days (it can only withhold an offer, never exceed a cap).
 * Thread-safe.
 */
final class CapCounters {
    private static final int STRIPES = 64;
    private final int perStripe;
    private final long key = new SecureRandom().nextLong();
    private volatile Day[] days = new Day[0];

    /** One local day's table. */
    private static final class Day {
        final int day;
        final Stripe[] stripes = new Stripe[STRIPES];

        Day(int day, int perStripe) {
            this.day = day;
            for (int i = 0; i < STRIPES; i++) {
                stripes[i] = new Stripe(perStripe); // its slots are allocated on first use
            }
        }
    }

    CapCounters(int expected) {
        this.perStripe = Integer.highestOneBit(Math.max(16, expected / STRIPES) * 2 - 1) << 1;
    }

    /** The member's 32-bit keyed hash, never 0 (FNV-1a over the id's characters, then a 64-bit finaliser). */
    int member(MemberId member) {
        String id = member.value();
        long h = 0xcbf29ce484222325L ^ key;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        int folded = (int) (h ^ (h >>> 32));
        return folded == 0 ? 1 : folded;
    }

    private static int spread(int member) {
        int h = member * 0x9E3779B1;
        return h ^ (h >>> 15);
    }

    private Day day(int day) {
        for (Day d : days) {
            if (d.day == day) {
                return d;
            }
        }
        synchronized (this) {
            for (Day d : days) {
                if (d.day == day) {
                    return d;
                }
            }
            Day d = new Day(day, perStripe);
            Day[] more = java.util.Arrays.copyOf(days, days.length + 1);
            more[days.length] = d;
            days = more;
            return d;
        }
    }

    /**
     * Counts one delivery if the member has had fewer than {@code cap} of this offer on this day.
     *
     * @param member the member's hash from {@link #member}
     * @param offer the offer's index, below 2<sup>24</sup>
     * @param day the offer's local epoch day
     * @param cap 1..255
     * @return whether it was counted
     */
    boolean take(int member, int offer, int day, int cap) {
        int h = spread(member);
        Stripe s = day(day).stripes[h & (STRIPES - 1)];
        synchronized (s) {
            return s.take(((long) member << 32) | ((long) offer << 8), cap, h >>> 6);
        }
    }

    /**
     * Drops the tables of past days.
     *
     * @param past whether an epoch day is past everywhere the offers are
     * @return counters dropped
     */
    int forget(IntPredicate past) {
        synchronized (this) {
            int dropped = 0;
            java.util.List<Day> kept = new java.util.ArrayList<>();
            for (Day d : days) {
                if (past.test(d.day)) {
                    for (Stripe s : d.stripes) {
                        synchronized (s) {
                            dropped += s.size;
                        }
                    }
                } else {
                    kept.add(d);
                }
            }
            days = kept.toArray(new Day[0]);
            return dropped;
        }
    }

    int size() {
        int n = 0;
        for (Day d : days) {
            for (Stripe s : d.stripes) {
                synchronized (s) {
                    n += s.size;
                }
            }
        }
        return n;
    }

    /** One stripe's table; guarded by its own monitor. */
    private static final class Stripe {
        private static final long KEY = ~0xFFL;
        private final int initial;
        long[] slots;
        int size;

        Stripe(int capacity) {
            this.initial = capacity;
        }

        private int slot(long key, int h) {
            int mask = slots.length - 1;
            int i = h & mask;
            while (slots[i] != 0 && (slots[i] & KEY) != key) {
                i = (i + 1) & mask;
            }
            return i;
        }

        boolean take(long key, int cap, int h) {
            if (slots == null) {
                slots = new long[initial];
            }
            int i = slot(key, h);
            long slot = slots[i];
            if (slot != 0) {
                if ((slot & 0xFFL) >= cap) {
                    return false;
                }
                slots[i] = slot + 1;
                return true;
            }
            slots[i] = key | 1;
            if (++size * 2 > slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                for (long s : old) {
                    if (s != 0) {
                        slots[slot(s & KEY, spread((int) (s >>> 32)) >>> 6)] = s;
                    }
                }
            }
            return true;
        }
    }
}
