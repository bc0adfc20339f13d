package io.github.omniretail.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.InventorySnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders across partitions under concurrency: six clients on two instances place orders of two or three lines on
 * four partitions, near the last units, then confirm or release each. No part of any order is confirmed unless every
 * part is; nothing refused stays held; no SKU is oversold. Refusals after a part was held are counted.
 */
class SplitOrdersTest {
    private static final Logger LOG = LoggerFactory.getLogger(SplitOrdersTest.class);
    static final int STOCK = 10;

    @Test
    void neverAPartialOrderConfirmedNeverOversold() throws Exception {
        String bootstrap = Brokers.get().bootstrapServers();
        KafkaInventory.createTopics(bootstrap, "split", 4, (short) 3);
        Clock clock = Clock.systemUTC();
        // replies sent after each commit here (the other tests write them in the transaction)
        try (KafkaInventory owner = KafkaInventory.builder().bootstrapServers(bootstrap).application("split")
                .ownPartitions(Set.of(0, 1, 2, 3)).repliesAfterCommit(true).build();
                KafkaInventory other = KafkaInventory.builder().bootstrapServers(bootstrap).application("split")
                        .ownNothing().repliesAfterCommit(true).build()) {
            InventoryEngine a = InventoryEngine.builder().clock(clock).autoRegister(true).store(owner.store()).build();
            InventoryEngine b = InventoryEngine.builder().clock(clock).autoRegister(true).store(other.store()).build();
            List<Sku> skus = KafkaInventoryTest.onePerPartition(owner, a);
            for (Sku s : skus) {
                a.receive(IdempotencyKey.of("grn-" + s), s, KafkaInventoryTest.STORE, STOCK);
            }
            Map<String, Hold> confirmed = new ConcurrentHashMap<>();
            AtomicInteger released = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                int client = c;
                InventoryEngine engine = c % 2 == 0 ? a : b;
                clients.add(new Thread(() -> {
                    Random r = new Random(client);
                    try {
                        for (int i = 0; i < 12; i++) {
                            List<Sku> pick = new ArrayList<>(skus);
                            Collections.shuffle(pick, r);
                            HoldRequest.Builder req = HoldRequest.builder(IdempotencyKey.of("o-" + client + "-" + i),
                                    KafkaInventoryTest.APP, Duration.ofMinutes(15));
                            for (Sku s : pick.subList(0, 2 + r.nextInt(2))) {
                                req.line(HoldLine.atNode(s, KafkaInventoryTest.STORE, 1));
                            }
                            Hold h;
                            try {
                                h = engine.hold(req.build());
                            } catch (InsufficientStockException e) {
                                refused.incrementAndGet();
                                continue;
                            }
                            if (r.nextInt(10) < 7) {
                                Hold done = engine.confirm(IdempotencyKey.of("c-" + client + "-" + i), h.id());
                                assertEquals(HoldStatus.CONFIRMED, done.status());
                                confirmed.put(h.id().toString(), done);
                            } else {
                                engine.releaseAll(IdempotencyKey.of("r-" + client + "-" + i), h.id());
                                released.incrementAndGet();
                            }
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            clients.forEach(Thread::start);
            for (Thread t : clients) {
                t.join(120_000);
            }
            assertEquals(List.of(), failures);

            // every part of every order, by its primary's layout
            InventorySnapshot snapshot = a.snapshot();
            Map<Long, Hold> byId = new HashMap<>();
            snapshot.holds().forEach(h -> byId.put(h.id().value(), h));
            int orders = 0;
            for (Hold h : snapshot.holds()) {
                String ref = h.reference().orElse("");
                if (!ref.startsWith("omniretail.split;")) {
                    continue;
                }
                orders++;
                List<HoldStatus> parts = new ArrayList<>(List.of(h.status()));
                for (String p : ref.substring("omniretail.split;".length()).split(";")[0].split(",")) {
                    if (!p.isEmpty()) {
                        parts.add(byId.get(Long.parseLong(p.split(":")[1])).status());
                    }
                }
                assertTrue(parts.stream().allMatch(s -> s == parts.get(0)), "an order's parts agree: " + parts);
                assertTrue(parts.get(0) != HoldStatus.HELD, "every order was confirmed or released");
            }
            assertEquals(confirmed.size() + released.get(), orders, "every order placed is in the snapshot");
            assertTrue(snapshot.holds().stream().noneMatch(h -> h.status() == HoldStatus.HELD),
                    "no part of a refused order stays held");
            Map<Sku, Integer> confirmedUnits = new HashMap<>();
            confirmed.values().forEach(h -> h.lines().forEach(l -> confirmedUnits.merge(l.sku(), 1, Integer::sum)));
            for (Sku s : skus) {
                int units = confirmedUnits.getOrDefault(s, 0);
                assertTrue(units <= STOCK, s + " oversold");
                assertEquals(units, a.position(s, KafkaInventoryTest.STORE).held(), s + ": held = confirmed lines");
            }
            LOG.info("split orders: {} confirmed, {} released, {} refused ({} after a part was held)",
                    confirmed.size(), released.get(), refused.get(), owner.splitOrderRefusals()
                            + other.splitOrderRefusals());
            assertTrue(refused.get() > 0, "the clients reached the last units");
        }
    }
}
