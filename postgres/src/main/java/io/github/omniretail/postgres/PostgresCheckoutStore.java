package io.github.omniretail.postgres;

import io.github.omniretail.checkout.OrderStatus;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.checkout.spi.PlacedOrderCodec;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.postgres.jdbc.Transactions;
import io.github.omniretail.routing.RoutingPolicy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The checkout's orders in PostgreSQL, shared by every instance of a service (a {@link CheckoutStore}). Each
 * order is one row: its latest version as JSON ({@link PlacedOrderCodec}) beside the columns searched on. A save is
 * a compare-and-set on the version in one statement: of many writers of one version exactly one is told it saved
 * (a save retried after its commit's reply was lost is told it did not, and the checkout then reads the order
 * back and goes on from what is stored). Unpaid orders are found through a partial index on expiry; members who
 * paid once are kept in their own table.
 *
 * <p>Expiry instants are kept to the microsecond, rounded up (an order is never found before it expires; one whose
 * expiry falls within the same microsecond as the sweep's instant is found by the next sweep). Tables are prefixed
 * {@code omniretail_chk_}; scripts are the {@code checkout} component's. Thread-safe.
 */
public final class PostgresCheckoutStore extends PostgresStore implements CheckoutStore {

    private final PlacedOrderCodec codec;

    private PostgresCheckoutStore(Builder b) {
        super(b.runner(), Migrations.load("checkout", b.schemaName(), PostgresCheckoutStore.class,
                "/omniretail-db/checkout"));
        this.codec = PlacedOrderCodec.of(b.policies);
    }

    /**
     * A builder.
     *
     * @param dataSource non-null source of connections to the database
     * @return a builder with schema {@code public}, 8 attempts per operation, no statement timeout and the built-in
     *     routing policies
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    private String table(String name) {
        return schema() + ".omniretail_chk_" + name;
    }

    @Override
    public Optional<PlacedOrder> find(IdempotencyKey key) {
        Objects.requireNonNull(key, "key");
        Optional<String> body = openChecked().read("find order", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT body::text FROM " + table("order")
                    + " WHERE key = ?")) {
                p.setString(1, key.value());
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
        return body.map(codec::read);
    }

    @Override
    public boolean save(PlacedOrder order) {
        String body = codec.write(Objects.requireNonNull(order, "order"));
        boolean unpaid = order.status() == OrderStatus.PLACING || order.status() == OrderStatus.PLACED;
        boolean paid = order.status() == OrderStatus.CONFIRMED || order.status() == OrderStatus.FULFILLED;
        String member = order.request().member().map(MemberId::value).orElse(null);
        return openChecked().run("save order", c -> {
            int changed;
            if (order.version() == 1) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table("order") + " (key, version, "
                        + "status, member, expires_at, unpaid, body) VALUES (?, 1, ?, ?, ?, ?, ?::jsonb) "
                        + "ON CONFLICT (key) DO NOTHING")) {
                    p.setString(1, order.key().value());
                    p.setString(2, order.status().name());
                    p.setString(3, member);
                    p.setObject(4, micros(order.expiresAt()));
                    p.setBoolean(5, unpaid);
                    p.setString(6, body);
                    changed = p.executeUpdate();
                }
            } else {
                try (PreparedStatement p = c.prepareStatement("UPDATE " + table("order") + " SET version = ?, "
                        + "status = ?, expires_at = ?, unpaid = ?, body = ?::jsonb, saved_at = now() "
                        + "WHERE key = ? AND version = ?")) {
                    p.setLong(1, order.version());
                    p.setString(2, order.status().name());
                    p.setObject(3, micros(order.expiresAt()));
                    p.setBoolean(4, unpaid);
                    p.setString(5, body);
                    p.setString(6, order.key().value());
                    p.setLong(7, order.version() - 1);
                    changed = p.executeUpdate();
                }
            }
            if (changed == 0) {
                return false;
            }
            if (paid && member != null) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table("paid_member")
                        + " (member) VALUES (?) ON CONFLICT (member) DO NOTHING")) {
                    p.setString(1, member);
                    p.executeUpdate();
                }
            }
            return true;
        });
    }

    @Override
    public List<IdempotencyKey> unpaidBy(Instant instant, int limit) {
        Objects.requireNonNull(instant, "instant");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be > 0, was " + limit);
        }
        return openChecked().read("find unpaid orders", c -> {
            List<IdempotencyKey> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT key FROM " + table("order") + " WHERE unpaid "
                    + "AND expires_at <= ? ORDER BY expires_at, key LIMIT ?")) {
                p.setObject(1, OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
                p.setInt(2, limit);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(IdempotencyKey.of(r.getString(1)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean hasPaidOrder(MemberId member) {
        Objects.requireNonNull(member, "member");
        return openChecked().read("find paid member", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM " + table("paid_member")
                    + " WHERE member = ?")) {
                p.setString(1, member.value());
                try (ResultSet r = p.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    /** The instant rounded up to the microsecond PostgreSQL keeps. */
    private static OffsetDateTime micros(Instant t) {
        Instant down = t.truncatedTo(ChronoUnit.MICROS);
        return OffsetDateTime.ofInstant(down.equals(t) ? t : down.plus(1, ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /**
     * Configures a {@link PostgresCheckoutStore}: schema, attempts, statement timeout, and the routing policies
     * stored orders may name. Not thread-safe.
     */
    public static final class Builder extends StoreBuilder<Builder> {

        private final List<RoutingPolicy> policies = new ArrayList<>();

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
         * Routing policies that orders may carry besides the built-in ones (an order's policy is stored by name;
         * see {@link PlacedOrderCodec}).
         *
         * @param policies non-null policies, each with a name of its own
         * @return this builder
         */
        public Builder policies(Collection<RoutingPolicy> policies) {
            this.policies.addAll(List.copyOf(policies));
            return this;
        }

        /**
         * Builds the store; call {@link #migrate()} once before using it.
         *
         * @return the store
         */
        public PostgresCheckoutStore build() {
            return new PostgresCheckoutStore(this);
        }
    }
}
