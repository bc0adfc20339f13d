package io.github.omniretail.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Caller keys → (request, outcome), with TigerBeetle's contract: same key and request → the original outcome
 * (or failure); same key, other request → {@link IdempotencyConflictException}. Entries older than the retention
 * are pruned in insertion order, so memory is bounded by rate × retention. Thread-safe.
 */
final class IdempotencyTable {

    static final class Entry {
        final String key;
        final Object request;
        final long at;
        volatile Object outcome;
        volatile boolean failed;
        volatile boolean done;

        Entry(String key, Object request, long at) {
            this.key = key;
            this.request = request;
            this.at = at;
        }

        Object await() {
            int spins = 0;
            while (!done) {
                if (++spins < 100) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            if (failed) {
                throw (RuntimeException) outcome;
            }
            return outcome;
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Entry> order = new ConcurrentLinkedQueue<>();
    private final long retentionMillis;

    IdempotencyTable(long retentionMillis) {
        this.retentionMillis = retentionMillis;
    }

    @SuppressWarnings("unchecked")
    <T> T run(String key, Object request, long now, Supplier<T> operation) {
        Entry mine = new Entry(key, request, now);
        Entry existing = entries.putIfAbsent(key, mine);
        if (existing != null) {
            if (!existing.request.equals(request)) {
                throw new IdempotencyConflictException(key, existing.request, request);
            }
            return (T) existing.await();
        }
        order.add(mine);
        try {
            T result = operation.get();
            mine.outcome = result;
            mine.done = true;
            return result;
        } catch (RuntimeException | Error e) {
            mine.outcome = e;
            mine.failed = true;
            mine.done = true;
            throw e;
        }
    }

    /** Forgets entries recorded before {@code now − retention}; at most {@code limit} per call. */
    int prune(long now, int limit) {
        long cutoff = now - retentionMillis;
        int pruned = 0;
        Entry head;
        while (pruned < limit && (head = order.peek()) != null && head.at < cutoff && head.done) {
            if (order.poll() == head) {
                entries.remove(head.key, head);
                pruned++;
            }
        }
        return pruned;
    }

    int size() {
        return entries.size();
    }

    List<InventorySnapshot.IdempotencyEntry> snapshot() {
        List<InventorySnapshot.IdempotencyEntry> out = new ArrayList<>();
        for (Entry e : order) {
            if (e.done && entries.get(e.key) == e) {
                out.add(new InventorySnapshot.IdempotencyEntry(e.key, e.request, e.outcome, Instant.ofEpochMilli(e.at)));
            }
        }
        return out;
    }

    void restore(InventorySnapshot.IdempotencyEntry e) {
        Entry entry = new Entry(e.key(), e.request(), e.recordedAt().toEpochMilli());
        entry.outcome = e.outcome();
        entry.failed = e.outcome() instanceof Throwable;
        entry.done = true;
        entries.put(e.key(), entry);
        order.add(entry);
    }
}
