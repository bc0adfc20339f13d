package io.github.omniretail.postgres;

import io.github.omniretail.core.event.DomainEvent;
import io.github.omniretail.postgres.jdbc.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The outbox relay both stores share (see {@link InventoryOutbox} and {@link LedgerOutbox} for the guarantees): reads
 * a component's event table in (xid, id) order, only events of transactions older than every running one, and keeps
 * each consumer's position in the component's cursor table. Thread-safe.
 *
 * @param <E> the component's event type
 */
final class Outbox<E extends DomainEvent> {

    /** Decodes one stored event. */
    @FunctionalInterface
    interface Decoder<E> {
        E decode(String type, java.time.Instant occurredAt, String body);
    }


    private static final Pattern CONSUMER = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final Transactions tx;
    private final String t;
    private final String label;
    private final Decoder<E> decoder;

    Outbox(Transactions tx, String tablePrefix, String label, Decoder<E> decoder) {
        this.tx = tx;
        this.t = tablePrefix;
        this.label = label;
        this.decoder = decoder;
    }

    /**
     * Delivers up to {@code max} events to {@code handler}, oldest first.
     *
     * @param consumer non-null name of the consumer: 1–100 letters, digits or {@code . _ : -}
     * @param max events at most, 1..10,000
     * @param handler non-null handler; a throw rolls the delivery back (the events come again)
     * @return how many events were delivered
     * @throws IllegalArgumentException for a bad consumer name or {@code max}
     * @throws StoreException when the database stays unavailable
     */
    int deliver(String consumer, int max, Consumer<? super OutboxEvent<E>> handler) {
        check(consumer);
        Objects.requireNonNull(handler, "handler");
        if (max < 1 || max > 10_000) {
            throw new IllegalArgumentException("max must be within 1..10000, was " + max);
        }
        return tx.run("deliver " + label + " events to " + consumer, c -> {
            String[] at = position(c, consumer);
            List<OutboxEvent<E>> events = new ArrayList<>();
            String lastXid = at[0];
            long lastId = Long.parseLong(at[1]);
            try (PreparedStatement p = c.prepareStatement("SELECT id, xid::text, type, occurred_at, body::text FROM "
                    + t + "event WHERE (xid, id) > (?::xid8, ?) AND xid < pg_snapshot_xmin(pg_current_snapshot()) "
                    + "ORDER BY xid, id LIMIT ?")) {
                p.setString(1, lastXid);
                p.setLong(2, lastId);
                p.setInt(3, max);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        events.add(new OutboxEvent<>(r.getLong(1), decoder.decode(r.getString(3),
                                r.getTimestamp(4).toInstant(), r.getString(5))));
                        lastXid = r.getString(2);
                        lastId = r.getLong(1);
                    }
                }
            }
            if (events.isEmpty()) {
                return 0;
            }
            for (OutboxEvent<E> e : events) {
                handler.accept(e);
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE " + t + "event_cursor SET xid = ?::xid8, id = ?, "
                    + "delivered = delivered + ?, updated_at = now() WHERE consumer = ?")) {
                p.setString(1, lastXid);
                p.setLong(2, lastId);
                p.setLong(3, events.size());
                p.setString(4, consumer);
                p.executeUpdate();
            }
            return events.size();
        });
    }

    /**
     * Events the consumer has not passed yet (committed or about to be).
     *
     * @param consumer non-null consumer name
     * @return the count
     */
    long backlog(String consumer) {
        check(consumer);
        return tx.read(label + " outbox backlog of " + consumer, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM " + t + "event e WHERE (e.xid, e.id) > "
                    + "coalesce((SELECT (k.xid, k.id) FROM " + t + "event_cursor k WHERE k.consumer = ?), "
                    + "('0'::xid8, 0::bigint))")) {
                p.setString(1, consumer);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    /**
     * Deletes the events every consumer known to the outbox has passed (none if no consumer ever delivered).
     *
     * @return events deleted
     */
    long prune() {
        return tx.run("prune " + label + " outbox", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + t + "event e USING (SELECT xid, id FROM "
                    + t + "event_cursor ORDER BY xid, id LIMIT 1) k WHERE (e.xid, e.id) <= (k.xid, k.id)")) {
                return (long) p.executeUpdate();
            }
        });
    }

    /** The consumer's position (xid as text, id), locked; created at the start if new. */
    private String[] position(Connection c, String consumer) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "event_cursor (consumer, xid, id, delivered,"
                + " updated_at) VALUES (?, '0'::xid8, 0, 0, now()) ON CONFLICT DO NOTHING")) {
            p.setString(1, consumer);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("SELECT xid::text, id FROM " + t + "event_cursor WHERE consumer = ?"
                + " FOR UPDATE")) {
            p.setString(1, consumer);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return new String[] {r.getString(1), String.valueOf(r.getLong(2))};
            }
        }
    }

    private static void check(String consumer) {
        Objects.requireNonNull(consumer, "consumer");
        if (!CONSUMER.matcher(consumer).matches()) {
            throw new IllegalArgumentException("consumer must be 1-100 letters, digits or . _ : -, was '" + consumer
                    + "'");
        }
    }
}
