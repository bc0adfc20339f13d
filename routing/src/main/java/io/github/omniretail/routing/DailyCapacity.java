package io.github.omniretail.routing;

import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Orders taken per node per local day, against each node's daily order capacity. A plan takes one order at every
 * node it uses that has a capacity, all or none, under a key (taking again under the key takes nothing more);
 * releasing the key gives them back. Days before yesterday (in the node's zone) are forgotten as time moves on, and
 * so are keys that only touched them. Thread-safe: one lock; each call is a few map operations.
 */
final class DailyCapacity {

    private record Day(NodeId node, LocalDate day) {
    }

    /** What {@link #take} did. */
    enum Outcome {
        /** Taken by this call. */
        TAKEN,
        /** Taken before under the key: nothing more taken. */
        ALREADY_TAKEN,
        /** A node is full: nothing taken. */
        FULL
    }

    private final Map<Day, Integer> used = new HashMap<>();
    private final Map<IdempotencyKey, List<Day>> taken = new HashMap<>();
    private LocalDate pruned = LocalDate.MIN;

    /** The day {@code node} is in at {@code now}. */
    static LocalDate dayAt(FulfillmentNode node, Instant now) {
        return LocalDate.ofInstant(now, node.zone());
    }

    /** Takes one order at each node (those with a capacity), all or none. */
    synchronized Outcome take(IdempotencyKey key, List<FulfillmentNode> nodes, Instant now) {
        prune(now);
        if (taken.containsKey(key)) {
            return Outcome.ALREADY_TAKEN;
        }
        List<Day> days = new ArrayList<>();
        for (FulfillmentNode n : nodes) {
            if (n.dailyOrderCapacity().isEmpty()) {
                continue;
            }
            Day d = new Day(n.id(), dayAt(n, now));
            if (used.getOrDefault(d, 0) >= n.dailyOrderCapacity().getAsInt()) {
                return Outcome.FULL;
            }
            days.add(d);
        }
        for (Day d : days) {
            used.merge(d, 1, Integer::sum);
        }
        taken.put(key, List.copyOf(days));
        return Outcome.TAKEN;
    }

    /** Gives back what the key took; returns whether it had taken anything. */
    synchronized boolean release(IdempotencyKey key) {
        List<Day> days = taken.remove(key);
        if (days == null) {
            return false;
        }
        for (Day d : days) {
            used.computeIfPresent(d, (k, v) -> v > 1 ? v - 1 : null);
        }
        return true;
    }

    /** Orders left at the node on the day; {@link Integer#MAX_VALUE} without a capacity. */
    synchronized int left(FulfillmentNode node, LocalDate day) {
        if (node.dailyOrderCapacity().isEmpty()) {
            return Integer.MAX_VALUE;
        }
        return Math.max(0, node.dailyOrderCapacity().getAsInt() - used.getOrDefault(new Day(node.id(), day), 0));
    }

    /** Forgets days more than a day before {@code now} in UTC (so before yesterday in every zone), once a day. */
    private void prune(Instant now) {
        LocalDate cutoff = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).minusDays(2);
        if (!cutoff.isAfter(pruned)) {
            return;
        }
        pruned = cutoff;
        used.keySet().removeIf(d -> !d.day().isAfter(cutoff));
        for (Iterator<List<Day>> it = taken.values().iterator(); it.hasNext(); ) {
            if (it.next().stream().allMatch(d -> !d.day().isAfter(cutoff))) {
                it.remove();
            }
        }
    }

    /** Days and keys remembered, for tests. */
    synchronized int size() {
        return used.size() + taken.size();
    }
}
