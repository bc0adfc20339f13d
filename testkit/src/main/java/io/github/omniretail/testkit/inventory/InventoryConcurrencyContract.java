package io.github.omniretail.testkit.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.ChannelRule;
import io.github.omniretail.inventory.ChannelSelector;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldLineState;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.InventoryException;
import io.github.omniretail.inventory.PoolId;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.inventory.Transfer;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Many threads against one engine; afterwards the invariants and stock conservation hold, whatever interleaving. */
public abstract class InventoryConcurrencyContract extends InventoryStoreFixture {

    /** For subclasses. */
    protected InventoryConcurrencyContract() {
    }

    /**
     * Scales the workload: 100,000 operations per thread, 5 rounds of 1,000 reservers and 2,000 opposite-order
     * races at 1.0. A store with a network round trip per call may lower it (the in-memory store runs 1.0); the
     * checks are the same at any scale.
     *
     * @return a factor in (0, 1]
     */
    protected double workloadScale() {
        return 1.0;
    }

    private int scaled(int full, int minimum) {
        return Math.max(minimum, (int) Math.round(full * workloadScale()));
    }

    static final List<Sku> SKUS = List.of(Sku.of("HOT-1"), Sku.of("HOT-2"));
    static final List<NodeId> NODES = List.of(NodeId.of("S1"), NodeId.of("S2"), NodeId.of("DC"));
    static final List<Channel> CHANNELS = List.of(Channel.of("app", ChannelKind.APP),
            Channel.of("pos", ChannelKind.STORE_POS), Channel.of("live", ChannelKind.LIVE_STREAM));
    static final PoolId CITY = PoolId.of("city");

