package io.github.omniretail.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.privacy.KeyRing;
import io.github.omniretail.core.privacy.PersonalField;
import io.github.omniretail.core.privacy.Redactor;
import io.github.omniretail.core.spi.PrivacyPolicy;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.IdentityType;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.MarketingChannel;
import io.github.omniretail.loyalty.MemberDirectory;
import io.github.omniretail.loyalty.MemberProfiles;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.ConsentReplica;
import io.github.omniretail.loyalty.spi.IdentityNormaliser;
import io.github.omniretail.loyalty.spi.ProfileStore;
import io.github.omniretail.postgres.InventoryOutbox;
import io.github.omniretail.postgres.PostgresInventoryStore;
import io.github.omniretail.postgres.PostgresLedgerStore;
import io.github.omniretail.postgres.StoreException;
import io.github.omniretail.testkit.inventory.InventoryEngineContract;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The code shown in docs/persistence.md, compiled and run on an embedded PostgreSQL. */
class PersistenceGuideTest {

    static EmbeddedPostgres postgres;
    static HikariDataSource dataSource;
    final Clock clock = Clock.systemUTC();
    final Channel app = Channel.of("app", ChannelKind.APP);
    final Sku milk = Sku.of("MILK-1L");
    final NodeId store = NodeId.of("ST-WL");

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
    }

    @AfterAll
    static void stop() throws Exception {
        dataSource.close();
        postgres.close();
    }

    @Test
    void inventoryOnPostgres() {
        DataSource dataSource = PersistenceGuideTest.dataSource;
        // snippet: persistence-inventory
        PostgresInventoryStore stores = PostgresInventoryStore.builder(dataSource)   // your pool, your driver
                .schema("shop")                              // created if missing
                .statementTimeout(Duration.ofSeconds(5))     // per statement; a timeout is retried
                .maxAttempts(8)                              // transient failures retried with the same key
                .groupCommit(GroupCommit.DEFAULTS)           // concurrent calls share transactions
                .build();
        stores.migrate();                                    // idempotent; at start-up of every instance

        InventoryEngine engine = InventoryEngine.builder().store(stores).clock(clock).build();
        engine.registerNode(store);
        engine.registerSku(milk);
        engine.receive(IdempotencyKey.of("grn-1001"), milk, store, 10);
        Hold hold = engine.hold(HoldRequest.builder(IdempotencyKey.of("cart-42"), app, Duration.ofMinutes(15))
                .line(HoldLine.atNode(milk, store, 3)).build());
        // any instance on the same database sees the hold, and a retry of "cart-42" anywhere returns it
        // end-snippet
        assertEquals(hold, engine.hold(HoldRequest.builder(IdempotencyKey.of("cart-42"), app, Duration.ofMinutes(15))
                .line(HoldLine.atNode(milk, store, 3)).build()));
        InventoryEngine other = InventoryEngine.builder().store(stores).clock(clock).build();
        assertEquals(3, other.position(milk, store).held());

        java.util.Map<Long, io.github.omniretail.core.event.InventoryEvent> searchIndexEvents =
                new java.util.LinkedHashMap<>();
        SearchIndex searchIndex = searchIndexEvents::put;
        // snippet: persistence-outbox
        InventoryOutbox outbox = stores.outbox();
        // from your scheduler, on any instance, every few hundred milliseconds:
        int delivered = outbox.deliver("search-index", 500, event -> {
            // at least once: de-duplicate by event.id(); in commit order per SKU
            searchIndex.apply(event.id(), event.event());
        });
        outbox.prune();                                      // drop what every consumer has passed
        // end-snippet
        assertEquals(2, delivered, "the receipt and the hold");
        assertEquals(List.of("inventory.stock.received", "inventory.hold.placed"),
                searchIndexEvents.values().stream().map(e -> e.type()).toList());
    }

    /** Where the guide's outbox snippet sends events. */
    @FunctionalInterface
    interface SearchIndex {
        void apply(long id, io.github.omniretail.core.event.InventoryEvent event);
    }

    @Test
    void ledgerOnPostgres() {
        DataSource dataSource = PersistenceGuideTest.dataSource;
        MemberId alice = MemberId.of("M-ALICE");
        // snippet: persistence-ledger
        // The identity salt is a secret kept outside the database (an environment variable, a vault), the same for
        // every instance and never changed: identities are found by their salted hash.
        byte[] salt = "guide-salt".getBytes(StandardCharsets.UTF_8);
        PostgresLedgerStore loyalty = PostgresLedgerStore.builder(dataSource).schema("loyalty").build();
        loyalty.migrate();
        PointsLedger ledger = PointsLedger.builder().store(loyalty).clock(clock)
                .rules(LoyaltyRules.standard())             // every instance must run the same rules
                .build();
        MemberDirectory directory = new MemberDirectory(IdentityNormaliser.saltedSha256(salt), loyalty.identities());

        ledger.enrol(alice);
        directory.link(alice, IdentityType.PHONE, "+86 138-0013-8000");
        LedgerEntry earned;
        try {
            earned = ledger.earn(IdempotencyKey.of("pos-7781"), alice, OrderId.of("O-7781"), app,
                    Money.ofMinor(12_800, "CNY"));            // 128.00 yuan
        } catch (StoreException e) {
            // the database stayed unavailable through every retry; the earn may or may not have committed:
            // call again later with IdempotencyKey "pos-7781" and it is applied exactly once
            throw e;
        }
        // end-snippet
        assertEquals(earned, ledger.earn(IdempotencyKey.of("pos-7781"), alice, OrderId.of("O-7781"), app,
                Money.ofMinor(12_800, "CNY")));
        assertEquals(Optional.of(alice), directory.lookup(IdentityType.PHONE, "008613800138000"));
    }

    @Test
    void profilesEncryptedOnPostgres() {
        DataSource dataSource = PersistenceGuideTest.dataSource;
        MemberId alice = MemberId.of("M-ALICE");
        byte[] keyFromVault = new byte[32];
        byte[] newKeyFromVault = new byte[32];
        java.util.Arrays.fill(newKeyFromVault, (byte) 7);
        byte[] hashSecret = "guide-hash-secret".getBytes(StandardCharsets.UTF_8);
        // snippet: privacy-encrypt
        PostgresLedgerStore loyalty = PostgresLedgerStore.builder(dataSource).schema("members").build();
        loyalty.migrate();
        KeyRing keys = KeyRing.of("2026-12", keyFromVault);      // or your KeyProvider over a KMS
        MemberProfiles profiles = MemberProfiles.builder(Redactor.of(PrivacyPolicy.standard(), hashSecret))
                .store(loyalty.profiles(keys))                   // AES-GCM per value, key id stored with it
                .build();
        profiles.update(alice, Map.of(PersonalField.PHONE, "13812348000"));

        // rotation without downtime: new writes use the new key at once, old values stay readable …
        keys.add("2027-01", newKeyFromVault).rotateTo("2027-01");
        ProfileStore store = loyalty.profiles(keys);
        while (store.reencrypt(500) > 0) {
            // … while a background job re-encrypts them in small transactions beside normal traffic
        }
        keys.retire("2026-12");                                  // then the old key can go
        // end-snippet
        assertEquals("13812348000", profiles.profile(alice).orElseThrow().get(PersonalField.PHONE).orElseThrow()
                .clear());
    }

    @Test
    void consentsSharedOnPostgres() throws InterruptedException {
        PostgresLedgerStore postgres = PostgresLedgerStore.builder(PersistenceGuideTest.dataSource).schema("consents")
                .build();
        postgres.migrate();
        MemberId member = MemberId.of("M-ALICE");
        Clock clock = Clock.systemUTC();
        try (ConsentReplica other = ConsentReplica.builder(postgres.consentLog()).clock(clock)
                .pollEvery(Duration.ofMillis(20)).start()) {
            // snippet: privacy-consent-replica
            ConsentReplica replica = ConsentReplica.builder(postgres.consentLog())
                    .clock(clock).pollEvery(Duration.ofSeconds(1))          // the defaults
                    .start();                                               // loads the whole log first
            ConsentRegistry shared = ConsentRegistry.of(replica, clock);
            shared.grant(member, MarketingChannel.LOCATION, "app:location-prompt");   // durable; seen here at once
            boolean ok = shared.allows(member, MarketingChannel.LOCATION);            // from memory, a bitmask
            // end-snippet
            assertTrue(ok);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!other.allows(member, MarketingChannel.LOCATION) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(other.allows(member, MarketingChannel.LOCATION), "another instance sees it within a poll");
            assertEquals("app:location-prompt", other.history(member).get(0).source());
            replica.close();
        }
    }

    /** Compiled, not run here (Surefire skips nested classes): how an adapter for another database uses the kit. */
    // snippet: persistence-testkit
    static class MyInventoryStoreTest extends InventoryEngineContract {   // and the other inventory contracts
        @Override
        protected InventoryStore newStore() {
            return InventoryEngine.inMemoryStore();      // yours: a store on fresh, empty storage for each call
        }
    }
    // end-snippet
}
