package io.github.omniretail.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.json.CoreJsonModule;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.InsufficientPointsException;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A loyalty schema written by V1 (a command log per member, an open hold, a failed idempotency record) upgrades to
 * V2: the first ledger opened converts it with its rules, and the ledger then matches an in-memory ledger that was
 * given the same calls at the same instants, and goes on.
 */
class LedgerV1UpgradeTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new CoreJsonModule());
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final Channel APP = Channel.of("app", ChannelKind.APP);
    private static final MemberId ANN = MemberId.of("ann");
    private static final MemberId BO = MemberId.of("bo");
    private static final LoyaltyRules RULES = LoyaltyRules.standard().withPendingFor(Duration.ofDays(1));

    private static Money yuan(long y) {
        return Money.ofMinor(y * 100, Currency.getInstance("CNY"));
    }

    @Test
    void aV1CommandLogIsConvertedWithOpenHoldsAndLotsAndTheLedgerGoesOn() throws Exception {
        String schema = Databases.freshSchema("lup");
        writeV1(schema);
        PostgresLedgerStore store = PostgresLedgerStore.builder(Databases.dataSource()).schema(schema).build();
        assertEquals(List.of(2, 3, 4, 5, 6), store.migrate().applied());

        MutableClock clock = MutableClock.at(T0.plus(Duration.ofDays(3)));
        PointsLedger converted = PointsLedger.builder().store(store).clock(clock).rules(RULES).build();
        MutableClock memClock = MutableClock.at(T0);
        PointsLedger reference = PointsLedger.builder().clock(memClock).rules(RULES).build();
        reference.enrol(ANN);
        reference.enrol(BO);
        reference.earn(IdempotencyKey.of("e1"), ANN, OrderId.of("o1"), APP, yuan(100));
        memClock.set(T0.plus(Duration.ofDays(2)));
        reference.earn(IdempotencyKey.of("e2"), BO, OrderId.of("o2"), APP, yuan(40));
        reference.hold(IdempotencyKey.of("h1"), ANN, 30, Duration.ofDays(7));
        memClock.set(T0.plus(Duration.ofDays(3)));

        for (MemberId m : List.of(ANN, BO)) {
            assertEquals(reference.balance(m), converted.balance(m), "balance of " + m);
            assertEquals(reference.lots(m), converted.lots(m), "lots of " + m);
            assertEquals(reference.statement(m, 0, 100), converted.statement(m, 0, 100), "entries of " + m);
            assertEquals(reference.tier(m), converted.tier(m));
        }
        assertEquals(reference.programBalance(AccountKind.ISSUANCE), converted.programBalance(AccountKind.ISSUANCE));
        try (Connection c = Databases.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT to_regclass('" + schema + ".omniretail_ldg1_command') IS NULL")) {
            r.next();
            assertEquals(true, r.getBoolean(1), "the V1 tables are dropped");
        }
        // the failed record stands, a retried earn replays, the open hold can be posted
        assertThrows(InsufficientPointsException.class, () -> converted.redeem(IdempotencyKey.of("r-big"), BO, 999));
        LedgerEntry again = converted.earn(IdempotencyKey.of("e1"), ANN, OrderId.of("o1"), APP, yuan(100));
        assertEquals(reference.statement(ANN, 0, 1).get(0), again);
        converted.post(IdempotencyKey.of("p1"), IdempotencyKey.of("h1"), 30);
        reference.post(IdempotencyKey.of("p1"), IdempotencyKey.of("h1"), 30);
        assertEquals(reference.balance(ANN), converted.balance(ANN));
        assertFalse(converted.statement(ANN, 0, 100).isEmpty());
    }

    /** Writes what a V1 ledger kept for those calls, as V1 wrote it. */
    private static void writeV1(String schema) throws Exception {
        PostgresInventoryStore.builder(Databases.dataSource()).schema(schema).build().migrate(); // history table
        String v1;
        try (InputStream in = PostgresLedgerStore.class.getResourceAsStream("/omniretail-db/loyalty/V1__loyalty.sql")) {
            v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String s = schema + ".omniretail_ldg_";
        try (Connection c = Databases.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(v1.replace("${schema}", schema));
            st.execute("INSERT INTO " + schema + ".omniretail_schema_history (component, version, description, checksum)"
                    + " VALUES ('loyalty', 1, 'loyalty', '" + sha256(v1) + "')");
            st.execute("INSERT INTO " + s + "member (member, last_at) VALUES ('ann', 'epoch'), ('bo', 'epoch')");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "command (member, kind, txn_id, args, at) "
                    + "VALUES (?, ?, ?, ?::jsonb, ?)")) {
                command(p, "ann", "enrol", null, "{}", T0);
                command(p, "bo", "enrol", null, "{}", T0);
                command(p, "ann", "earn", "e1", earnArgs("o1", 100), T0);
                command(p, "bo", "earn", "e2", earnArgs("o2", 40), T0.plus(Duration.ofDays(2)));
                command(p, "ann", "hold", "h1", "{\"points\":30,\"ttl\":\"PT168H\"}", T0.plus(Duration.ofDays(2)));
                p.executeBatch();
            }
            st.execute("INSERT INTO " + s + "txn VALUES ('r-big', 'bo', 'redeem bo 999', true, '{\"message\":\"short\","
                    + "\"type\":\"insufficientPoints\",\"member\":\"bo\",\"requested\":999,\"available\":0}', now())");
        }
    }

    private static String earnArgs(String order, long yuan) throws Exception {
        return "{\"order\":\"" + order + "\",\"channel\":" + JSON.writeValueAsString(APP) + ",\"amount\":"
                + JSON.writeValueAsString(yuan(yuan)) + "}";
    }

    private static void command(PreparedStatement p, String member, String kind, String txn, String args, Instant at)
            throws Exception {
        p.setString(1, member);
        p.setString(2, kind);
        p.setString(3, txn);
        p.setString(4, args);
        p.setTimestamp(5, Timestamp.from(at));
        p.addBatch();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
