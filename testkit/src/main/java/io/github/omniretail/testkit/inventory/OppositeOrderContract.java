package io.github.omniretail.testkit.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.inventory.spi.InventoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two instances (engines on one database), each batching, place two-line holds whose lines name the same two scarce
 * SKUs in opposite orders, and release half of them: no deadlock surfaces (every call returns a hold or a refusal),
 * nothing is oversold, and the held units are exactly the kept holds'. For stores shared by several engines (a
 * database): extend it and return a store on fresh storage from {@link #newStore()}; both engines open that one store.
 */
public abstract class OppositeOrderContract extends InventoryStoreFixture {

    /** For subclasses. */
    protected OppositeOrderContract() {
    }

    private static final Sku A = Sku.of("A-1");
    private static final Sku B = Sku.of("B-1");
    private static final NodeId STORE = NodeId.of("ST-1");
    private static final Channel APP = Channel.of("app", ChannelKind.APP);
    private static final int STOCK = 40;

    /** Opposite-order two-line holds from two engines on one store: no deadlock, no oversell. */
    @Test
    public void twoInstancesBatchingOppositeOrdersNeitherDeadlockNorOversell() throws Exception {
        InventoryStore store = newStore();
        InventoryEngine one = InventoryEngine.builder().store(store).clock(Clock.systemUTC()).build();
        InventoryEngine two = InventoryEngine.builder().store(store).clock(Clock.systemUTC()).build();
        one.registerNode(STORE);
        one.registerSku(A);
        one.registerSku(B);
        one.receive(IdempotencyKey.of("in-a"), A, STORE, STOCK);
        one.receive(IdempotencyKey.of("in-b"), B, STORE, STOCK);
        AtomicInteger kept = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger released = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            InventoryEngine engine = t % 2 == 0 ? one : two;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 150; i++) {
                    boolean forward = (thread + i) % 2 == 0;
                    HoldRequest request = HoldRequest.builder(IdempotencyKey.of("t" + thread + "-" + i), APP,
                            Duration.ofMinutes(15))
                            .line(HoldLine.atNode(forward ? A : B, STORE, 1))
                            .line(HoldLine.atNode(forward ? B : A, STORE, 1)).build();
                    try {
                        Hold hold = engine.hold(request);
                        if (i % 2 == 0) {
                            engine.releaseAll(IdempotencyKey.of("t" + thread + "-" + i + "-r"), hold.id());
                            released.incrementAndGet();
                        } else {
                            kept.incrementAndGet();
                        }
                    } catch (InsufficientStockException e) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(3, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertEquals(STOCK, kept.get(), "the kept holds took exactly the stock");
        assertTrue(refused.get() > 0 && released.get() > 0, "contended: " + refused + " refused, " + released
                + " released");
        for (Sku sku : List.of(A, B)) {
            Position p = two.position(sku, STORE);
            assertEquals(STOCK, p.onHand());
            assertEquals(kept.get(), p.held(), "held units of " + sku + " are the kept holds'");
            assertTrue(p.held() <= p.onHand(), "never oversold: " + p);
        }
    }
}
