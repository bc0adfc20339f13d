package io.github.omniretail.spring;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code omniretail.*} settings of the auto-configuration. Mutable JavaBean, bound once at start-up by Spring.
 */
@ConfigurationProperties(prefix = "omniretail")
public class OmniRetailProperties {

    /** Where the engines keep their state: memory (one instance), postgres or mysql (needs a DataSource bean). */
    private StoreKind store = StoreKind.MEMORY;

    /**
     * The PostgreSQL schema or the MySQL database holding the tables; empty for the default ({@code public}, or the
     * JDBC URL's database).
     */
    private String schema = "";

    /** Whether to create or upgrade the tables at start-up (idempotent; safe from many instances at once). */
    private boolean migrate = true;

    /** The business time zone: an order's day, daily capacity and payment deadlines are counted in it. */
    private ZoneId zone = ZoneId.of("Asia/Shanghai");

    /** The currency of the default (empty) pricing rules, used until the application declares a PricingRules bean. */
    private Currency currency = Currency.getInstance("CNY");

    /** Whether SKUs and nodes are registered on first use instead of refused as unknown. */
    private boolean autoRegister = false;

    /** How long a placed order may stay unpaid before the checkout's sweep expires it and frees its stock. */
    private Duration paymentWindow = Duration.ofMinutes(15);

    private final Outbox outbox = new Outbox();
    private final Consent consent = new Consent();
    private final Sweep sweep = new Sweep();
    private final Metrics metrics = new Metrics();

    /** @return where the engines keep their state */
    public StoreKind getStore() {
        return store;
    }

    /** @param store where the engines keep their state */
    public void setStore(StoreKind store) {
        this.store = store;
    }

    /** @return the schema or database, or empty for the default */
    public String getSchema() {
        return schema;
    }

    /** @param schema the schema or database, or empty for the default */
    public void setSchema(String schema) {
        this.schema = schema;
    }

    /** @return whether to migrate at start-up */
    public boolean isMigrate() {
        return migrate;
    }

    /** @param migrate whether to migrate at start-up */
    public void setMigrate(boolean migrate) {
        this.migrate = migrate;
    }

    /** @return the business time zone */
    public ZoneId getZone() {
        return zone;
    }

    /** @param zone the business time zone */
    public void setZone(ZoneId zone) {
        this.zone = zone;
    }

    /** @return the currency of the default pricing rules */
    public Currency getCurrency() {
        return currency;
    }

    /** @param currency the currency of the default pricing rules */
    public void setCurrency(Currency currency) {
        this.currency = currency;
    }

    /** @return whether SKUs and nodes are registered on first use */
    public boolean isAutoRegister() {
        return autoRegister;
    }

    /** @param autoRegister whether SKUs and nodes are registered on first use */
    public void setAutoRegister(boolean autoRegister) {
        this.autoRegister = autoRegister;
    }

    /** @return how long a placed order may stay unpaid */
    public Duration getPaymentWindow() {
        return paymentWindow;
    }

    /** @param paymentWindow how long a placed order may stay unpaid */
    public void setPaymentWindow(Duration paymentWindow) {
        this.paymentWindow = paymentWindow;
    }

    /** @return the outbox relay's settings */
    public Outbox getOutbox() {
        return outbox;
    }

    /** @return the consent replica's settings */
    public Consent getConsent() {
        return consent;
    }

    /** @return the sweeps' settings */
    public Sweep getSweep() {
        return sweep;
    }

    /** @return the metrics' settings */
    public Metrics getMetrics() {
        return metrics;
    }

    /** The outbox relay (database stores only): committed events to the ApplicationEventPublisher. */
    public static class Outbox {

        /** Whether to run the relay; it publishes every committed inventory and points event to the application. */
        private boolean enabled = true;

        /** The relay's consumer name: its position is kept in the database, shared by every instance. */
        private String consumer = "spring-application-events";

        /** The pause between polls when the outbox was empty. */
        private Duration interval = Duration.ofMillis(500);

        /** Events delivered per transaction, 1..10,000. */
        private int batchSize = 500;

        /** Events not yet delivered above which the health indicator reports DOWN. */
        private long maxBacklog = 100_000;

        /** @return whether to run the relay */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether to run the relay */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the consumer name */
        public String getConsumer() {
            return consumer;
        }

        /** @param consumer the consumer name */
        public void setConsumer(String consumer) {
            this.consumer = consumer;
        }

        /** @return the pause between polls of an empty outbox */
        public Duration getInterval() {
            return interval;
        }

        /** @param interval the pause between polls of an empty outbox */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /** @return events per transaction */
        public int getBatchSize() {
            return batchSize;
        }

        /** @param batchSize events per transaction */
        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        /** @return the backlog above which health is DOWN */
        public long getMaxBacklog() {
            return maxBacklog;
        }

        /** @param maxBacklog the backlog above which health is DOWN */
        public void setMaxBacklog(long maxBacklog) {
            this.maxBacklog = maxBacklog;
        }
    }

    /** The consent replica (database stores only): every instance's view of the shared consent log. */
    public static class Consent {

        /** How often the log is read for decisions recorded through other instances. */
        private Duration pollEvery = Duration.ofSeconds(1);

        /** How long without a good read of the log before no member is marketed to (health DOWN meanwhile). */
        private Duration failClosedAfter = Duration.ofSeconds(60);

        /** @return how often the log is read */
        public Duration getPollEvery() {
            return pollEvery;
        }

        /** @param pollEvery how often the log is read */
        public void setPollEvery(Duration pollEvery) {
            this.pollEvery = pollEvery;
        }

        /** @return how long without a good read before failing closed */
        public Duration getFailClosedAfter() {
            return failClosedAfter;
        }

        /** @param failClosedAfter how long without a good read before failing closed */
        public void setFailClosedAfter(Duration failClosedAfter) {
            this.failClosedAfter = failClosedAfter;
        }
    }

    /** The periodic sweeps: expired holds, unpaid orders, points falling due. */
    public static class Sweep {

        /** Whether to run the sweeps (correctness never depends on them; they free stock and points sooner). */
        private boolean enabled = true;

        /** The pause between sweeps. */
        private Duration interval = Duration.ofSeconds(30);

        /** @return whether to run the sweeps */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether to run the sweeps */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the pause between sweeps */
        public Duration getInterval() {
            return interval;
        }

        /** @param interval the pause between sweeps */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    /** Micrometer metrics (when a MeterRegistry bean exists). */
    public static class Metrics {

        /** Whether to instrument the engines. */
        private boolean enabled = true;

        /** Latency timers time one call in this many (counters count every call); 1..1024. */
        private int sampleOneIn = 8;

        /** @return whether to instrument the engines */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether to instrument the engines */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return one call in this many is timed */
        public int getSampleOneIn() {
            return sampleOneIn;
        }

        /** @param sampleOneIn one call in this many is timed */
        public void setSampleOneIn(int sampleOneIn) {
            this.sampleOneIn = sampleOneIn;
        }
    }
}
