package io.github.omniretail.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void standsStillUntilMoved() {
        MutableClock clock = MutableClock.at(T0);
        assertEquals(T0, clock.instant());
        assertEquals(T0, clock.instant());
        assertEquals(T0.plusSeconds(90), clock.advance(Duration.ofSeconds(90)));
        assertEquals(T0.plusSeconds(90).toEpochMilli(), clock.millis());
        clock.set(T0.minusSeconds(5));
        assertEquals(T0.minusSeconds(5), clock.instant());
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    }

    @Test
    void zonedViewsShareTheTime() {
        MutableClock utc = MutableClock.at(T0);
        MutableClock shanghai = utc.withZone(ZoneId.of("Asia/Shanghai"));
        assertEquals(LocalDateTime.of(2026, 11, 22, 20, 0), LocalDateTime.now(shanghai));
        utc.advance(Duration.ofHours(1));
        assertEquals(LocalDateTime.of(2026, 11, 22, 21, 0), LocalDateTime.now(shanghai));
        assertEquals(ZoneId.of("UTC"), utc.getZone());
    }

    @Test
    void concurrentAdvancesAreNotLost() throws InterruptedException {
        MutableClock clock = MutableClock.at(T0);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    clock.advance(Duration.ofMillis(1));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(T0.plusMillis(80_000), clock.instant());
    }
}
