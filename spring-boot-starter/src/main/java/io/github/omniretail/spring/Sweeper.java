package io.github.omniretail.spring;

import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.loyalty.PointsLedger;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the engines' periodic sweeps every {@code omniretail.sweep.interval}: unpaid orders past their payment
 * window ({@link Checkout#expireDue()}), expired holds ({@link InventoryEngine#expireDue()}), points falling due
 * ({@link PointsLedger#expireDue()}). Correctness never depends on it — every call applies what is due on what it
 * touches — but stock and points come back sooner. A failed sweep is logged and tried again next time. One daemon
 * thread from {@link #start()} to {@link #stop()}. Thread-safe.
 */
public final class Sweeper implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    private final InventoryEngine inventory;
    private final PointsLedger ledger;
    private final Checkout checkout;
    private final Duration interval;
    private volatile ScheduledExecutorService executor;

    /**
     * @param inventory non-null inventory engine
     * @param ledger non-null points ledger
     * @param checkout non-null checkout
     * @param interval positive pause between sweeps
     * @throws IllegalArgumentException for a non-positive interval
     */
    public Sweeper(InventoryEngine inventory, PointsLedger ledger, Checkout checkout, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("omniretail.sweep.interval must be positive, was " + interval);
        }
        this.inventory = inventory;
        this.ledger = ledger;
        this.checkout = checkout;
        this.interval = interval;
    }

    /** Runs every sweep once, now (what the schedule does). */
    public void sweep() {
        try {
            int orders = checkout.expireDue();
            int holds = inventory.expireDue();
            int members = ledger.expireDue();
            if (orders + holds + members > 0) {
                LOG.debug("swept: {} unpaid orders, {} holds, {} members with points due", orders, holds, members);
            }
        } catch (RuntimeException e) {
            LOG.warn("sweep failed, trying again in {}: {}", interval, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "omniretail-sweeper");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current != null) {
            current.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
