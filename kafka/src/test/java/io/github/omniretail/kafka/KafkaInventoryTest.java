package io.github.omniretail.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.IllegalHoldStateException;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.InventorySnapshot;
import io.github.omniretail.inventory.Kit;
import io.github.omniretail.inventory.StockEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Four partitions: calls routed by SKU and id, broadcasts, orders held across partitions, a caller that owns
 * nothing, fencing and a new owner answering retries from the changelog.
 */
class KafkaInventoryTest {
    static final NodeId STORE = NodeId.of("ST-1");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final MutableClock CLOCK = MutableClock.at(Instant.parse("2026-12-07T02:00:00Z"));

    /** SKUs that land on four different partitions of four. */
    static List<Sku> onePerPartition(KafkaInventory k, InventoryEngine engine) {
        List<Sku> out = new ArrayList<>(List.of(Sku.of("?"), Sku.of("?"), Sku.of("?"), Sku.of("?")));
        boolean[] found = new boolean[4];
        for (int i = 0; out.contains(Sku.of("?")); i++) {
            Sku s = Sku.of("SKU-" + i);
            int p = k.partitionOf(s);
            if (!found[p]) {
                found[p] = true;
                out.set(p, s);
            }
        }
        return out;
    }

    static HoldRequest order(String key, Sku... skus) {
        HoldRequest.Builder b = HoldRequest.builder(IdempotencyKey.of(key), APP, Duration.ofMinutes(15));
        for (Sku s : skus) {
            b.line(HoldLine.atNode(s, STORE, 1));
        }
        return b.reference("cart-" + key).build();
    }

    @Test
    void callsFindTheirPartitionAndOrdersAcrossPartitionsAreAllOrNothing() throws Exception {
        String bootstrap = Brokers.get().bootstrapServers();
        KafkaInventory.createTopics(bootstrap, "four", 4, (short) 3);
        List<InventoryEvent> events = new CopyOnWriteArrayList<>();
        try (KafkaInventory owner = KafkaInventory.builder().bootstrapServers(bootstrap).application("four")
                .ownPartitions(Set.of(0, 1, 2, 3)).build();
                KafkaInventory caller = KafkaInventory.builder().bootstrapServers(bootstrap).application("four")
                        .ownNothing().build()) {
            InventoryEngine a = InventoryEngine.builder().clock(CLOCK).autoRegister(true).store(owner.store()).build();
            InventoryEngine b = InventoryEngine.builder().clock(CLOCK).autoRegister(true).eventSink(events::add)
                    .store(caller.store()).build();
            assertEquals(Set.of(0, 1, 2, 3), owner.ownedPartitions());
            assertEquals(Set.of(), caller.ownedPartitions());
            List<Sku> skus = onePerPartition(owner, a);

            b.registerNode(STORE); // a broadcast: every partition knows the node
            for (Sku s : skus) {
                b.receive(IdempotencyKey.of("grn-" + s), s, STORE, 2);
            }
            assertTrue(events.stream().anyMatch(e -> e instanceof StockEvent), "the caller's sink sees its events");
            assertEquals(2, a.atp(skus.get(3), STORE, APP), "any instance reads any partition");

            // an order across all four partitions
            Hold held = b.hold(order("o-1", skus.get(2), skus.get(0), skus.get(3), skus.get(1)));
            assertEquals(HoldStatus.HELD, held.status());
            assertEquals(List.of(skus.get(2), skus.get(0), skus.get(3), skus.get(1)),
                    held.lines().stream().map(l -> l.sku()).toList(), "lines in request order");
            assertEquals(java.util.Optional.of("cart-o-1"), held.reference());
            assertEquals(held, b.hold(order("o-1", skus.get(2), skus.get(0), skus.get(3), skus.get(1))),
                    "a retry replays every part");
            assertEquals(held, a.hold(held.id()).orElseThrow(), "another instance reads the order by its id");
            for (Sku s : skus) {
                assertEquals(1, a.atp(s, STORE, APP));
            }
            Hold confirmed = a.confirm(IdempotencyKey.of("c-1"), held.id());
            assertEquals(HoldStatus.CONFIRMED, confirmed.status());
            assertEquals(confirmed, a.confirm(IdempotencyKey.of("c-1"), held.id()), "a retried confirm replays");
            Hold fulfilled = a.fulfil(IdempotencyKey.of("f-1"), held.id(), 2, 1);
            assertEquals(1, fulfilled.lines().get(2).fulfilled(), "line 2 of the order is its part's line");
            assertEquals(skus.get(3), fulfilled.lines().get(2).sku());
            assertEquals(0, fulfilled.lines().get(0).fulfilled());

            // a refused part releases the parts already held: nothing stays held
            b.hold(order("o-2", skus.get(3)));
            InsufficientStockException refused = assertThrows(InsufficientStockException.class,
                    () -> b.hold(order("o-3", skus.get(0), skus.get(3))));
            assertEquals(skus.get(3), refused.sku());
            assertEquals(1, a.atp(skus.get(0), STORE, APP), "the part held on another partition was released");

            // an order whose part expired cannot be confirmed: every part is released instead
            Hold late = b.hold(HoldRequest.builder(IdempotencyKey.of("o-4"), APP, Duration.ofMinutes(1))
                    .line(HoldLine.atNode(skus.get(0), STORE, 1)).line(HoldLine.atNode(skus.get(1), STORE, 1))
                    .build());
            CLOCK.advance(Duration.ofMinutes(2));
            b.expireDue();
            assertThrows(IllegalHoldStateException.class, () -> b.confirm(IdempotencyKey.of("c-4"), late.id()));
            assertEquals(1, a.atp(skus.get(0), STORE, APP));
            assertEquals(1, a.atp(skus.get(1), STORE, APP));

            // sweeps and snapshots cover every partition
            InventorySnapshot whole = b.snapshot();
            assertEquals(Set.copyOf(skus), whole.skus());
            assertTrue(whole.holds().size() >= 4 + 1, "every part of every order");

            // a kit must share its components' partition
            assertThrows(IllegalArgumentException.class, () -> b.defineKit(new Kit(Sku.of("KIT"),
                    Map.of(skus.get(0), 1, skus.get(1), 1))));
        }
    }

