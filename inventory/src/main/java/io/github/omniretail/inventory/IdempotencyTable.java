package io.github.omniretail.inventory;

import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Caller keys → (request, outcome), with TigerBeetle's contract: same key and request → the original outcome
 * (or failure); same key, other request → {@link IdempotencyConflictException}. Entries older than the retention
 * are pruned by a scan, run by the sweep and whenever the table has doubled since the last scan, so memory is
 * bounded by rate × retention. Thread-safe.
 */
final class IdempotencyTable {

    /**
     * A compact stand-in for a request and its outcome, kept instead of both (for holds: the hold itself, from
     * which the request and the outcome as first returned are rebuilt).
     */
    interface Recorded {
        boolean sameRequest(Object request);

        Object request();

        Object outcome();
    }

    static final class Entry {
        final long at;
        volatile Object request;
        volatile Object outcome;
        volatile boolean failed;
        volatile boolean done;

        Entry(Object request, long at) {
            this.request = request;
            this.at = at;
        }

        void awaitDone() {
            int spins = 0;
            while (!done) {
                if (++spins < 100) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }

        boolean sameRequest(Object other) {
            Object out = outcome;
            return out instanceof Recorded ? ((Recorded) out).sameRequest(other) : request.equals(other);
        }

        Object originalRequest() {
            Object out = outcome;
            return out instanceof Recorded ? ((Recorded) out).request() : request;
        }

        Object result() {
            Object out = outcome;
            return out instanceof Recorded ? ((Recorded) out).outcome() : out;
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long retentionMillis;
    private volatile long pruneAt = 1 << 16;

    IdempotencyTable(long retentionMillis) {
        this.retentionMillis = retentionMillis;
    }

    /**
     * Runs {@code operation} once per key. {@code compact}, if not null, turns a successful result into the
     * {@link Recorded} kept in its place (the request is then dropped).
     */
    @SuppressWarnings("unchecked")
    <T> T run(String key, Object request, long now, Supplier<T> operation,
            java.util.function.Function<T, Recorded> compact) {
        Entry mine = new Entry(request, now);
        Entry existing = entries.putIfAbsent(key, mine);
        if (existing != null) {
            existing.awaitDone();
            if (!existing.sameRequest(request)) {
                throw new IdempotencyConflictException(IdempotencyKey.of(key), existing.originalRequest(), request);
            }
            if (existing.failed) {
                throw (RuntimeException) existing.outcome;
            }
            return (T) existing.result();
        }
        try {
            T result = operation.get();
            if (compact != null) {
                mine.outcome = compact.apply(result);
                mine.done = true;
                mine.request = null;
            } else {
                mine.outcome = result;
                mine.done = true;
            }
            return result;
        } catch (RuntimeException | Error e) {
            mine.outcome = e;
            mine.failed = true;
            mine.done = true;
            throw e;
        }
    }

    /** Whether the table has grown enough since the last scan that a scan now keeps memory bounded. */
    boolean due() {
        return entries.size() >= pruneAt;
    }

    /** Forgets entries recorded before {@code now − retention}. */
    synchronized int prune(long now) {
        long cutoff = now - retentionMillis;
        int before = entries.size();
        entries.values().removeIf(e -> e.done && e.at < cutoff);
        int after = entries.size();
        pruneAt = Math.max(1 << 16, 2 * after);
        return before - after;
    }

    int size() {
        return entries.size();
    }

    List<InventorySnapshot.IdempotencyEntry> snapshot() {
        List<InventorySnapshot.IdempotencyEntry> out = new ArrayList<>();
        entries.forEach((key, e) -> {
            if (e.done) {
                out.add(new InventorySnapshot.IdempotencyEntry(key, e.originalRequest(), e.result(),
                        Instant.ofEpochMilli(e.at)));
            }
        });
        out.sort(java.util.Comparator.comparing(InventorySnapshot.IdempotencyEntry::recordedAt)
                .thenComparing(InventorySnapshot.IdempotencyEntry::key));
        return out;
    }

    void restore(InventorySnapshot.IdempotencyEntry e) {
        Entry entry = new Entry(e.request(), e.recordedAt().toEpochMilli());
        entry.outcome = e.outcome();
        entry.failed = e.outcome() instanceof Throwable;
        entry.done = true;
        entries.put(e.key(), entry);
    }
}
