package io.github.omniretail.postgres;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.loyalty.Consent;
import io.github.omniretail.loyalty.MarketingChannel;
import io.github.omniretail.loyalty.spi.ConsentLog;
import io.github.omniretail.postgres.jdbc.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Consent decisions in {@code omniretail_ldg_consent}, numbered by an identity column; the time is kept to the
 * nanosecond (seconds and nanos). Each append is one insert. Thread-safe.
 */
final class PostgresConsentLog implements ConsentLog {
    private static final String COLUMNS = "member, channel, granted, at_second, at_nano, source";
    private final Transactions tx;
    private final String table;

    PostgresConsentLog(Transactions tx, String schema) {
        this.tx = tx;
        this.table = schema + ".omniretail_ldg_consent";
    }

    @Override
    public long append(Consent consent) {
        Objects.requireNonNull(consent, "consent");
        return tx.run("record consent", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?) RETURNING seq")) {
                p.setString(1, consent.member().value());
                p.setString(2, consent.channel().name());
                p.setBoolean(3, consent.granted());
                p.setLong(4, consent.at().getEpochSecond());
                p.setInt(5, consent.at().getNano());
                p.setString(6, consent.source());
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    @Override
    public List<Consent> history(MemberId member) {
        Objects.requireNonNull(member, "member");
        return tx.read("read consent history", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT seq, " + COLUMNS + " FROM " + table
                    + " WHERE member = ? ORDER BY seq")) {
                p.setString(1, member.value());
                return rows(p).stream().map(Entry::consent).toList();
            }
        });
    }

    @Override
    public List<Entry> after(long seq, int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be positive, got " + max);
        }
        return tx.read("read consent log", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT seq, " + COLUMNS + " FROM " + table
                    + " WHERE seq > ? ORDER BY seq LIMIT ?")) {
                p.setLong(1, seq);
                p.setInt(2, max);
                return rows(p);
            }
        });
    }

    private static List<Entry> rows(PreparedStatement p) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(new Entry(r.getLong(1), new Consent(MemberId.of(r.getString(2)),
                        MarketingChannel.valueOf(r.getString(3)), r.getBoolean(4),
                        Instant.ofEpochSecond(r.getLong(5), r.getInt(6)), r.getString(7))));
            }
        }
        return out;
    }
}
