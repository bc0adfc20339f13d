package io.github.omniretail.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.postgres.Migrations;
import io.github.omniretail.postgres.PostgresInventoryStore;
import io.github.omniretail.postgres.PostgresLedgerStore;
import io.github.omniretail.core.MutableClock;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A schema written by V1 — positions, a pool, channel rules, an open hold, a confirmed pool hold, an expired-but-
 * unswept hold, a transfer in transit and idempotency records — upgraded by {@code migrate()} to V2: the stock,
 * the held units and every hold and key carry over, and the engine goes on from there.
 */
class InventoryV1UpgradeTest {

    private static final Sku MILK = Sku.of("MILK-1L");
    private static final NodeId STORE = NodeId.of("ST-1");
    private static final NodeId DC = NodeId.of("DC-1");
    private static final Channel APP = Channel.of("app", ChannelKind.APP);
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    @Test
    void v1RowsWithOpenHoldsAreConvertedAndTheEngineGoesOn() throws Exception {
        String schema = Databases.freshSchema("upg");
        writeV1(schema);
        PostgresInventoryStore store = PostgresInventoryStore.builder(Databases.dataSource()).schema(schema).build();
        IllegalStateException early = assertThrows(IllegalStateException.class,
                () -> InventoryEngine.builder().store(store).build());
        assertTrue(early.getMessage().contains("migrate()"), early.getMessage());

        Migrations.Result result = store.migrate();
        assertEquals(1, result.before());
        assertEquals(List.of(2, 3, 4), result.applied());
        assertFalse(exists(schema + ".omniretail_inv1_hold"), "V1 tables are dropped after the conversion");

        MutableClock clock = MutableClock.at(T0.plus(Duration.ofMinutes(5)));
        InventoryEngine engine = InventoryEngine.builder().store(store).clock(clock).build();
        // 20 on hand at the store: hold 1 (HELD, 3 units) and hold 2 (CONFIRMED pool hold pinned here, 2 units) are
        // open; hold 3 expired at 08:01 and is given back on first touch
        Position store1 = engine.position(MILK, STORE);
        assertEquals(20, store1.onHand());
        assertEquals(5, store1.held());
        assertEquals(2, store1.safetyStock());
        assertEquals(13, store1.atp());
        assertEquals(HoldStatus.EXPIRED, engine.hold(HoldId.of(3)).orElseThrow().status());
        assertEquals(8, engine.position(MILK, DC).onHand(), "10 less the 2 in transit");
        assertEquals(List.of(io.github.omniretail.inventory.ChannelRule.cap(
                io.github.omniretail.inventory.ChannelSelector.kind(ChannelKind.LIVE_STREAM), 5)),
                engine.channelRules(STORE));

        // the V1 key of hold 1 replays hold 1; hold 1 can be confirmed and fulfilled
        Hold replay = engine.hold(cart1());
        assertEquals(HoldId.of(1), replay.id());
        engine.confirm(IdempotencyKey.of("pay-1"), HoldId.of(1));
        assertEquals(3, engine.fulfilAll(IdempotencyKey.of("ship-1"), HoldId.of(1)).lines().get(0).fulfilled());
        assertEquals(17, engine.position(MILK, STORE).onHand());
        // the transfer arrives; new holds get ids above V1's
        assertEquals(2, engine.receiveTransfer(IdempotencyKey.of("in-1"),
                new io.github.omniretail.inventory.TransferId(1), 2).received());
        Hold fresh = engine.hold(HoldRequest.builder(IdempotencyKey.of("cart-9"), APP, Duration.ofMinutes(15))
                .line(HoldLine.atNode(MILK, STORE, 1)).build());
        assertTrue(fresh.id().value() > 3, "new hold id " + fresh.id());
    }

    private static HoldRequest cart1() {
        return HoldRequest.builder(IdempotencyKey.of("cart-1"), APP,
                Duration.ofMinutes(15)).line(HoldLine.atNode(MILK, STORE, 3)).build();
    }

