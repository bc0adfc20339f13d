package io.github.omniretail.spring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes every committed event of the database stores' outboxes to the {@link ApplicationEventPublisher}, so
 * {@code @EventListener} methods receive {@code StockEvent}s and {@code PointsEvent}s as they would in memory — at
 * least once, in commit order per SKU or member, each on one instance of the service (the consumer's position is
 * shared in the database). A listener that throws rolls its delivery back: the events come again on the next poll.
 * Runs on one daemon thread from {@link #start()} to {@link #stop()}; polls again at once while events keep coming
 * and waits {@code omniretail.outbox.interval} when the outbox is empty or a delivery failed. Thread-safe.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final OmniRetailStores stores;
    private final ApplicationEventPublisher publisher;
    private final String consumer;
    private final int batchSize;
    private final Duration interval;
    private final Map<String, Long> backlog = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService executor;
    /** When the backlog was last counted (nanoTime); counted at most once an interval, not once a poll. */
    private long backlogAt = Long.MIN_VALUE;

    /**
     * @param stores non-null stores with outboxes
     * @param publisher non-null where events go
     * @param properties non-null settings ({@code omniretail.outbox.*})
     * @throws IllegalArgumentException for a batch size outside 1..10,000 or a non-positive interval
     */
    public OutboxRelay(OmniRetailStores stores, ApplicationEventPublisher publisher, OmniRetailProperties properties) {
        this.stores = stores;
        this.publisher = publisher;
        OmniRetailProperties.Outbox o = properties.getOutbox();
        if (o.getBatchSize() < 1 || o.getBatchSize() > 10_000) {
            throw new IllegalArgumentException("omniretail.outbox.batch-size must be 1..10000, was " + o.getBatchSize());
        }
        if (o.getInterval().isNegative() || o.getInterval().isZero()) {
            throw new IllegalArgumentException("omniretail.outbox.interval must be positive, was " + o.getInterval());
        }
        this.consumer = o.getConsumer();
        this.batchSize = o.getBatchSize();
        this.interval = o.getInterval();
    }

    /**
     * Delivers what is waiting now, every outbox once (what a poll does; for tests and manual drains).
     *
     * @return events published
     */
    public int deliverOnce() {
        int total = 0;
        for (String name : stores.outboxNames()) {
            OmniRetailStores.Outbox outbox = stores.outboxes().get(name);
            total += outbox.deliver(consumer, batchSize, publisher::publishEvent);
        }
        return total;
    }

    /**
     * The backlog each outbox had when the relay last counted it (at most one interval ago while it runs; cheap: no
     * query).
     *
     * @return per component, events not yet delivered
     */
    public Map<String, Long> lastBacklog() {
        return Map.copyOf(backlog);
    }

    private void poll() {
        int delivered = 0;
        try {
            delivered = deliverOnce();
            long now = System.nanoTime();
            // a count per poll would double the relay's queries while it catches up
            if (backlogAt == Long.MIN_VALUE || now - backlogAt >= interval.toNanos()) {
                for (String name : stores.outboxNames()) {
                    backlog.put(name, stores.outboxes().get(name).backlog(consumer));
                }
                backlogAt = now;
            }
        } catch (RuntimeException e) {
            LOG.warn("outbox relay {}: delivery failed, retrying in {}: {}", consumer, interval, e.toString());
        }
        ScheduledExecutorService current = executor;
        if (current != null && !current.isShutdown()) {
            current.schedule(this::poll, delivered > 0 ? 0 : interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "omniretail-outbox-relay");
            t.setDaemon(true);
            return t;
        });
        executor.execute(this::poll);
        LOG.info("outbox relay {} started for {}", consumer, List.copyOf(stores.outboxNames()));
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current != null) {
            current.shutdown();
            try {
                if (!current.awaitTermination(10, TimeUnit.SECONDS)) {
                    current.shutdownNow();
                }
            } catch (InterruptedException e) {
                current.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
