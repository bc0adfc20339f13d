package io.github.omniretail.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.postgres.jdbc.Transactions;
import io.github.omniretail.pricing.spi.PromotionLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Coupon uses and promotion budgets in PostgreSQL, shared by every instance of a service (the pricing engine's
 * {@link PromotionLedger}). A redemption is one transaction: it claims its key (a key already there is
 * {@link Outcome#ALREADY_RECORDED}), locks the counters it touches in a fixed order (promotions, coupons, then per-member
 * uses, each sorted), checks every limit, and counts all or gives the key back. A release marks the key released
 * and subtracts what it counted. Tables are prefixed {@code omniretail_prm_}; scripts are the {@code pricing}
 * component's. Thread-safe.
 */
public final class PostgresPromotionLedger extends PostgresStore implements PromotionLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PostgresPromotionLedger(Builder b) {
        super(b.runner(), Migrations.load("pricing", b.schemaName(), PostgresPromotionLedger.class,
                "/omniretail-db/pricing"));
    }

    /**
     * A builder.
     *
     * @param dataSource non-null source of connections to the database
     * @return a builder with schema {@code public}, 8 attempts per operation and no statement timeout
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    private String table(String name) {
        return schema() + ".omniretail_prm_" + name;
    }

    private long count(String sql, String... args) {
        return openChecked().read("read promotion ledger", c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    p.setString(i + 1, args[i]);
                }
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public long spent(String promotionId) {
        return count("SELECT spent FROM " + table("spent") + " WHERE promotion = ?",
                Objects.requireNonNull(promotionId, "promotionId"));
    }

    @Override
    public long uses(String code) {
        return count("SELECT uses FROM " + table("uses") + " WHERE code = ?", Objects.requireNonNull(code, "code"));
    }

    @Override
    public long uses(String code, MemberId member) {
        return count("SELECT uses FROM " + table("member_uses") + " WHERE code = ? AND member = ?",
                Objects.requireNonNull(code, "code"), member.value());
    }

    /** What one redemption counts: amount per promotion, uses per code and per code and member. */
    private record Counts(TreeMap<String, Long> spent, TreeMap<String, Long> uses, TreeMap<String, Long> memberUses) {
        static Counts of(List<Redemption> redemptions, Optional<MemberId> member) {
            Counts c = new Counts(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
            for (Redemption r : redemptions) {
                c.spent.merge(r.promotionId(), r.amountMinor(), Long::sum);
                r.couponCode().ifPresent(code -> {
                    c.uses.merge(code, 1L, Long::sum);
                    member.ifPresent(m -> c.memberUses.merge(code + "\u0000" + m.value(), 1L, Long::sum));
                });
            }
            return c;
        }
    }

    @Override
    public Outcome redeem(IdempotencyKey key, List<Redemption> redemptions, Optional<MemberId> member) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(member, "member");
        List<Redemption> all = List.copyOf(redemptions);
        String body = body(all);
        return openChecked().run("redeem promotions", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table("redemption")
                    + " (key, member, body) VALUES (?, ?, ?::jsonb) ON CONFLICT (key) DO NOTHING")) {
                p.setString(1, key.value());
                p.setString(2, member.map(MemberId::value).orElse(null));
                p.setString(3, body);
                if (p.executeUpdate() == 0) {
                    return Outcome.ALREADY_RECORDED;
                }
            }
            Counts counts = Counts.of(all, member);
            TreeMap<String, Long> spentNow = lock(c, "spent", "promotion", counts.spent());
            TreeMap<String, Long> usesNow = lock(c, "uses", "code", counts.uses());
            TreeMap<String, Long> memberNow = lockMembers(c, counts.memberUses());
            boolean within = PromotionLedger.withinLimits(all, member, spentNow::get, usesNow::get,
                    code -> memberNow.getOrDefault(code + "\u0000" + member.map(MemberId::value).orElse(""), 0L));
            if (!within) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table("redemption") + " WHERE key = ?")) {
                    p.setString(1, key.value());
                    p.executeUpdate();
                }
                return Outcome.REFUSED;
            }
            add(c, counts, 1);
            return Outcome.RECORDED;
        });
    }

    @Override
    public boolean release(IdempotencyKey key) {
        Objects.requireNonNull(key, "key");
        return openChecked().run("release promotions", c -> {
            String member;
            String body;
            try (PreparedStatement p = c.prepareStatement("UPDATE " + table("redemption") + " SET released = true "
                    + "WHERE key = ? AND NOT released RETURNING member, body::text")) {
                p.setString(1, key.value());
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return false;
                    }
                    member = r.getString(1);
                    body = r.getString(2);
                }
            }
            Counts counts = Counts.of(parse(body), Optional.ofNullable(member).map(MemberId::of));
            lock(c, "spent", "promotion", counts.spent());
            lock(c, "uses", "code", counts.uses());
            lockMembers(c, counts.memberUses());
            add(c, counts, -1);
            return true;
        });
    }

    /** Makes sure each counter row exists and locks it, in key order; returns the current values. */
    private TreeMap<String, Long> lock(Connection c, String name, String column, TreeMap<String, Long> keys)
            throws SQLException {
        TreeMap<String, Long> now = new TreeMap<>();
        String counter = name.equals("spent") ? "spent" : "uses";
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table(name) + " AS t (" + column + ", "
                + counter + ") VALUES (?, 0) ON CONFLICT (" + column + ") DO UPDATE SET " + counter + " = t."
                + counter + " RETURNING " + counter)) {
            for (String k : keys.keySet()) {
                p.setString(1, k);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    now.put(k, r.getLong(1));
                }
            }
        }
        return now;
    }

    private TreeMap<String, Long> lockMembers(Connection c, TreeMap<String, Long> keys) throws SQLException {
        TreeMap<String, Long> now = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table("member_uses") + " AS t (code, member, "
                + "uses) VALUES (?, ?, 0) ON CONFLICT (code, member) DO UPDATE SET uses = t.uses RETURNING uses")) {
            for (String k : keys.keySet()) {
                int cut = k.indexOf('\u0000');
                p.setString(1, k.substring(0, cut));
                p.setString(2, k.substring(cut + 1));
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    now.put(k, r.getLong(1));
                }
            }
        }
        return now;
    }

    private void add(Connection c, Counts counts, int sign) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + table("spent") + " SET spent = spent + ? "
                + "WHERE promotion = ?")) {
            for (var e : counts.spent().entrySet()) {
                p.setLong(1, sign * e.getValue());
                p.setString(2, e.getKey());
                p.executeUpdate();
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE " + table("uses") + " SET uses = uses + ? "
                + "WHERE code = ?")) {
            for (var e : counts.uses().entrySet()) {
                p.setLong(1, sign * e.getValue());
                p.setString(2, e.getKey());
                p.executeUpdate();
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE " + table("member_uses") + " SET uses = uses + ? "
                + "WHERE code = ? AND member = ?")) {
            for (var e : counts.memberUses().entrySet()) {
                int cut = e.getKey().indexOf('\u0000');
                p.setLong(1, sign * e.getValue());
                p.setString(2, e.getKey().substring(0, cut));
                p.setString(3, e.getKey().substring(cut + 1));
                p.executeUpdate();
            }
        }
    }

    private static String body(List<Redemption> redemptions) {
        ArrayNode out = JSON.createArrayNode();
        for (Redemption r : redemptions) {
            var o = out.addObject().put("promotion", r.promotionId()).put("amount", r.amountMinor());
            r.couponCode().ifPresent(code -> o.put("coupon", code));
        }
        return out.toString();
    }

    private static List<Redemption> parse(String body) {
        List<Redemption> out = new ArrayList<>();
        try {
            for (JsonNode o : JSON.readTree(body)) {
                out.add(new Redemption(o.get("promotion").asText(), o.get("amount").asLong(), Optional.empty(),
                        Optional.ofNullable(o.get("coupon")).map(JsonNode::asText), Optional.empty(),
                        Optional.empty()));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored redemption is not in the form this version writes", e);
        }
        return out;
    }

    /** Configures a {@link PostgresPromotionLedger}: schema, attempts, statement timeout. Not thread-safe. */
    public static final class Builder extends StoreBuilder<Builder> {

        private Builder(DataSource dataSource) {
            super(dataSource);
        }

        private Transactions runner() {
            return transactions();
        }

        private String schemaName() {
            return schema();
        }

        /**
         * Builds the ledger; call {@link #migrate()} once before using it.
         *
         * @return the ledger
         */
        public PostgresPromotionLedger build() {
            return new PostgresPromotionLedger(this);
        }
    }
}
