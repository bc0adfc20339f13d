package io.github.omniretail.testkit.stored;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Lot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stored engines do not keep lots yet: a lot receipt is refused (nothing changes) rather than lost, a named lot is
 * never there, and a first-in-first-out line survives a reload (its retry is the same hold).
 */
class StoredLotsTest {

    static final Sku MILK = Sku.of("MILK");
    static final NodeId STORE = NodeId.of("ST-01");
    static final Channel APP = Channel.of("app", ChannelKind.APP);

    @Test
    void lotsAreRefusedRatherThanLostAndLotPreferencesSurviveAReload() {
        InventoryEngine engine = InventoryEngine.builder().autoRegister(true)
                .store(InventoryEngine.storedIn(new MapInventoryStorage(0), GroupCommit.DEFAULTS)).build();
        engine.receive(IdempotencyKey.of("r-1"), MILK, STORE, 5);
        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class, () ->
                engine.receive(IdempotencyKey.of("r-2"), MILK, STORE, Lot.withoutExpiry("L1"), 3));
        assertTrue(refused.getMessage().contains("lots are not yet kept"), refused.getMessage());
        assertEquals(5, engine.position(MILK, STORE).onHand());
        assertEquals(List.of(), engine.lots(MILK, STORE));
        assertThrows(InsufficientStockException.class, () -> engine.hold(HoldRequest.builder(IdempotencyKey.of(
                "h-0"), APP, Duration.ofMinutes(5)).line(HoldLine.atNode(MILK, STORE, 1).fromLot("L1")).build()));
        HoldRequest fifo = HoldRequest.builder(IdempotencyKey.of("h-1"), APP, Duration.ofMinutes(5))
                .line(HoldLine.atNode(MILK, STORE, 2).firstIn()).build();
        Hold first = engine.hold(fifo);
        assertEquals(first, engine.hold(fifo), "the retry reads the stored hold back with its FIFO line");
        assertEquals(0, engine.expireLots());
    }
}
