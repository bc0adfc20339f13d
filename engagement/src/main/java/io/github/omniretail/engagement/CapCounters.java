package io.github.omniretail.engagement;

import io.github.omniretail.core.MemberId;
import java.security.SecureRandom;
import java.util.function.IntBinaryOperator;

/**
 * Deliveries per member × offer × local day, the only thing kept of a ping, in 64 striped open-addressing tables of
 * primitive arrays: a hit locks one stripe and probes it, allocating nothing until a stripe doubles. A member is kept
 * as a 64-bit keyed hash of its id (a random key per instance), not the id: the counters are pseudonymous, hold no
 * references for the collector to trace, and two members share a counter only if their hashes collide (about one
 * chance in 10<sup>7</sup> over a day of 16 million deliveries). Thread-safe.
 */
final class CapCounters {
    private static final int STRIPES = 64;
    private final Stripe[] stripes = new Stripe[STRIPES];
    private final long key = new SecureRandom().nextLong();

    CapCounters(int expected) {
        int perStripe = Integer.highestOneBit(Math.max(16, expected / STRIPES) * 2 - 1) << 1;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(perStripe);
        }
    }

    /** The member's 64-bit keyed hash (FNV-1a over the id's characters, then a 64-bit finaliser). */
    long member(MemberId member) {
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
        return h ^ (h >>> 33);
    }

    private static int spread(long member, int offer, int day) {
        long h = member + offer * 0x9E3779B97F4A7C15L + day * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    /**
     * Counts one delivery if the member has had fewer than {@code cap} of this offer on this day.
     *
     * @param member the member's hash from {@link #member}
     * @return whether it was counted
     */
    boolean take(long member, int offer, int day, int cap) {
        int h = spread(member, offer, day);
        Stripe s = stripes[h & (STRIPES - 1)];
        synchronized (s) {
            return s.take(member, offer, day, cap, h >>> 6);
        }
    }

    /**
     * Drops every counter of a past day.
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

    /**
     * One stripe's table, guarded by its own monitor: slot {@code i} is the pair {@code slots[2i]} (a member hash)
     * and {@code slots[2i + 1]} (the offer in bits 40–63, the epoch day in bits 16–39, the count in bits 0–15), side
     * by side so a probe reads one cache line. A meta word of 0 is an empty slot (a stored count is at least 1).
     */
    private static final class Stripe {
        long[] slots;
        int size;

        Stripe(int capacity) {
            slots = new long[2 * capacity];
        }

        private static long tag(int offer, int day) {
            return ((long) offer << 40) | ((long) (day & 0xFFFFFF) << 16);
        }

        private int capacity() {
            return slots.length >>> 1;
        }

        private int slot(long member, long tag, int h) {
            int mask = capacity() - 1;
            int i = h & mask;
            while (slots[2 * i + 1] != 0 && !(slots[2 * i] == member && (slots[2 * i + 1] & ~0xFFFFL) == tag)) {
                i = (i + 1) & mask;
            }
            return i;
        }

        boolean take(long member, int offer, int day, int cap, int h) {
            long tag = tag(offer, day);
            int i = slot(member, tag, h);
            long meta = slots[2 * i + 1];
            if (meta != 0) {
                if ((meta & 0xFFFFL) >= cap) {
                    return false;
                }
                slots[2 * i + 1] = meta + 1;
                return true;
            }
            slots[2 * i] = member;
            slots[2 * i + 1] = tag | 1;
            if (++size * 2 > capacity()) {
                rehash(capacity() * 2, null);
            }
            return true;
        }

        int forget(IntBinaryOperator past) {
            int before = size;
            rehash(capacity(), past);
            return before - size;
        }

        private void rehash(int capacity, IntBinaryOperator past) {
            long[] old = slots;
            slots = new long[2 * capacity];
            size = 0;
            for (int i = 0; i < old.length; i += 2) {
                long meta = old[i + 1];
                if (meta == 0) {
                    continue;
                }
                int offer = (int) (meta >>> 40);
                int day = (int) ((meta >>> 16) & 0xFFFFFF);
                if (past != null && past.applyAsInt(offer, day) != 0) {
                    continue;
                }
                int j = slot(old[i], meta & ~0xFFFFL, spread(old[i], offer, day) >>> 6);
                slots[2 * j] = old[i];
                slots[2 * j + 1] = meta;
                size++;
            }
        }
    }
}
