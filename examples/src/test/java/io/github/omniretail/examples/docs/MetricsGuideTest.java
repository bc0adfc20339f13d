package io.github.omniretail.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.micrometer.OmniRetailMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The code shown in docs/metrics.md, compiled and run. */
class MetricsGuideTest {

    @Test
    void instrumentedEngines() {
        MeterRegistry meterRegistry = new SimpleMeterRegistry();
        ObservationRegistry observationRegistry = ObservationRegistry.create();
        Clock clock = Clock.systemUTC();
        // snippet: metrics-wrap
        OmniRetailMetrics metrics = OmniRetailMetrics.builder(meterRegistry)
                .observations(observationRegistry)          // spans around the checkout's steps
                .sampleOneIn(8)                             // time one call in 8; count every call
                .build();
        InventoryEngine inventory = metrics.inventory(InventoryEngine.builder()
                .clock(clock).autoRegister(true)
                .batchListener(metrics.batches("inventory")) // batch sizes and commit latency (stored engines)
                .build());
        // use `inventory` everywhere: the view records each call and passes it through unchanged
        // end-snippet
        inventory.receive(IdempotencyKey.of("g1"), Sku.of("TEA-1"), NodeId.of("ST-1"), 5);
        inventory.hold(HoldRequest.builder(IdempotencyKey.of("h1"), Channel.of("app", ChannelKind.APP),
                Duration.ofMinutes(5)).line(HoldLine.atNode(Sku.of("TEA-1"), NodeId.of("ST-1"), 2)).build());
        assertEquals(1, meterRegistry.get("omniretail.inventory.holds").tags("channel", "APP", "outcome", "held")
                .counter().count());
    }
}
