package io.github.omniretail.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;

/** Eight threads holding one fresh SKU with five lots: never oversold, and first-expiry-first-out kept. */
class LotConcurrencyTest {

    static final Sku FISH = Sku.of("FISH");
    static final NodeId STORE = NodeId.of("ST-01");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

    @RepeatedTest(3)
    void eightThreadsNeverOversellAndTakeLotsInExpiryOrder() throws Exception {
        MutableClock clock = MutableClock.at(T0, ZoneOffset.UTC);
        InventoryEngine inventory = InventoryEngine.builder().clock(clock).build();
        inventory.registerNode(STORE);
        inventory.registerSku(FISH);
        int[] sizes = {40, 25, 60, 10, 35};
        for (int i = 0; i < sizes.length; i++) {
            // received newest-expiry first, so FEFO differs from arrival order
            inventory.receive(IdempotencyKey.of("r-" + i), FISH, STORE, Lot.expiring("L" + (4 - i),
                    T0.plus(Duration.ofDays(5 - i))), sizes[i]);
        }
        int total = 170;
        ConcurrentLinkedQueue<Hold> held = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            int thread = t;
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; refused.get() < 50; i++) {
                        int q = ThreadLocalRandom.current().nextInt(1, 4);
                        try {
                            held.add(inventory.hold(HoldRequest.builder(IdempotencyKey.of("h-" + thread + "-" + i),
                                    APP, Duration.ofMinutes(10)).line(HoldLine.atNode(FISH, STORE, q)).build()));
                        } catch (InsufficientStockException e) {
                            refused.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        int units = held.stream().mapToInt(h -> h.lines().get(0).quantity()).sum();
        assertTrue(units <= total, "oversold: " + units);
        assertTrue(units >= total - 2, "a hold of up to 3 fails only with fewer than 3 left: " + units);
        for (Hold h : held) {
            assertEquals(h.lines().get(0).quantity(), h.lines().get(0).lots().stream().mapToInt(LotUnits::open).sum(),
                    "every unit of " + h.id() + " is in a lot");
        }
        List<LotPosition> lots = inventory.lots(FISH, STORE);
        assertEquals(List.of("L0", "L1", "L2", "L3", "L4"), lots.stream().map(LotPosition::lot).toList());
        // FEFO: the lots are used up in expiry order, at most one part-used
        boolean seenPart = false;
        for (LotPosition lot : lots) {
            assertTrue(lot.held() <= lot.onHand(), lot.toString());
            if (seenPart) {
                assertEquals(0, lot.held(), "a later lot was used before an earlier one ran out: " + lots);
            } else if (lot.free() > 0) {
                seenPart = true;
            }
        }
        // and each hold's own lots are the earliest free when it was placed: never a later lot then an earlier
        for (Hold h : held) {
            List<String> ids = h.lines().get(0).lots().stream().map(LotUnits::lot).toList();
            assertEquals(ids.stream().sorted().toList(), ids, h.toString());
        }
        assertEquals(units, lots.stream().mapToInt(LotPosition::held).sum());
        assertEquals(units, inventory.position(FISH, STORE).held());
    }
}
