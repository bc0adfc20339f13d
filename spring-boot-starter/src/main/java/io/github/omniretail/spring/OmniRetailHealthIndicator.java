package io.github.omniretail.spring;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The actuator's {@code omniretail} health: the store kind; for database stores whether each component's schema
 * is at the version this code needs (DOWN if not: run the migration), and each outbox's backlog for the relay's
 * consumer (DOWN above {@code omniretail.outbox.max-backlog}: events are not reaching the application). Thread-safe.
 */
public final class OmniRetailHealthIndicator extends AbstractHealthIndicator {

    private final OmniRetailStores stores;
    private final String consumer;
    private final long maxBacklog;

    /**
     * @param stores non-null stores
     * @param properties non-null settings
     */
    public OmniRetailHealthIndicator(OmniRetailStores stores, OmniRetailProperties properties) {
        super("OmniRetail health check failed");
        this.stores = stores;
        this.consumer = properties.getOutbox().getConsumer();
        this.maxBacklog = properties.getOutbox().getMaxBacklog();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean up = true;
        builder.withDetail("store", stores.kind().name().toLowerCase(java.util.Locale.ROOT));
        Map<String, String> schemas = new TreeMap<>();
        for (Map.Entry<String, BooleanSupplier> e : stores.schemas().entrySet()) {
            boolean current = e.getValue().getAsBoolean();
            schemas.put(e.getKey(), current ? "current" : "not current: migrate");
            up &= current;
        }
        if (!schemas.isEmpty()) {
            builder.withDetail("schema", schemas);
        }
        Map<String, Long> backlog = new TreeMap<>();
        for (String name : stores.outboxNames()) {
            long waiting = stores.outboxes().get(name).backlog(consumer);
            backlog.put(name, waiting);
            up &= waiting <= maxBacklog;
        }
        if (!backlog.isEmpty()) {
            builder.withDetail("outboxBacklog", backlog).withDetail("outboxConsumer", consumer);
        }
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
