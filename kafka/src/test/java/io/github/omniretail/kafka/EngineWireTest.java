package io.github.omniretail.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Kit;
import io.github.omniretail.inventory.SafetyStockPolicy;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Calls, results and failures survive the wire: what the owner's engine returns or throws, the caller gets. */
class EngineWireTest {
    static final EngineWire WIRE = EngineWire.of(InventoryEngine.class);

    @Test
    void argumentsAndResultsRoundTrip() throws Exception {
        Method hold = InventoryEngine.class.getMethod("hold", HoldRequest.class);
        HoldRequest request = HoldRequest.builder(IdempotencyKey.of("k"), KafkaInventoryTest.APP,
                Duration.ofMinutes(5)).line(HoldLine.atNode(Sku.of("A"), NodeId.of("N"), 2)).reference("cart").build();
        assertEquals(request, EngineWire.args(hold, EngineWire.args(hold, new Object[] {request}))[0]);
        assertEquals(WIRE.method(EngineWire.signature(hold)), hold);

        Method kit = InventoryEngine.class.getMethod("kit", Sku.class);
        assertEquals(Optional.empty(), EngineWire.result(kit, EngineWire.result(kit, Optional.empty())),
                "an empty optional stays an optional");
        Kit box = new Kit(Sku.of("BOX"), Map.of(Sku.of("A"), 1, Sku.of("B"), 2));
        assertEquals(Optional.of(box), EngineWire.result(kit, EngineWire.result(kit, Optional.of(box))));

        Method policy = InventoryEngine.class.getMethod("setSafetyStock", Sku.class, NodeId.class,
                SafetyStockPolicy.class);
        Object[] args = {Sku.of("A"), NodeId.of("N"), new SafetyStockPolicy.DaysOfCover(new BigDecimal("1.5"), 28)};
        assertEquals(args[2], EngineWire.args(policy, EngineWire.args(policy, args))[2]);
    }

    @Test
    void failuresKeepTheirTypeAndFields() {
        InsufficientStockException e = new InsufficientStockException(Sku.of("A"), Optional.of(NodeId.of("N")),
                Optional.empty(), io.github.omniretail.core.ChannelId.of("app"), 3, 1);
        InsufficientStockException back = (InsufficientStockException) EngineWire.failure(EngineWire.failure(e));
        assertEquals(e.getMessage(), back.getMessage());
        assertEquals(3, back.requested());
        assertEquals(1, back.available());
        assertThrows(IllegalArgumentException.class, () -> WIRE.method("noSuchMethod()"));
        assertEquals(HoldId.of(7), ((io.github.omniretail.inventory.UnknownHoldException) EngineWire.failure(
                EngineWire.failure(new io.github.omniretail.inventory.UnknownHoldException(HoldId.of(7))))).hold());
    }
}
