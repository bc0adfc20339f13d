package io.github.omniretail.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InventoryEngineContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A partition's storage runs the whole inventory engine contract under the stored engine's kernel, and a new owner
 * rebuilt from the changes the old one committed decides exactly as the old one would have.
 */
class PartitionInventoryStorageTest extends InventoryEngineContract {

    @Override
    protected InventoryStore newStore() {
        return InventoryEngine.storedIn(new PartitionInventoryStorage(), GroupCommit.DEFAULTS);
    }

    @Test
    void aNewOwnerRebuiltFromTheChangelogContinuesWhereTheOldOneStopped() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T02:00:00Z"));
        Sku milk = Sku.of("MILK");
        NodeId store = NodeId.of("ST-1");
        Channel app = Channel.of("app", ChannelKind.APP);
        PartitionInventoryStorage old = new PartitionInventoryStorage();
        InventoryEngine first = InventoryEngine.builder().clock(clock).autoRegister(true)
                .store(InventoryEngine.storedIn(old, GroupCommit.DEFAULTS)).build();
        first.receive(IdempotencyKey.of("grn-1"), milk, store, 10);
        Hold held = first.hold(HoldRequest.builder(IdempotencyKey.of("h-1"), app, Duration.ofMinutes(15))
                .line(HoldLine.atNode(milk, store, 3)).build());
        Changes committed = old.takeChanges();
        assertTrue(!committed.events().isEmpty() && !committed.skus().isEmpty());
        assertTrue(old.takeChanges().isEmpty(), "taken once");

        PartitionInventoryStorage next = new PartitionInventoryStorage();
        // through the changelog's bytes, as a new owner reads them
        next.restore(List.of(Changelog.read(Changelog.records(committed))));
        InventoryEngine second = InventoryEngine.builder().clock(clock).autoRegister(true)
                .store(InventoryEngine.storedIn(next, GroupCommit.DEFAULTS)).build();
        assertEquals(first.position(milk, store), second.position(milk, store));
        assertEquals(held, second.hold(HoldRequest.builder(IdempotencyKey.of("h-1"), app, Duration.ofMinutes(15))
                .line(HoldLine.atNode(milk, store, 3)).build()), "a retried hold is answered from the changelog");
        Hold another = second.hold(HoldRequest.builder(IdempotencyKey.of("h-2"), app, Duration.ofMinutes(15))
                .line(HoldLine.atNode(milk, store, 2)).build());
        assertTrue(another.id().value() > held.id().value(), "ids continue past the old owner's");
        assertEquals(5, second.atp(milk, store, app));
    }

    @Test
    void theCatalogueAndTransfersSurviveTheChangelog() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T02:00:00Z"));
        Sku tea = Sku.of("TEA");
        NodeId dc = NodeId.of("DC");
        NodeId store = NodeId.of("ST-1");
        Channel app = Channel.of("app", ChannelKind.APP);
        PartitionInventoryStorage old = new PartitionInventoryStorage();
        InventoryEngine first = InventoryEngine.builder().clock(clock).autoRegister(true)
                .store(InventoryEngine.storedIn(old, GroupCommit.DEFAULTS)).build();
        first.receive(IdempotencyKey.of("grn-1"), tea, dc, 40);
        first.registerNode(store);
        first.definePool(io.github.omniretail.inventory.PoolId.of("city"), java.util.Set.of(dc, store));
        first.setChannelRules(store, List.of(io.github.omniretail.inventory.ChannelRule.ringFence(
                io.github.omniretail.inventory.ChannelSelector.kind(ChannelKind.STORE_POS), 2)));
        var transfer = first.dispatchTransfer(IdempotencyKey.of("t-1"), tea, dc, store, 12);
        List<Changelog.Entry> log = new java.util.ArrayList<>(Changelog.records(old.takeChanges()));
        first.receiveTransfer(IdempotencyKey.of("t-1-in"), transfer.id(), 12);
        log.addAll(Changelog.records(old.takeChanges()));

        PartitionInventoryStorage next = new PartitionInventoryStorage();
        next.restore(List.of(Changelog.read(log)));
        InventoryEngine second = InventoryEngine.builder().clock(clock).autoRegister(true)
                .store(InventoryEngine.storedIn(next, GroupCommit.DEFAULTS)).build();
        assertEquals(first.position(tea, dc), second.position(tea, dc));
        assertEquals(first.position(tea, store), second.position(tea, store));
        assertEquals(first.transfer(transfer.id()), second.transfer(transfer.id()));
        assertEquals(first.channelRules(store), second.channelRules(store));
        assertEquals(first.atp(tea, io.github.omniretail.inventory.PoolId.of("city"), app),
                second.atp(tea, io.github.omniretail.inventory.PoolId.of("city"), app));
        assertEquals(first.receiveTransfer(IdempotencyKey.of("t-1-in"), transfer.id(), 12),
                second.receiveTransfer(IdempotencyKey.of("t-1-in"), transfer.id(), 12), "a retry answered as before");
    }
}
