package io.github.omniretail.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.postgres.Migrations;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.postgres.PostgresInventoryStore;
import io.github.omniretail.postgres.PostgresLedgerStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** migrate(): idempotent, safe from many instances at once, refuses a newer or altered schema. */
class MigrationsTest {

    private static long historyRows(String schema, String component) throws SQLException {
        try (Connection c = Databases.dataSource().getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT count(*) FROM " + schema + ".omniretail_schema_history WHERE component = ?")) {
            p.setString(1, component);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = Databases.dataSource().getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.execute();
        }
    }

    @Test
    void migrateIsIdempotentAndRecordsWhatItApplied() throws Exception {
        String schema = Databases.freshSchema("mig");
        PostgresInventoryStore store = PostgresInventoryStore.builder(Databases.dataSource()).schema(schema).build();
        Migrations.Result first = store.migrate();
        assertEquals(0, first.before());
        assertEquals(List.of(1, 2, 3, 4), first.applied());
        Migrations.Result again = store.migrate();
        assertEquals(4, again.before());
        assertTrue(again.applied().isEmpty());
        assertEquals(4, historyRows(schema, "inventory"));
        // the ledger's scripts live beside the inventory's in the same schema, recorded separately
        PostgresLedgerStore.builder(Databases.dataSource()).schema(schema).build().migrate();
        assertEquals(6, historyRows(schema, "loyalty")); // V6: consent decisions
    }

    @Test
    void instancesMigratingAtOnceApplyEachVersionOnce() throws Exception {
        String schema = Databases.freshSchema("mig");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Migrations.Result>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> PostgresInventoryStore.builder(Databases.dataSource()).schema(schema)
                        .build().migrate()));
            }
            int applied = 0;
            for (Future<Migrations.Result> f : results) {
                applied += f.get(60, TimeUnit.SECONDS).applied().size();
            }
            assertEquals(4, applied, "each of V1 to V4 applied by exactly one instance");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(4, historyRows(schema, "inventory"));
    }

    @Test
    void aNewerSchemaIsRefusedAndAnUnmigratedOneCannotBeOpened() throws Exception {
        String schema = Databases.freshSchema("mig");
        PostgresInventoryStore store = PostgresInventoryStore.builder(Databases.dataSource()).schema(schema).build();
        IllegalStateException unmigrated = assertThrows(IllegalStateException.class,
                () -> InventoryEngine.builder().store(store).build());
        assertTrue(unmigrated.getMessage().contains("call migrate()"), unmigrated.getMessage());
        store.migrate();
        execute("INSERT INTO " + schema + ".omniretail_schema_history (component, version, description, checksum) "
                + "VALUES ('inventory', 5, 'from_a_newer_release', 'x')");
        IllegalStateException newer = assertThrows(IllegalStateException.class, store::migrate);
        assertTrue(newer.getMessage().contains("version 5, newer than this code's 4"), newer.getMessage());
        assertThrows(IllegalStateException.class, () -> InventoryEngine.builder().store(store).build());
    }

    @Test
    void anAlteredScriptIsRefused() throws Exception {
        String schema = Databases.freshSchema("mig");
        PostgresInventoryStore store = PostgresInventoryStore.builder(Databases.dataSource()).schema(schema).build();
        store.migrate();
        execute("UPDATE " + schema + ".omniretail_schema_history SET checksum = 'edited' WHERE component = 'inventory'");
        IllegalStateException e = assertThrows(IllegalStateException.class, store::migrate);
        assertTrue(e.getMessage().contains("applied from a different script"), e.getMessage());
    }

    @Test
    void schemaNamesAreCheckedBeforeAnySqlIsBuilt() {
        assertThrows(IllegalArgumentException.class,
                () -> PostgresInventoryStore.builder(Databases.dataSource()).schema("shop; DROP TABLE x").build());
        assertThrows(IllegalArgumentException.class,
                () -> PostgresLedgerStore.builder(Databases.dataSource()).schema("Loyalty").build());
    }
}