    @Test
    void aNewOwnerFencesTheOldOneAndAnswersRetriesFromTheChangelog() throws Exception {
        String bootstrap = Brokers.get().bootstrapServers();
        KafkaInventory.createTopics(bootstrap, "fence", 1, (short) 3);
        Sku milk = Sku.of("MILK");
        KafkaInventory first = KafkaInventory.builder().bootstrapServers(bootstrap).application("fence")
                .ownPartitions(Set.of(0)).build();
        InventoryEngine one = InventoryEngine.builder().clock(CLOCK).autoRegister(true).store(first.store()).build();
        one.receive(IdempotencyKey.of("grn"), milk, STORE, 10);
        int held = 0;
        Hold firstHold = null;
        for (int i = 0; i < 14; i++) {
            try {
                Hold h = one.hold(order("h-" + i, milk));
                firstHold = firstHold == null ? h : firstHold;
                held++;
            } catch (InsufficientStockException e) {
                assertEquals(0, e.available());
            }
        }
        assertEquals(10, held, "10 units, 14 asks: 10 held");
        try (KafkaInventory second = KafkaInventory.builder().bootstrapServers(bootstrap).application("fence")
                .ownPartitions(Set.of(0)).build()) {
            InventoryEngine two = InventoryEngine.builder().clock(CLOCK).autoRegister(true).store(second.store())
                    .build();
            assertEquals(firstHold, two.hold(order("h-0", milk)), "a retry is answered from the changelog");
            assertEquals(0, two.atp(milk, STORE, APP), "never oversold across owners");
            assertEquals(0, one.atp(milk, STORE, APP), "the old instance's calls reach the new owner");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!first.ownedPartitions().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(Set.of(), first.ownedPartitions(), "the fenced owner gave the partition up");
            assertEquals(Set.of(0), second.ownedPartitions());
        } finally {
            first.close();
        }
    }
}
