package io.github.omniretail.testkit.stored;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStorage;
import io.github.omniretail.inventory.spi.LockRequest;
import io.github.omniretail.inventory.spi.Locked;
import io.github.omniretail.inventory.spi.StoredCatalogue;
import io.github.omniretail.inventory.spi.StoredRows;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Group commit keeps each call's outcome its own: a refused hold, a key conflict and a valid hold committed in ONE
 * transaction get three independent outcomes, and the refusal and the conflict change nothing.
 */
class GroupCommitBatchTest {

    private static final Sku MILK = Sku.of("MILK-1L");
    private static final NodeId STORE = NodeId.of("ST-1");
    private static final Channel APP = Channel.of("app", ChannelKind.APP);

    /** Records each transaction's idempotency keys; can hold the next transaction until released. */
    private static final class Gate implements InventoryStorage {
        final MapInventoryStorage inner = new MapInventoryStorage(0);
        final List<Set<String>> keysPerTransaction = new CopyOnWriteArrayList<>();
        volatile CountDownLatch entered;
        volatile CountDownLatch release;

        @Override
        public <T> T transaction(String operation, Work<T> work) {
            CountDownLatch hold = release;
            if (hold != null && entered != null) {
                release = null;
                entered.countDown();
                await(hold);
            }
            return inner.transaction(operation, session -> work.run(new Session() {
                @Override
                public StoredCatalogue lockCatalogue() {
                    return session.lockCatalogue();
                }

                @Override
                public StoredCatalogue readCatalogue() {
                    return session.readCatalogue();
                }

                @Override
                public void writeCatalogue(StoredCatalogue catalogue) {
                    session.writeCatalogue(catalogue);
                }

                @Override
                public Locked lock(LockRequest request) {
                    keysPerTransaction.add(request.keys());
                    return session.lock(request);
                }

                @Override
                public Locked lockAll(boolean idempotency) {
                    return session.lockAll(idempotency);
                }

                @Override
                public void write(StoredRows rows) {
                    session.write(rows);
                }

                @Override
                public long prune(Instant idempotencyBefore, Instant finalHoldsBefore) {
                    return session.prune(idempotencyBefore, finalHoldsBefore);
                }

                @Override
                public List<Sku> dueSkus(Instant now, int limit) {
                    return session.dueSkus(now, limit);
                }
            }));
        }

        @Override
        public long reserveIds(String sequence, int count) {
            return inner.reserveIds(sequence, count);
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static HoldRequest hold(String key, int units) {
        return HoldRequest.builder(IdempotencyKey.of(key), APP, Duration.ofMinutes(15)).line(HoldLine.atNode(MILK,
                STORE, units)).build();
    }

    @Test
    void aRefusedHoldAConflictingKeyAndAValidHoldInOneBatchGetThreeOutcomes() throws Exception {
        Gate storage = new Gate();
        InventoryEngine engine = InventoryEngine.builder()
                .store(InventoryEngine.storedIn(storage, new GroupCommit(256, Duration.ZERO, 1)))
                .clock(MutableClock.at(Instant.parse("2026-12-05T08:00:00Z"))).build();
        engine.registerNode(STORE);
        engine.registerSku(MILK);
        engine.receive(IdempotencyKey.of("grn-1"), MILK, STORE, 10);
        Hold first = engine.hold(hold("cart-1", 2));

        // a receipt holds the only batch slot while three calls queue behind it
        storage.entered = new CountDownLatch(1);
        storage.release = new CountDownLatch(1);
        CountDownLatch releaseLater = storage.release;
        CompletableFuture<Object> blocker = CompletableFuture.supplyAsync(() -> engine.receive(IdempotencyKey.of("grn-2"), MILK, STORE, 1));
        assertTrue(storage.entered.await(10, TimeUnit.SECONDS));
        CompletableFuture<Object> refused = CompletableFuture.supplyAsync(() -> call(() -> engine.hold(hold("cart-2", 50))));
        CompletableFuture<Object> conflict = CompletableFuture.supplyAsync(() -> call(() -> engine.hold(hold("cart-1", 3))));
        CompletableFuture<Object> valid = CompletableFuture.supplyAsync(() -> call(() -> engine.hold(hold("cart-3", 4))));
        Thread.sleep(300); // let all three queue
        releaseLater.countDown();
        blocker.get(10, TimeUnit.SECONDS);

        assertInstanceOf(InsufficientStockException.class, refused.get(10, TimeUnit.SECONDS));
        IdempotencyConflictException e = assertInstanceOf(IdempotencyConflictException.class,
                conflict.get(10, TimeUnit.SECONDS));
        assertEquals(IdempotencyKey.of("cart-1"), e.key());
        Hold placed = assertInstanceOf(Hold.class, valid.get(10, TimeUnit.SECONDS));
        assertEquals(4, placed.lines().get(0).quantity());
        assertTrue(storage.keysPerTransaction.stream().anyMatch(k -> k.containsAll(Set.of("cart-1", "cart-2",
                "cart-3"))), "the three calls shared one transaction: " + storage.keysPerTransaction);

        // only the valid hold changed anything: 11 on hand, 2 + 4 held; the first hold is untouched
        assertEquals(11, engine.position(MILK, STORE).onHand());
        assertEquals(6, engine.position(MILK, STORE).held());
        assertEquals(first, engine.hold(hold("cart-1", 2)), "cart-1 still replays its first hold");
        assertInstanceOf(InsufficientStockException.class, call(() -> engine.hold(hold("cart-2", 50))),
                "the refusal is recorded under its key and replayed");
    }

    private static Object call(java.util.function.Supplier<Object> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            return e;
        }
    }
}