    /** Writes what a V1 engine kept, as V1 wrote it. */
    private static void writeV1(String schema) throws Exception {
        // the history table comes with any store's first migration; the loyalty one has no inventory tables
        PostgresLedgerStore.builder(Databases.dataSource()).schema(schema).build().migrate();
        String v1;
        try (InputStream in = PostgresInventoryStore.class.getResourceAsStream("/omniretail-db/inventory/V1__inventory.sql")) {
            v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String s = schema + ".omniretail_inv_";
        String hold1 = """
                {"id":1,"channel":"app","channelKind":"APP","status":"HELD","createdAt":"2026-11-30T08:00:00Z",
                 "expiresAt":"2026-11-30T08:15:00Z","lines":[{"sku":"MILK-1L","node":"ST-1","quantity":3,
                 "fulfilled":0,"released":0}]}""";
        String hold2 = """
                {"id":2,"channel":"app","channelKind":"APP","status":"CONFIRMED","createdAt":"2026-11-30T08:00:00Z",
                 "expiresAt":"2026-11-30T08:15:00Z","reference":"order-2","lines":[{"sku":"MILK-1L","pool":"city",
                 "node":"ST-1","quantity":2,"fulfilled":0,"released":0}]}""";
        String hold3 = """
                {"id":3,"channel":"app","channelKind":"APP","status":"HELD","createdAt":"2026-11-30T08:00:00Z",
                 "expiresAt":"2026-11-30T08:01:00Z","lines":[{"sku":"MILK-1L","node":"ST-1","quantity":4,
                 "fulfilled":0,"released":0}]}""";
        String transfer = """
                {"id":1,"sku":"MILK-1L","from":"DC-1","to":"ST-1","quantity":2,"received":0,
                 "dispatchedAt":"2026-11-30T08:00:00Z"}""";
        String outcome = "{\"type\":\"hold\",\"value\":" + hold1 + "}";
        try (Connection c = Databases.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(v1.replace("${schema}", schema));
            st.execute("INSERT INTO " + schema + ".omniretail_schema_history (component, version, description, checksum)"
                    + " VALUES ('inventory', 1, 'inventory', '" + sha256(v1) + "')");
            st.execute("INSERT INTO " + s + "node VALUES ('ST-1'), ('DC-1')");
            st.execute("INSERT INTO " + s + "sku VALUES ('MILK-1L')");
            st.execute("INSERT INTO " + s + "pool VALUES ('city', 'ST-1'), ('city', 'DC-1')");
            st.execute("INSERT INTO " + s + "channel_rules VALUES ('ST-1', "
                    + "'[{\"kind\":\"LIVE_STREAM\",\"reservedUnits\":0,\"capUnits\":5}]')");
            st.execute("INSERT INTO " + s + "position VALUES ('MILK-1L', 'ST-1', 20, '{\"fixed\":2}', 2, '{}', 0, 0, false),"
                    + " ('MILK-1L', 'DC-1', 8, '{\"fixed\":0}', 0, '{}', 0, 0, false)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "hold VALUES (?, ?, ?, ?, NULL, ?::jsonb)")) {
                Object[][] rows = {{1L, "HELD", true, "2026-11-30T08:15:00Z", hold1},
                        {2L, "CONFIRMED", true, "2026-11-30T08:15:00Z", hold2},
                        {3L, "HELD", true, "2026-11-30T08:01:00Z", hold3}};
                for (Object[] r : rows) {
                    p.setLong(1, (Long) r[0]);
                    p.setString(2, (String) r[1]);
                    p.setBoolean(3, (Boolean) r[2]);
                    p.setTimestamp(4, java.sql.Timestamp.from(Instant.parse((String) r[3])));
                    p.setString(5, (String) r[4]);
                    p.execute();
                }
            }
            st.execute("INSERT INTO " + s + "hold_line VALUES (1, 0, 'MILK-1L', 'ST-1', NULL, 'app', 'APP', 3),"
                    + " (2, 0, 'MILK-1L', 'ST-1', 'city', 'app', 'APP', 2), (3, 0, 'MILK-1L', 'ST-1', NULL, 'app', 'APP', 4)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "transfer VALUES (1, 'MILK-1L', true, ?::jsonb)")) {
                p.setString(1, transfer);
                p.execute();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "idempotency VALUES (?, ?, false, ?::jsonb, ?)")) {
                p.setString(1, "cart-1");
                p.setString(2, cart1().toString());
                p.setString(3, outcome);
                p.setTimestamp(4, java.sql.Timestamp.from(T0));
                p.execute();
            }
            st.execute("SELECT setval('" + s + "hold_seq', 3), setval('" + s + "transfer_seq', 1)");
        }
    }

    private static boolean exists(String table) throws Exception {
        try (Connection c = Databases.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
