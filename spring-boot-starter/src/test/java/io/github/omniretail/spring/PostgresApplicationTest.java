package io.github.omniretail.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.checkout.OrderRequest;
import io.github.omniretail.checkout.OrderStatus;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.StockEvent;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.MarketingChannel;
import io.github.omniretail.loyalty.spi.ConsentReplica;
import io.github.omniretail.loyalty.spi.ConsentStore;
import io.github.omniretail.pricing.PricingRules;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole Spring Boot application on a real PostgreSQL 17 (embedded, from Maven artifacts): {@code spring.datasource}
 * and {@code omniretail.store=postgres} are all it configures. An order runs end to end through the auto-configured
 * checkout; the committed stock events reach an {@code @EventListener} through the outbox relay; the health
 * indicator reports the schemas current; the batches show in the meter registry.
 */
@SpringBootTest(classes = PostgresApplicationTest.App.class, properties = {"omniretail.store=postgres",
        "omniretail.schema=shop", "omniretail.auto-register=true", "omniretail.outbox.interval=50ms"})
class PostgresApplicationTest {

    static final Currency CNY = Currency.getInstance("CNY");
    static final Sku TEA = Sku.of("TEA-1");
    static final NodeId DC = NodeId.of("DC-1");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final EmbeddedPostgres POSTGRES;

    static {
        try {
            POSTGRES = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
    }

    /** The application: its nodes, its prices, a listener and a registry; everything else is auto-configured. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        FulfillmentNode dc() {
            return FulfillmentNode.builder(DC, NodeType.DISTRIBUTION_CENTER, GeoPoint.of(31.23, 121.47), SHANGHAI)
                    .capabilities(NodeCapability.SHIP).build();
        }

        @Bean
        PricingRules prices() {
            return PricingRules.builder("2026-12", CNY).sku(TEA, Money.parse("18.00", CNY), "drinks").build();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        /** The server stops with the context, after the relay and the sweeper (they stop first, as lifecycles). */
        @Bean
        org.springframework.beans.factory.DisposableBean stopPostgres() {
            return POSTGRES::close;
        }

        @Bean
        StockEvents stockEvents() {
            return new StockEvents();
        }
    }

    /** Collects the stock events published to the application. */
    static class StockEvents {
        final List<StockEvent> seen = new CopyOnWriteArrayList<>();

        @EventListener
        void on(StockEvent event) {
            seen.add(event);
        }
    }

    @Autowired
    Checkout checkout;
    @Autowired
    InventoryEngine inventory;
    @Autowired
    StockEvents events;
    @Autowired
    OmniRetailHealthIndicator health;
    @Autowired
    MeterRegistry meters;
    @Autowired
    OmniRetailStores stores;
    @Autowired
    ConsentRegistry consents;
    @Autowired
    ConsentStore consentStore;

    @Test
    void anOrderRunsEndToEndAndItsCommittedEventsReachTheApplication() throws InterruptedException {
        assertThat(stores.kind()).isEqualTo(StoreKind.POSTGRES);
        inventory.receive(IdempotencyKey.of("grn-1"), TEA, DC, 10);
        IdempotencyKey key = IdempotencyKey.of("order-1");
        PlacedOrder placed = checkout.place(OrderRequest.builder(key, Channel.of("app", ChannelKind.APP),
                DeliveryMethod.ship(GeoPoint.of(31.20, 121.40)), Money.parse("6.00", CNY)).line(TEA, 2).build());
        assertThat(placed.payable()).contains(Money.parse("42.00", CNY));
        assertThat(checkout.confirm(key).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(inventory.position(TEA, DC).held()).isEqualTo(2);

        long until = System.nanoTime() + 10_000_000_000L;
        while (events.seen.size() < 3 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(events.seen).extracting(StockEvent::type).containsExactly("inventory.stock.received",
                "inventory.hold.placed", "inventory.hold.confirmed");

        var status = health.health();
        assertThat(status.getStatus()).isEqualTo(Status.UP);
        assertThat(status.getDetails()).containsEntry("store", "postgres");
        assertThat(status.getDetails().get("schema").toString()).contains("inventory=current", "loyalty=current",
                "checkout=current");
        assertThat(meters.get("omniretail.store.batch.size").tag("engine", "inventory").summary().count())
                .isGreaterThanOrEqualTo(3);
        assertThat(meters.get("omniretail.checkout.calls").tags("method", "place", "outcome", "ok").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void consentIsSharedThroughTheDatabaseAndWatched() {
        assertThat(consentStore).isInstanceOf(ConsentReplica.class);
        MemberId member = MemberId.of("M-SPRING");
        consents.grant(member, MarketingChannel.LOCATION, "app:location-prompt");
        assertThat(consents.allows(member, MarketingChannel.LOCATION)).isTrue();
        assertThat(stores.consentLog().orElseThrow().history(member)).hasSize(1); // durable, in the schema
        assertThat(health.health().getDetails().get("consent").toString()).contains("failingClosed=false");
        assertThat(meters.get("omniretail.consent.failing.closed").gauge().value()).isEqualTo(0);
    }
}
