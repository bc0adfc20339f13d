package io.github.omniretail.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it: {@link #advance(Duration)} or {@link #set(Instant)}.
 *
 * <p>Hand it to engine builders in tests and simulations instead of the system clock. Clocks derived with
 * {@link #withZone(ZoneId)} share this clock's time, so moving one moves them all.
 *
 * <p>Thread-safe: reads and moves are atomic; many threads may read while one moves it.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * A clock standing at {@code instant}, in UTC.
     *
     * @param instant non-null starting instant
     * @return the clock
     */
    public static MutableClock at(Instant instant) {
        return at(instant, ZoneId.of("UTC"));
    }

    /**
     * A clock standing at {@code instant}, in {@code zone}.
     *
     * @param instant non-null starting instant
     * @param zone non-null zone
     * @return the clock
     */
    public static MutableClock at(Instant instant, ZoneId zone) {
        return new MutableClock(new AtomicReference<>(Objects.requireNonNull(instant, "instant")),
                Objects.requireNonNull(zone, "zone"));
    }

    /**
     * Moves the clock forward.
     *
     * @param amount non-null, non-negative duration
     * @return the new instant
     * @throws IllegalArgumentException if {@code amount} is negative (use {@link #set(Instant)} to go back)
     */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("advance takes a non-negative duration, was " + amount);
        }
        return now.updateAndGet(t -> t.plus(amount));
    }

    /**
     * Sets the clock to {@code instant}, forwards or backwards.
     *
     * @param instant non-null instant
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** @return a clock in {@code zone} that shares (and moves with) this clock's time */
    @Override
    public MutableClock withZone(ZoneId zone) {
        return new MutableClock(now, Objects.requireNonNull(zone, "zone"));
    }

    @Override
    public String toString() {
        return "MutableClock[" + now.get() + ", " + zone + "]";
    }
}
