package io.github.omniretail.examples.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The simulated time the demo's engines read: moved forward by the simulation, never backwards. Thread-safe
 * (a volatile instant), so the HTTP service can share it between handler threads.
 */
public final class SimulationClock extends Clock {

    private final ZoneId zone;
    private volatile Instant now;

    /**
     * @param start first instant; non-null
     * @param zone the zone {@link #getZone()} reports; non-null
     */
    public SimulationClock(Instant start, ZoneId zone) {
        this.now = Objects.requireNonNull(start, "start");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Moves the clock to {@code instant}.
     *
     * @param instant non-null, not before the current instant
     * @throws IllegalArgumentException if it would move backwards
     */
    public synchronized void moveTo(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("the simulation clock never moves backwards: " + now + " -> " + instant);
        }
        now = instant;
    }

    /**
     * Moves the clock to {@code instant} if that is later; otherwise leaves it (for clocks driven from several
     * threads).
     *
     * @param instant non-null
     */
    public synchronized void advanceTo(Instant instant) {
        if (instant.isAfter(now)) {
            now = instant;
        }
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        SimulationClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId again) {
                return self.withZone(again);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }
}
