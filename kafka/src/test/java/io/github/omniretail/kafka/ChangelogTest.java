package io.github.omniretail.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.omniretail.inventory.spi.StoredOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangelogTest {

    @Test
    void theLatestImageOfAKeyWinsAndATombstoneRemovesIt() {
        StoredOutcome first = new StoredOutcome("k-1", "{}", false, "{\"v\":1}", Instant.parse("2026-12-07T00:00:00Z"));
        StoredOutcome second = new StoredOutcome("k-2", "{}", false, "{\"v\":2}", Instant.parse("2026-12-07T00:00:01Z"));
        List<Changelog.Entry> log = new java.util.ArrayList<>(Changelog.records(new Changes(java.util.Optional.empty(),
                List.of(), List.of(), List.of(), List.of(first, second), List.of(), List.of(), List.of(),
                Map.of("hold", 7L))));
        log.addAll(Changelog.records(Changes.removed(List.of("k-1"), List.of())));
        Changes state = Changelog.read(log);
        assertEquals(List.of(second), state.outcomes());
        assertEquals(List.of("k-1"), state.removedOutcomes());
        assertEquals(Map.of("hold", 7L), state.sequences());
    }

    @Test
    void anUnknownKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Changelog.read(List.of(new Changelog.Entry("lot:1",
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    }
}
