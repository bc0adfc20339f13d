package io.github.omniretail.postgres.loyalty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.json.CoreJsonModule;
import io.github.omniretail.loyalty.LoyaltyException;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.LedgerStoreContext;
import io.github.omniretail.postgres.jdbc.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts what loyalty schema V1 kept (a command log per member, replayed on every call) into the V2 rows: in
 * one transaction, every V1 command runs, in order and at the instant it was applied, through a V2 ledger on the
 * same rows — the same rules kernel, so balances, lots, holds, tiers and entries come out as V1 computed them —
 * failed idempotency records are copied, the outbox rows the replay made are dropped (V1 already published those
 * events), and the V1 tables are dropped. The rules must be the ones V1 ran with, which is why this runs when the
 * first ledger is opened, with that ledger's rules.
 */
public final class V1Ledger {

    private static final Logger LOG = LoggerFactory.getLogger(V1Ledger.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new CoreJsonModule())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A clock the conversion moves from command to command. */
    private static final class ReplayClock extends Clock {
        Instant now = Instant.EPOCH;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the replay clock is UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private V1Ledger() {
    }

    /**
     * Whether V1 tables are still there.
     *
     * @param c non-null connection
     * @param schema the schema
     * @return true if the V1 command log exists
     * @throws SQLException on database errors
     */
    public static boolean present(Connection c, String schema) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            p.setString(1, schema + ".omniretail_ldg1_command");
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /**
     * Converts V1 to V2 and drops V1, in one transaction; nothing if V1 is gone (another instance converted).
     *
     * @param tx non-null transaction runner
     * @param schema the schema
     * @param context non-null the rules, tiers and categories V1 ran with
     */
    public static void convert(Transactions tx, String schema, LedgerStoreContext context) {
        tx.run("convert V1 loyalty", c -> {
            if (!present(c, schema)) {
                return null;
            }
            ReplayClock clock = new ReplayClock();
            PointsLedger ledger = PointsLedger.builder()
                    .store(PointsLedger.storedIn(new PostgresLedgerStorage(tx, schema).within(c), GroupCommit.OFF))
                    .clock(clock).rules(context.rules()).tiers(context.tiers()).categories(context.categories()).build();
            String t = schema + ".omniretail_ldg1_";
            int commands = 0;
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT kind, member, txn_id, args::text, at FROM " + t + "command "
                            + "ORDER BY seq")) {
                while (r.next()) {
                    clock.now = r.getTimestamp(5).toInstant();
                    apply(ledger, r.getString(1), MemberId.of(r.getString(2)),
                            r.getString(3) == null ? null : IdempotencyKey.of(r.getString(3)), parse(r.getString(4)));
                    commands++;
                }
            }
            int failed;
            try (Statement s = c.createStatement()) {
                failed = s.executeUpdate("INSERT INTO " + schema + ".omniretail_ldg_txn (txn_id, owner, request, failed, "
                        + "outcome, at) SELECT txn_id, NULLIF(member, ''), request, failed, outcome::json, "
                        + "(extract(epoch FROM at) * 1000)::bigint FROM " + t + "txn WHERE failed ON CONFLICT DO NOTHING");
                s.executeUpdate("DELETE FROM " + schema + ".omniretail_ldg_event");
                for (String table : new String[] {"lot", "entry", "txn", "command", "member"}) {
                    s.executeUpdate("DROP TABLE " + t + table);
                }
            }
            LOG.info("converted V1 loyalty in {}: {} commands replayed, {} failed outcomes kept", schema, commands,
                    failed);
            return null;
        });
    }

    private static void apply(PointsLedger k, String kind, MemberId m, IdempotencyKey id, JsonNode a) {
        try {
            switch (kind) {
                case "enrol" -> k.enrol(m);
                case "earn" -> k.earn(id, m, OrderId.of(a.get("order").asText()), read(a.get("channel"), Channel.class),
                        read(a.get("amount"), Money.class));
                case "earnOrder" -> k.earn(id, m, read(a.get("order"), Order.class));
                case "hold" -> k.hold(id, m, a.get("points").asLong(), Duration.parse(a.get("ttl").asText()));
                case "post" -> k.post(id, IdempotencyKey.of(a.get("hold").asText()), a.get("points").asLong());
                case "void" -> k.voidHold(id, IdempotencyKey.of(a.get("hold").asText()));
                case "redeem" -> k.redeem(id, m, a.get("points").asLong());
                case "refund" -> k.refund(id, IdempotencyKey.of(a.get("earn").asText()),
                        read(a.get("refunded"), Money.class));
                case "cancel" -> k.cancelRedemption(id, IdempotencyKey.of(a.get("redemption").asText()));
                case "merge" -> k.merge(id, MemberId.of(a.get("source").asText()), MemberId.of(a.get("target").asText()));
                case "sweep" -> k.balance(m);
                default -> throw new IllegalStateException("unknown V1 command kind " + kind);
            }
        } catch (LoyaltyException | IllegalArgumentException e) {
            throw new IllegalStateException("converting V1 " + kind + " " + (id == null ? "" : id.value()) + " of member "
                    + m + " failed; were the loyalty rules changed since? " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("V1 command arguments are not JSON", e);
        }
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("V1 command argument is not a " + type.getSimpleName(), e);
        }
    }
}
