package io.github.omniretail.spring;

import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.TierPolicy;
import io.github.omniretail.loyalty.spi.ConsentReplica;
import io.github.omniretail.loyalty.spi.ConsentStore;
import io.github.omniretail.micrometer.OmniRetailMetrics;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.PricingRules;
import io.github.omniretail.routing.RoutingEngine;
import io.github.omniretail.routing.RoutingPolicy;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot auto-configuration of OmniRetail: the stores ({@code omniretail.store}: memory by default, or
 * PostgreSQL or MySQL on the application's {@code DataSource}, migrated at start-up), the inventory, routing,
 * pricing and loyalty engines, the checkout over them, the {@link Clock}, events on the
 * {@link ApplicationEventPublisher} (from the engines in memory; from the outbox relay with a database), the sweeps,
 * an actuator health indicator and Micrometer metrics when those are on the class path. Every bean backs off when
 * the application declares one of its type; {@link OmniRetailCustomizer} beans adjust the builders.
 *
 * <p>Routing nodes are the application's {@link FulfillmentNode} beans; pricing rules its {@link PricingRules} bean
 * (empty rules in {@code omniretail.currency} otherwise); {@link LoyaltyRules}, {@link TierPolicy} and a default
 * {@link RoutingPolicy} are used when declared.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration"})
@EnableConfigurationProperties(OmniRetailProperties.class)
public class OmniRetailAutoConfiguration {

    /** @return the system clock in UTC, unless the application has a {@link Clock} bean */
    @Bean
    @ConditionalOnMissingBean
    public Clock omniRetailClock() {
        return Clock.systemUTC();
    }

    /**
     * @param properties settings
     * @param dataSource the application's data source, needed for a database store
     * @param resources the application's class loader, asked whether the store's artifact is present
     * @return the stores {@code omniretail.store} names, migrated if {@code omniretail.migrate}
     * @throws IllegalStateException naming what is missing for a database store
     */
    @Bean
    @ConditionalOnMissingBean
    public OmniRetailStores omniRetailStores(OmniRetailProperties properties, ObjectProvider<DataSource> dataSource,
            org.springframework.core.io.ResourceLoader resources) {
        StoreKind kind = properties.getStore();
        if (kind == StoreKind.MEMORY) {
            return OmniRetailStores.inMemory();
        }
        String module = kind == StoreKind.POSTGRES ? "omniretail-postgres" : "omniretail-mysql";
        String anchor = kind == StoreKind.POSTGRES ? "io.github.omniretail.postgres.PostgresInventoryStore"
                : "io.github.omniretail.mysql.MySqlInventoryStore";
        if (!org.springframework.util.ClassUtils.isPresent(anchor, resources.getClassLoader())) {
            throw new IllegalStateException("omniretail.store=" + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs io.github.omniretail:" + module + " on the class path");
        }
        DataSource source = dataSource.getIfUnique();
        if (source == null) {
            throw new IllegalStateException("omniretail.store=" + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs exactly one DataSource bean (spring.datasource.* or your own)");
        }
        return kind == StoreKind.POSTGRES ? PostgresStores.create(source, properties)
                : MySqlStores.create(source, properties);
    }

    /**
     * @param stores the stores
     * @param clock the clock
     * @param properties settings
     * @param publisher where events go (in memory)
     * @param metrics metrics, if configured
     * @param customizers builder adjustments
     * @return the inventory engine
     */
    @Bean
    @ConditionalOnMissingBean
    public InventoryEngine inventoryEngine(OmniRetailStores stores, Clock clock, OmniRetailProperties properties,
            ApplicationEventPublisher publisher, ObjectProvider<OmniRetailMetrics> metrics,
            ObjectProvider<OmniRetailCustomizer> customizers) {
        InventoryEngine.Builder b = InventoryEngine.builder().store(stores.inventory()).clock(clock)
                .autoRegister(properties.isAutoRegister());
        if (stores.kind() == StoreKind.MEMORY) {
            b.eventSink(publisher::publishEvent);
        }
        OmniRetailMetrics m = metrics.getIfAvailable();
        if (m != null) {
            b.batchListener(m.batches("inventory"));
        }
        customizers.orderedStream().forEach(c -> c.inventory(b));
        InventoryEngine engine = b.build();
        return m == null ? engine : m.inventory(engine);
    }

    /**
     * @param inventory the inventory engine
     * @param clock the clock
     * @param publisher where routing events go
     * @param nodes the application's fulfilment nodes
     * @param policy the application's default routing policy, if any
     * @param metrics metrics, if configured
     * @param customizers builder adjustments
     * @return the routing engine
     */
    @Bean
    @ConditionalOnMissingBean
    public RoutingEngine routingEngine(InventoryEngine inventory, Clock clock, ApplicationEventPublisher publisher,
            ObjectProvider<FulfillmentNode> nodes, ObjectProvider<RoutingPolicy> policy,
            ObjectProvider<OmniRetailMetrics> metrics, ObjectProvider<OmniRetailCustomizer> customizers) {
        RoutingEngine.Builder b = RoutingEngine.builder(inventory.stockView()).clock(clock)
                .nodes(nodes.orderedStream().toList()).eventSink(publisher::publishEvent);
        policy.ifUnique(b::defaultPolicy);
        customizers.orderedStream().forEach(c -> c.routing(b));
        RoutingEngine engine = b.build();
        OmniRetailMetrics m = metrics.getIfAvailable();
        return m == null ? engine : m.routing(engine);
    }

    /**
     * @param properties settings
     * @return empty pricing rules in {@code omniretail.currency}, until the application declares its own
     */
    @Bean
    @ConditionalOnMissingBean
    public PricingRules omniRetailPricingRules(OmniRetailProperties properties) {
        return PricingRules.builder("default", properties.getCurrency()).build();
    }

    /**
     * @param rules the pricing rules
     * @param clock the clock
     * @param metrics metrics, if configured
     * @param customizers builder adjustments
     * @return the pricing engine
     */
    @Bean
    @ConditionalOnMissingBean
    public PricingEngine pricingEngine(PricingRules rules, Clock clock, ObjectProvider<OmniRetailMetrics> metrics,
            ObjectProvider<OmniRetailCustomizer> customizers) {
        PricingEngine.Builder b = PricingEngine.builder().clock(clock).rules(rules);
        customizers.orderedStream().forEach(c -> c.pricing(b));
        PricingEngine engine = b.build();
        OmniRetailMetrics m = metrics.getIfAvailable();
        return m == null ? engine : m.pricing(engine);
    }

    /**
     * @param stores the stores
     * @param clock the clock
     * @param publisher where events go (in memory)
     * @param rules the application's loyalty rules, if any
     * @param tiers the application's tier policy, if any
     * @param metrics metrics, if configured
     * @param customizers builder adjustments
     * @return the points ledger
     */
    @Bean
    @ConditionalOnMissingBean
    public PointsLedger pointsLedger(OmniRetailStores stores, Clock clock, ApplicationEventPublisher publisher,
            ObjectProvider<LoyaltyRules> rules, ObjectProvider<TierPolicy> tiers,
            ObjectProvider<OmniRetailMetrics> metrics, ObjectProvider<OmniRetailCustomizer> customizers) {
        PointsLedger.Builder b = PointsLedger.builder().store(stores.ledger()).clock(clock);
        if (stores.kind() == StoreKind.MEMORY) {
            b.eventSink(publisher::publishEvent);
        }
        rules.ifUnique(b::rules);
        tiers.ifUnique(b::tiers);
        OmniRetailMetrics m = metrics.getIfAvailable();
        if (m != null) {
            b.batchListener(m.batches("loyalty"));
        }
        customizers.orderedStream().forEach(c -> c.ledger(b));
        PointsLedger ledger = b.build();
        return m == null ? ledger : m.ledger(ledger);
    }

    /**
     * Marketing consent decisions: in memory, or on a database a {@link ConsentReplica} of the ledger store's
     * consent log (closed with the context), so that every instance answers {@code allows} from memory and sees
     * the others' decisions within {@code omniretail.consent.poll-every}.
     *
     * @param stores the stores
     * @param clock the clock
     * @param properties settings
     * @return the consent store
     */
    @Bean
    @ConditionalOnMissingBean
    public ConsentStore omniRetailConsentStore(OmniRetailStores stores, Clock clock, OmniRetailProperties properties) {
        return stores.consentLog().<ConsentStore>map(log -> ConsentReplica.builder(log).clock(clock)
                .pollEvery(properties.getConsent().getPollEvery())
                .failClosedAfter(properties.getConsent().getFailClosedAfter()).start())
                .orElseGet(ConsentStore::inMemory);
    }

    /**
     * @param store the consent store
     * @param clock the clock stamping decisions
     * @return the consent registry treatments, location offers and profiles use
     */
    @Bean
    @ConditionalOnMissingBean
    public ConsentRegistry consentRegistry(ConsentStore store, Clock clock) {
        return ConsentRegistry.of(store, clock);
    }

    /**
     * @param inventory the inventory engine
     * @param routing the routing engine
     * @param pricing the pricing engine
     * @param ledger the points ledger
     * @param stores the stores
     * @param clock the clock
     * @param properties settings
     * @param publisher where checkout events go
     * @param metrics metrics, if configured
     * @param customizers builder adjustments
     * @return the checkout
     */
    @Bean
    @ConditionalOnMissingBean
    public Checkout checkout(InventoryEngine inventory, RoutingEngine routing, PricingEngine pricing,
            PointsLedger ledger, OmniRetailStores stores, Clock clock, OmniRetailProperties properties,
            ApplicationEventPublisher publisher, ObjectProvider<OmniRetailMetrics> metrics,
            ObjectProvider<OmniRetailCustomizer> customizers) {
        Checkout.Builder b = Checkout.builder(inventory, routing, pricing).ledger(ledger).store(stores.orders())
                .clock(clock).zone(properties.getZone()).paymentWindow(properties.getPaymentWindow())
                .events(publisher::publishEvent);
        customizers.orderedStream().forEach(c -> c.checkout(b));
        Checkout checkout = b.build();
        OmniRetailMetrics m = metrics.getIfAvailable();
        return m == null ? checkout : m.checkout(checkout);
    }

    /**
     * @param stores the stores (with outboxes: a database)
     * @param publisher where events go
     * @param properties settings
     * @return the relay, started and stopped with the context
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "omniretail.outbox.enabled", matchIfMissing = true)
    public OutboxRelay omniRetailOutboxRelay(OmniRetailStores stores, ApplicationEventPublisher publisher,
            OmniRetailProperties properties) {
        return new OutboxRelay(stores, publisher, properties);
    }

    /**
     * @param inventory the inventory engine
     * @param ledger the points ledger
     * @param checkout the checkout
     * @param properties settings
     * @return the sweeps, started and stopped with the context
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "omniretail.sweep.enabled", matchIfMissing = true)
    public Sweeper omniRetailSweeper(InventoryEngine inventory, PointsLedger ledger, Checkout checkout,
            OmniRetailProperties properties) {
        return new Sweeper(inventory, ledger, checkout, properties.getSweep().getInterval());
    }

    /** The actuator health indicator, when the actuator is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {

        /**
         * @param stores the stores
         * @param properties settings
         * @return the {@code omniretail} health indicator
         */
        @Bean
        @ConditionalOnMissingBean(name = "omniRetailHealthIndicator")
        OmniRetailHealthIndicator omniRetailHealthIndicator(OmniRetailStores stores, OmniRetailProperties properties,
                ObjectProvider<ConsentStore> consents) {
            return new OmniRetailHealthIndicator(stores, properties, consents.getIfUnique());
        }
    }

    /** Micrometer metrics, when Micrometer, {@code omniretail-micrometer} and a registry are present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.micrometer.core.instrument.MeterRegistry",
            "io.github.omniretail.micrometer.OmniRetailMetrics"})
    @ConditionalOnProperty(name = "omniretail.metrics.enabled", matchIfMissing = true)
    static class Metrics {

        /**
         * @param registry the application's meter registry
         * @param observations the application's observation registry, if any
         * @param properties settings
         * @param stores the stores (their outbox backlogs become gauges)
         * @param relay the outbox relay, if running (its last backlog is read; no query per scrape)
         * @param consents the consent store (a replica's lag becomes a gauge)
         * @return the metrics the engine beans are wrapped with
         */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(io.micrometer.core.instrument.MeterRegistry.class)
        OmniRetailMetrics omniRetailMetrics(io.micrometer.core.instrument.MeterRegistry registry,
                ObjectProvider<io.micrometer.observation.ObservationRegistry> observations,
                OmniRetailProperties properties, OmniRetailStores stores, ObjectProvider<OutboxRelay> relay,
                ObjectProvider<ConsentStore> consents) {
            OmniRetailMetrics.Builder b = OmniRetailMetrics.builder(registry)
                    .sampleOneIn(properties.getMetrics().getSampleOneIn());
            observations.ifUnique(b::observations);
            OmniRetailMetrics metrics = b.build();
            for (String name : stores.outboxNames()) {
                metrics.outboxBacklog(name, () -> {
                    OutboxRelay r = relay.getIfAvailable();
                    return r == null ? 0 : r.lastBacklog().getOrDefault(name, 0L);
                });
            }
            if (consents.getIfUnique() instanceof ConsentReplica replica) {
                metrics.consent(replica);
            }
            return metrics;
        }
    }
}
