package io.github.omniretail.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.StockEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox: events written with their change, delivered by the relay at least once (exactly once
 * here, where no handler fails), in commit order per hold and SKU, resumed from a stored position by a new relay,
 * redelivered after a failed handler, pruned once every consumer has passed them.
 */
class MySqlOutboxTest {

    private static final List<Sku> SKUS = List.of(Sku.of("A-1"), Sku.of("B-1"), Sku.of("C-1"));
    private static final NodeId STORE = NodeId.of("ST-1");
    private static final Channel APP = Channel.of("app", ChannelKind.APP);

    private static MySqlInventoryStore store() {
        MySqlInventoryStore store = MySqlInventoryStore.builder(MariaDb.dataSource())
                .database(MariaDb.freshDatabase("obx")).build();
        store.migrate();
        return store;
    }

    @Test
    void everyCommittedEventIsDeliveredOnceInCommitOrderWhileTwoInstancesWrite() throws Exception {
        MySqlInventoryStore store = store();
        InventoryEngine one = InventoryEngine.builder().store(store).clock(Clock.systemUTC()).build();
        InventoryEngine two = InventoryEngine.builder().store(store).clock(Clock.systemUTC()).build();
        one.registerNode(STORE);
        for (Sku sku : SKUS) {
            one.registerSku(sku);
            one.receive(IdempotencyKey.of("in-" + sku), sku, STORE, 30);
        }
        Map<HoldId, String> finalState = new ConcurrentHashMap<>();
        Map<Long, OutboxEvent<StockEvent>> delivered = new ConcurrentHashMap<>();
        List<OutboxEvent<StockEvent>> order = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        InventoryOutbox relay = store.outbox();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        Future<?> relaying = pool.submit(() -> {
            while (writing.get()) {
                relay.deliver("search-index", 100, e -> {
                    order.add(e);
                    assertEquals(null, delivered.put(e.id(), e), "event " + e.id() + " delivered twice");
                });
            }
            return null;
        });
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            InventoryEngine engine = t % 2 == 0 ? one : two;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 60; i++) {
                    Sku a = SKUS.get((thread + i) % 3);
                    Sku b = SKUS.get((thread + i + 1) % 3);
                    try {
                        Hold h = engine.hold(HoldRequest.builder(IdempotencyKey.of("t" + thread + "-" + i), APP,
                                Duration.ofMinutes(15))
                                .line(HoldLine.atNode(a, STORE, 1)).line(HoldLine.atNode(b, STORE, 1)).build());
                        engine.confirm(IdempotencyKey.of("t" + thread + "-" + i + "-c"), h.id());
                        if (i % 3 == 0) {
                            engine.releaseAll(IdempotencyKey.of("t" + thread + "-" + i + "-r"), h.id());
                            finalState.put(h.id(), "released");
                        } else {
                            engine.fulfilAll(IdempotencyKey.of("t" + thread + "-" + i + "-f"), h.id());
                            finalState.put(h.id(), "fulfilled");
                        }
                    } catch (InsufficientStockException e) {
                        // stock ran out: refused, nothing written
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : writers) {
            w.get(3, TimeUnit.MINUTES);
        }
        writing.set(false);
        relaying.get(1, TimeUnit.MINUTES);
        while (relay.deliver("search-index", 100, e -> {
            order.add(e);
            assertEquals(null, delivered.put(e.id(), e), "event " + e.id() + " delivered twice");
        }) > 0) {
            // drain what committed after the concurrent relay's last pass
        }
        pool.shutdown();
        assertEquals(0, relay.backlog("search-index"));

        // per hold: placed, confirmed, then fulfilled or released — the order of commits — and nothing missing
        Map<HoldId, List<String>> lifecycle = new LinkedHashMap<>();
        Map<Sku, Long> receivedAt = new HashMap<>();
        for (OutboxEvent<StockEvent> e : order) {
            StockEvent ev = e.event();
            if (ev instanceof StockEvent.HoldPlaced p) {
                lifecycle.computeIfAbsent(p.hold(), k -> new ArrayList<>()).add("placed");
            } else if (ev instanceof StockEvent.HoldConfirmed c) {
                lifecycle.computeIfAbsent(c.hold(), k -> new ArrayList<>()).add("confirmed");
            } else if (ev instanceof StockEvent.HoldFulfilled f) {
                List<String> l = lifecycle.computeIfAbsent(f.hold(), k -> new ArrayList<>());
                if (!l.contains("fulfilled")) {
                    l.add("fulfilled");
                }
            } else if (ev instanceof StockEvent.HoldReleased r) {
                List<String> l = lifecycle.computeIfAbsent(r.hold(), k -> new ArrayList<>());
                if (!l.contains("released")) {
                    l.add("released");
                }
            } else if (ev instanceof StockEvent.Received r) {
                receivedAt.put(r.sku(), e.id());
            }
        }
        assertEquals(3, receivedAt.size(), "the receipts were delivered");
        assertEquals(finalState.keySet(), lifecycle.keySet(), "events of exactly the acknowledged holds");
        finalState.forEach((hold, state) -> assertEquals(List.of("placed", "confirmed", state), lifecycle.get(hold),
                "events of " + hold + " in commit order"));
        assertTrue(finalState.size() > 30, "enough holds: " + finalState.size());
    }

    @Test
    void aNewRelayResumesAFailedHandlerGetsTheEventsAgainAndPruneKeepsWhatAConsumerNeeds() {
        MySqlInventoryStore store = store();
        InventoryEngine engine = InventoryEngine.builder().store(store).clock(Clock.systemUTC()).build();
        engine.registerNode(STORE);
        engine.registerSku(SKUS.get(0));
        engine.receive(IdempotencyKey.of("in-1"), SKUS.get(0), STORE, 5);
        engine.receive(IdempotencyKey.of("in-2"), SKUS.get(0), STORE, 5);
        List<Long> seen = new ArrayList<>();
        assertEquals(2, store.outbox().deliver("erp", 10, e -> seen.add(e.id())));
        // a new relay (another instance, or after a restart) starts where the consumer stopped
        engine.receive(IdempotencyKey.of("in-3"), SKUS.get(0), STORE, 5);
        InventoryOutbox restarted = store.outbox();
        List<Long> after = new ArrayList<>();
        assertEquals(1, restarted.deliver("erp", 10, e -> after.add(e.id())));
        assertTrue(after.get(0) > seen.get(1));
        // a handler that throws: nothing is marked delivered, the same event comes again
        engine.receive(IdempotencyKey.of("in-4"), SKUS.get(0), STORE, 5);
        assertThrows(IllegalStateException.class, () -> restarted.deliver("erp", 10, e -> {
            throw new IllegalStateException("downstream is down");
        }));
        List<Long> retried = new ArrayList<>();
        assertEquals(1, restarted.deliver("erp", 10, e -> retried.add(e.id())));
        assertTrue(retried.get(0) > after.get(0), "the receipt the failed handler saw, delivered now");
        // a second consumer has its own position; prune keeps what it has not passed
        assertEquals(2, restarted.deliver("bi", 2, e -> { }));
        assertEquals(2, restarted.prune(), "deleted what both consumers passed");
        assertEquals(2, restarted.backlog("bi"));
        assertEquals(0, restarted.backlog("erp"));
        assertEquals(2, restarted.deliver("bi", 10, e -> { }));
        assertEquals(2, restarted.prune());
        assertThrows(IllegalArgumentException.class, () -> restarted.deliver("bad name", 1, e -> { }));
    }
}
