package io.github.omniretail.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.StockEvent;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.ConsentReplica;
import io.github.omniretail.loyalty.spi.ConsentStore;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.routing.RoutingEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** The auto-configuration in a bare application context: what it builds, what it backs off from, what it refuses. */
class OmniRetailAutoConfigurationTest {

    static final Sku TEA = Sku.of("TEA-1");
    static final NodeId STORE = NodeId.of("ST-1");
    static final Channel APP = Channel.of("app", ChannelKind.APP);

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OmniRetailAutoConfiguration.class));

    /** Collects the events the application sees. */
    static class Listener {
        final List<Object> events = new ArrayList<>();

        @EventListener
        void on(StockEvent event) {
            events.add(event);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class WithListener {
        @Bean
        Listener listener() {
            return new Listener();
        }
    }

    static void holdTea(InventoryEngine inventory, String key) {
        inventory.hold(HoldRequest.builder(IdempotencyKey.of(key), APP, Duration.ofMinutes(5))
                .line(HoldLine.atNode(TEA, STORE, 1)).build());
    }

    @Test
    void inMemoryByDefaultEveryEngineIsABeanAndEventsReachTheApplication() {
        runner.withUserConfiguration(WithListener.class).withPropertyValues("omniretail.auto-register=true")
                .run(context -> {
                    assertThat(context).hasSingleBean(InventoryEngine.class).hasSingleBean(RoutingEngine.class)
                            .hasSingleBean(PricingEngine.class).hasSingleBean(PointsLedger.class)
                            .hasSingleBean(Checkout.class).hasSingleBean(Clock.class).hasSingleBean(Sweeper.class)
                            .hasSingleBean(OmniRetailHealthIndicator.class).hasSingleBean(ConsentRegistry.class);
                    assertThat(context.getBean(ConsentStore.class)).isNotInstanceOf(ConsentReplica.class);
                    assertThat(context.getBean(OmniRetailStores.class).kind()).isEqualTo(StoreKind.MEMORY);
                    InventoryEngine inventory = context.getBean(InventoryEngine.class);
                    inventory.receive(IdempotencyKey.of("g1"), TEA, STORE, 3);
                    holdTea(inventory, "h1");
                    assertThat(context.getBean(Listener.class).events).hasSize(2)
                            .allMatch(e -> e instanceof StockEvent);
                    Health health = context.getBean(OmniRetailHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("store", "memory");
                    assertThat(context.getBean(Sweeper.class).isRunning()).isTrue();
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        static final Clock FIXED = Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC);

        @Bean
        Clock clock() {
            return FIXED;
        }

        @Bean
        InventoryEngine myInventory(Clock clock) {
            return InventoryEngine.builder().clock(clock).autoRegister(true).build();
        }

        @Bean
        OmniRetailCustomizer shelfLife() {
            return new OmniRetailCustomizer() {
                @Override
                public void ledger(PointsLedger.Builder builder) {
                    builder.rules(io.github.omniretail.loyalty.LoyaltyRules.standard());
                }
            };
        }
    }

    @Test
    void theApplicationsOwnBeansWinAndCustomizersAreApplied() {
        runner.withUserConfiguration(OwnBeans.class).withPropertyValues("omniretail.zone=Europe/Berlin",
                "omniretail.sweep.enabled=false").run(context -> {
                    assertThat(context).hasSingleBean(InventoryEngine.class).doesNotHaveBean(Sweeper.class);
                    assertThat(context.getBean(InventoryEngine.class)).isSameAs(context.getBean("myInventory"));
                    assertThat(context.getBean(Clock.class)).isSameAs(OwnBeans.FIXED);
                    assertThat(context.getBean(OmniRetailProperties.class).getZone())
                            .isEqualTo(ZoneId.of("Europe/Berlin"));
                    context.getBean(InventoryEngine.class).receive(IdempotencyKey.of("g1"), TEA, STORE, 1);
                    assertThat(context.getBean(RoutingEngine.class)).isNotNull();
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class WithRegistry {
        @Bean
        MeterRegistry registry() {
            return new SimpleMeterRegistry();
        }
    }

    @Test
    void withAMeterRegistryTheEnginesAreInstrumented() {
        runner.withUserConfiguration(WithRegistry.class).withPropertyValues("omniretail.auto-register=true",
                "omniretail.metrics.sample-one-in=1").run(context -> {
                    InventoryEngine inventory = context.getBean(InventoryEngine.class);
                    inventory.receive(IdempotencyKey.of("g1"), TEA, STORE, 3);
                    holdTea(inventory, "h1");
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("omniretail.inventory.holds").tags("channel", "APP", "outcome", "held")
                            .counter().count()).isEqualTo(1);
                    assertThat(registry.get("omniretail.inventory.latency").tag("method", "hold").timer().count())
                            .isEqualTo(1);
                });
        runner.withUserConfiguration(WithRegistry.class).withPropertyValues("omniretail.metrics.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(io.github.omniretail.micrometer.OmniRetailMetrics.class));
    }

    @Test
    void aDatabaseStoreWithoutWhatItNeedsFailsAtStartWithTheReason() {
        runner.withPropertyValues("omniretail.store=postgres").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("omniretail.store=postgres needs exactly one DataSource bean");
        });
        runner.withClassLoader(new FilteredClassLoader("io.github.omniretail.mysql"))
                .withPropertyValues("omniretail.store=mysql").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("needs io.github.omniretail:omniretail-mysql on the class path");
                });
        runner.withPropertyValues("omniretail.store=oracle").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("oracle");
        });
    }

    @Test
    void withoutTheActuatorOrMicrometerThoseBeansAreLeftOut() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "io.micrometer.core"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Checkout.class)
                            .doesNotHaveBean(OmniRetailHealthIndicator.class);
                });
    }
}