    @Test
    void eightThreadsOfRandomOperationsKeepInvariantsAndConserveStock() throws Exception {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T08:00:00Z"));
        InventoryEngine engine = builder().clock(clock).build();
        NODES.forEach(engine::registerNode);
        SKUS.forEach(engine::registerSku);
        engine.definePool(CITY, java.util.Set.of(NODES.get(0), NODES.get(1)));
        engine.setChannelRules(NODES.get(0), List.of(
                ChannelRule.ringFence(ChannelSelector.kind(ChannelKind.STORE_POS), 3),
                ChannelRule.cap(ChannelSelector.kind(ChannelKind.APP), 20)));
        Map<String, AtomicLong> received = new ConcurrentHashMap<>();
        Map<String, AtomicLong> fulfilled = new ConcurrentHashMap<>();
        Map<String, AtomicLong> dispatched = new ConcurrentHashMap<>();
        Map<String, AtomicLong> arrived = new ConcurrentHashMap<>();
        for (Sku sku : SKUS) {
            for (NodeId node : NODES) {
                engine.receive(IdempotencyKey.of("init-" + sku + node), sku, node, 50);
                received.computeIfAbsent(sku + "@" + node, k -> new AtomicLong()).addAndGet(50);
            }
        }
        int threads = 8;
        int operations = scaled(100_000, 500);
        AtomicInteger successes = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(thread * 7919L);
                List<HoldId> mine = new ArrayList<>();
                List<Transfer> transfers = new ArrayList<>();
                start.await();
                for (int i = 0; i < operations; i++) {
                    String key = "t" + thread + "-" + i;
                    Sku sku = SKUS.get(random.nextInt(SKUS.size()));
                    NodeId node = NODES.get(random.nextInt(NODES.size()));
                    Channel channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
                    try {
                        int op = random.nextInt(100);
                        if (op < 35) {
                            HoldRequest.Builder b = HoldRequest.builder(IdempotencyKey.of(key), channel,
                                    Duration.ofSeconds(1 + random.nextInt(60)));
                            int lines = 1 + random.nextInt(3);
                            for (int l = 0; l < lines; l++) {
                                Sku s = SKUS.get(random.nextInt(SKUS.size()));
                                b.line(random.nextInt(5) == 0 ? HoldLine.inPool(s, CITY, 1 + random.nextInt(3))
                                        : HoldLine.atNode(s, NODES.get(random.nextInt(NODES.size())), 1 + random.nextInt(3)));
                            }
                            mine.add(engine.hold(b.build()).id());
                        } else if (op < 50 && !mine.isEmpty()) {
                            engine.confirm(IdempotencyKey.of(key), mine.get(random.nextInt(mine.size())));
                        } else if (op < 62 && !mine.isEmpty()) {
                            HoldId id = mine.get(random.nextInt(mine.size()));
                            Hold h = engine.hold(id).orElseThrow();
                            for (int l = 0; l < h.lines().size(); l++) {
                                HoldLineState line = h.lines().get(l);
                                if (line.unpinned() && line.open() > 0) {
                                    engine.pin(IdempotencyKey.of(key + "p" + l), id, l, NODES.get(random.nextInt(2)));
                                }
                            }
                            Hold done = engine.fulfilAll(IdempotencyKey.of(key), id);
                            for (HoldLineState line : done.lines()) {
                                if (line.fulfilled() > 0) {
                                    fulfilled.computeIfAbsent(line.sku() + "@" + line.node().orElseThrow(),
                                            k -> new AtomicLong()).addAndGet(line.fulfilled());
                                }
                            }
                            mine.remove(id);
                        } else if (op < 72 && !mine.isEmpty()) {
                            engine.releaseAll(IdempotencyKey.of(key), mine.remove(random.nextInt(mine.size())));
                        } else if (op < 82) {
                            int q = 1 + random.nextInt(4);
                            engine.receive(IdempotencyKey.of(key), sku, node, q);
                            received.computeIfAbsent(sku + "@" + node, k -> new AtomicLong()).addAndGet(q);
                        } else if (op < 86) {
                            NodeId to = NODES.get((NODES.indexOf(node) + 1) % NODES.size());
                            Transfer tr = engine.dispatchTransfer(IdempotencyKey.of(key), sku, node, to,
                                    1 + random.nextInt(3));
                            dispatched.computeIfAbsent(sku + "@" + node, k -> new AtomicLong()).addAndGet(tr.quantity());
                            transfers.add(tr);
                        } else if (op < 90 && !transfers.isEmpty()) {
                            Transfer sent = transfers.remove(0);
                            Transfer tr = engine.receiveTransfer(IdempotencyKey.of(key), sent.id(),
                                    sent.quantity() - random.nextInt(2));
                            arrived.computeIfAbsent(tr.sku() + "@" + tr.to(), k -> new AtomicLong()).addAndGet(tr.received());
                        } else if (op < 93) {
                            clock.advance(Duration.ofMillis(200));
                        } else if (op < 95) {
                            engine.expireDue();
                        } else {
                            engine.atp(sku, node, channel);
                        }
                        successes.incrementAndGet();
                    } catch (InventoryException expected) {
                        // insufficient stock, expired holds, lost races: refused with nothing changed
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertTrue(successes.get() > operations, "a good share of operations succeeded: " + successes.get());

        // Every position: held equals the open units of the open holds pinned there, and never exceeds on-hand.
        Map<String, Long> openHeld = new HashMap<>();
        long maxId = engine.snapshot().nextHoldId();
        for (long id = 1; id < maxId; id++) {
            engine.hold(HoldId.of(id)).ifPresent(h -> {
                if (!h.status().isFinal()) {
                    for (HoldLineState line : h.lines()) {
                        line.node().ifPresent(n -> openHeld.merge(line.sku() + "@" + n, (long) line.open(), Long::sum));
                    }
                }
            });
        }
        for (Sku sku : SKUS) {
            for (NodeId node : NODES) {
                String k = sku + "@" + node;
                Position p = engine.position(sku, node);
                assertEquals(openHeld.getOrDefault(k, 0L), p.held(), "held at " + k);
                assertTrue(p.held() + p.safetyStock() <= p.onHand(), "never oversold at " + k + ": " + p);
                long expected = value(received, k) - value(fulfilled, k) - value(dispatched, k) + value(arrived, k);
                assertEquals(expected, p.onHand(), "conservation at " + k);
            }
        }
        // The walk-in ring-fence and the app cap at S1 held throughout: verify what is held now.
        long appHeld = 0;
        for (long id = 1; id < maxId; id++) {
            Hold h = engine.hold(HoldId.of(id)).orElse(null);
            if (h != null && !h.status().isFinal() && h.channel().kind() == ChannelKind.APP) {
                for (HoldLineState line : h.lines()) {
                    if (line.node().equals(java.util.Optional.of(NODES.get(0))) && line.sku().equals(SKUS.get(0))) {
                        appHeld += line.open();
                    }
                }
            }
        }
        assertTrue(appHeld <= 20, "app cap at S1 respected: " + appHeld);
    }

    private static long value(Map<String, AtomicLong> map, String key) {
        AtomicLong v = map.get(key);
        return v == null ? 0 : v.get();
    }

    @Test
    void thousandReserversForTheLastUnitExactlyOneWins() throws Exception {
        for (int round = 0, rounds = scaled(5, 1); round < rounds; round++) {
            InventoryEngine engine = builder().autoRegister(true).build();
            engine.receive(IdempotencyKey.of("r"), SKUS.get(0), NODES.get(0), 1);
            int reservers = 1_000;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger wins = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < reservers; i++) {
                String key = "cart-" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        engine.hold(HoldRequest.builder(IdempotencyKey.of(key), CHANNELS.get(i(key) % 3),
                                Duration.ofMinutes(5))
                                .line(HoldLine.atNode(SKUS.get(0), NODES.get(0), 1)).build());
                        wins.incrementAndGet();
                    } catch (InsufficientStockException e) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(1, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertEquals(1, wins.get());
            assertEquals(reservers - 1, refused.get());
            assertEquals(1, engine.position(SKUS.get(0), NODES.get(0)).held());
        }
    }

    private static int i(String key) {
        return Integer.parseInt(key.substring(key.indexOf('-') + 1));
    }

    @Test
    void twoOrdersTakingTheLastUnitsInOppositeOrderNeverDeadlock() throws Exception {
        for (int round = 0, rounds = scaled(2_000, 20); round < rounds; round++) {
            InventoryEngine engine = builder().autoRegister(true).build();
            engine.receive(IdempotencyKey.of("a"), SKUS.get(0), NODES.get(0), 1);
            engine.receive(IdempotencyKey.of("b"), SKUS.get(1), NODES.get(0), 1);
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger wins = new AtomicInteger();
            Runnable first = () -> attempt(engine, start, wins, "o1", SKUS.get(0), SKUS.get(1));
            Runnable second = () -> attempt(engine, start, wins, "o2", SKUS.get(1), SKUS.get(0));
            Thread t1 = new Thread(first);
            Thread t2 = new Thread(second);
            t1.start();
            t2.start();
            start.countDown();
            t1.join(10_000);
            t2.join(10_000);
            assertTrue(!t1.isAlive() && !t2.isAlive(), "no deadlock in round " + round);
            assertTrue(wins.get() <= 1, "at most one order wins");
            assertEquals(wins.get(), engine.position(SKUS.get(0), NODES.get(0)).held());
            assertEquals(wins.get(), engine.position(SKUS.get(1), NODES.get(0)).held());
        }
    }

    private static void attempt(InventoryEngine engine, CountDownLatch start, AtomicInteger wins, String key,
            Sku firstSku, Sku secondSku) {
        try {
            start.await();
            engine.hold(HoldRequest.builder(IdempotencyKey.of(key), CHANNELS.get(0), Duration.ofMinutes(5))
                    .line(HoldLine.atNode(firstSku, NODES.get(0), 1))
                    .line(HoldLine.atNode(secondSku, NODES.get(0), 1)).build());
            wins.incrementAndGet();
        } catch (InsufficientStockException e) {
            // the other order won
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
