package io.github.omniretail.spring;

import io.github.omniretail.loyalty.spi.ConsentReplica;
import io.github.omniretail.loyalty.spi.ConsentStore;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The actuator's {@code omniretail} health: the store kind; for database stores whether each component's schema
 * is at the version this code needs (DOWN if not: run the migration), and each outbox's backlog for the relay's
 * consumer (DOWN above {@code omniretail.outbox.max-backlog}: events are not reaching the application), and a consent
 * replica's lag (DOWN while it fails closed: no member is marketed to until it reads the log again). Thread-safe.
 */
public final class OmniRetailHealthIndicator extends AbstractHealthIndicator {

    private final OmniRetailStores stores;
    private final String consumer;
    private final long maxBacklog;
    private final @Nullable ConsentStore consents;

    /**
     * @param stores non-null stores
     * @param properties non-null settings
     * @param consents the consent store, or null
     */
    public OmniRetailHealthIndicator(OmniRetailStores stores, OmniRetailProperties properties,
            @Nullable ConsentStore consents) {
        super("OmniRetail health check failed");
        this.stores = stores;
        this.consents = consents;
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
        if (consents instanceof ConsentReplica replica) {
            boolean closed = replica.failingClosed();
            builder.withDetail("consent", Map.of("lagMillis", replica.lag().toMillis(), "failingClosed", closed));
            up &= !closed;
        }
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
