package io.github.omniretail.mysql;

import io.github.omniretail.core.event.DomainEvent;
import io.github.omniretail.mysql.jdbc.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The outbox relay both stores share (see {@link InventoryOutbox} and {@link LedgerOutbox} for the guarantees).
 *
 * <p>MySQL hands out auto-increment ids when a row is inserted, not when it commits, so a relay that read ids
 * 101 and 103 cannot tell whether 102 is still being written or was rolled back. The relay therefore delivers ids
 * in an unbroken run after the consumer's position. When it meets a gap, it takes the outbox gate exclusively
 * once (every writer holds the gate shared from before its first event until its commit), which waits out every
 * transaction that could still commit an id below those it saw; after that, ids below them are final, and the
 * relay delivers across the gap. A gap costs the writers one short pause; without gaps writers never wait on the
 * relay. Thread-safe.
 *
 * @param <E> the component's event type
 */
final class Outbox<E extends DomainEvent> {

    /** Decodes one stored event. */
    @FunctionalInterface
    interface Decoder<E> {
        E decode(String type, Instant occurredAt, String body);
    }

    /** The server's clock in epoch milliseconds (a consumer's last delivery is the database's time). */
    private static final String NOW = "CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)";
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

    /** What one delivery pass did: events delivered, or a gap that blocked it (the largest id seen). */
    private record Pass(int delivered, long gapBelow) {
    }

    int deliver(String consumer, int max, Consumer<? super OutboxEvent<E>> handler) {
        check(consumer);
        Objects.requireNonNull(handler, "handler");
        if (max < 1 || max > 10_000) {
            throw new IllegalArgumentException("max must be within 1..10000, was " + max);
        }
        Pass first = tx.run("deliver " + label + " events to " + consumer, c -> pass(c, consumer, max, handler, 0));
        if (first.gapBelow() == 0) {
            return first.delivered();
        }
        tx.run("wait out " + label + " outbox writers", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM " + t + "event_gate WHERE id = 1 FOR UPDATE");
                    ResultSet r = p.executeQuery()) {
                r.next();
            }
            return null;
        });
        return tx.run("deliver " + label + " events to " + consumer,
                c -> pass(c, consumer, max, handler, first.gapBelow())).delivered();
    }

    /**
     * Delivers the unbroken run of ids after the consumer's position; ids at or below {@code settled} are known
     * final, so gaps among them do not stop the run.
     */
    private Pass pass(Connection c, String consumer, int max, Consumer<? super OutboxEvent<E>> handler, long settled)
            throws SQLException {
        long at = position(c, consumer);
        List<OutboxEvent<E>> events = new ArrayList<>();
        long expect = at + 1;
        long seen = 0;
        boolean gap = false;
        try (PreparedStatement p = c.prepareStatement("SELECT id, occurred_at, type, body FROM " + t + "event "
                + "WHERE id > ? ORDER BY id LIMIT ?")) {
            p.setLong(1, at);
            p.setInt(2, max);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    seen = id;
                    if (gap) {
                        continue;
                    }
                    if (id != expect && id > settled) {
                        gap = true;
                        continue;
                    }
                    events.add(new OutboxEvent<>(id, decoder.decode(r.getString(3),
                            Instant.ofEpochMilli(r.getLong(2)), r.getString(4))));
                    expect = id + 1;
                }
            }
        }
        if (events.isEmpty()) {
            return new Pass(0, gap ? seen : 0);
        }
        for (OutboxEvent<E> e : events) {
            handler.accept(e);
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE " + t + "event_cursor SET id = ?, delivered = delivered "
                + "+ ?, updated_at = " + NOW + " WHERE consumer = ?")) {
            p.setLong(1, events.get(events.size() - 1).id());
            p.setLong(2, events.size());
            p.setString(3, consumer);
            p.executeUpdate();
        }
        return new Pass(events.size(), 0);
    }

    long backlog(String consumer) {
        check(consumer);
        return tx.run(label + " outbox backlog of " + consumer, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM " + t + "event WHERE id > "
                    + "coalesce((SELECT k.id FROM " + t + "event_cursor k WHERE k.consumer = ?), 0)")) {
                p.setString(1, consumer);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    long prune() {
        return tx.run("prune " + label + " outbox", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + t + "event WHERE id <= "
                    + "(SELECT coalesce(min(k.id), 0) FROM " + t + "event_cursor k)")) {
                return (long) p.executeUpdate();
            }
        });
    }

    /** The consumer's position, locked; created at the start if new. */
    private long position(Connection c, String consumer) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT IGNORE INTO " + t + "event_cursor (consumer, id, "
                + "delivered, updated_at) VALUES (?, 0, 0, " + NOW + ")")) {
            p.setString(1, consumer);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM " + t + "event_cursor WHERE consumer = ? "
                + "FOR UPDATE")) {
            p.setString(1, consumer);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
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
