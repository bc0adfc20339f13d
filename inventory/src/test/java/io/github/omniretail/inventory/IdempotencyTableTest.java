package io.github.omniretail.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The key table: once per key, the same outcome or failure on a retry, a conflict for another request. */
class IdempotencyTableTest {

    private record Receive(int units) {
    }

    @Test
    void aKeyRunsOnceAndARetryGetsTheFirstOutcome() {
        IdempotencyTable table = new IdempotencyTable(60_000);
        AtomicInteger runs = new AtomicInteger();
        Object first = table.run("k", new Receive(5), 0, () -> "outcome-" + runs.incrementAndGet(), null);
        Object again = table.run("k", new Receive(5), 10, () -> "outcome-" + runs.incrementAndGet(), null);
        assertSame(first, again);
        assertEquals(1, runs.get());
    }

    @Test
    void aFailureStaysAFailureAndAnotherRequestIsAConflictNamingBoth() {
        IdempotencyTable table = new IdempotencyTable(60_000);
        IllegalArgumentException failure = new IllegalArgumentException("no");
        assertSame(failure, assertThrows(IllegalArgumentException.class, () -> table.run("k", new Receive(5), 0,
                () -> {
                    throw failure;
                }, null)));
        assertSame(failure, assertThrows(IllegalArgumentException.class, () -> table.run("k", new Receive(5), 1,
                () -> "never", null)), "the same failure, not a second run");
        IdempotencyConflictException e = assertThrows(IdempotencyConflictException.class,
                () -> table.run("k", new Receive(6), 2, () -> "never", null));
        assertEquals(IdempotencyKey.of("k"), e.key());
        assertEquals(new Receive(5), e.original().orElseThrow());
        assertEquals(new Receive(6), e.attempted().orElseThrow());
    }

    @Test
    void entriesOlderThanTheRetentionArePrunedAndTheKeyIsFreeAgain() {
        IdempotencyTable table = new IdempotencyTable(1_000);
        table.run("old", new Receive(1), 0, () -> "a", null);
        table.run("new", new Receive(1), 900, () -> "b", null);
        assertEquals(1, table.prune(1_500), "only the entry from before 500 goes");
        assertEquals(1, table.size());
        assertEquals("c", table.run("old", new Receive(2), 1_600, () -> "c", null), "a forgotten key is new");
    }

    @Test
    void racingCallersWithOneKeyRunItOnce() throws Exception {
        IdempotencyTable table = new IdempotencyTable(60_000);
        AtomicInteger runs = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> table.run("k", new Receive(5), 0, () -> {
                    Thread.onSpinWait();
                    return "outcome-" + runs.incrementAndGet();
                }, null)));
            }
            for (Future<Object> f : results) {
                assertEquals("outcome-1", f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, runs.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
