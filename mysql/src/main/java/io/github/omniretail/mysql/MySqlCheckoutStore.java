package io.github.omniretail.mysql;

import io.github.omniretail.checkout.OrderStatus;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.checkout.spi.PlacedOrderCodec;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.routing.RoutingPolicy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The checkout's orders in MySQL or MariaDB, shared by every instance of a service (a {@link CheckoutStore}). Each
 * order is one row: its latest version as JSON ({@link PlacedOrderCodec}) beside the columns searched on. A save is a
 * compare-and-set on the version in one statement: of many writers of one version exactly one is told it saved.
 * Expiry instants are kept to the millisecond, rounded up (an order is never found before it expires). Tables are
 * prefixed {@code omniretail_chk_}. Thread-safe.
 */
public final class MySqlCheckoutStore extends MySqlStore implements CheckoutStore {

    private final PlacedOrderCodec codec;
    private final String t;

    private MySqlCheckoutStore(Builder b) {
        super(b.transactions(), Migrations.load("checkout", b.databaseName(), "/omniretail-mysql/checkout"));
        this.codec = PlacedOrderCodec.of(b.policies);
        this.t = prefix() + "omniretail_chk_";
    }

    /**
     * A builder.
     *
     * @param dataSource non-null source of connections to the database
     * @return a builder on the connection's current database, 8 attempts per operation, the built-in routing
     *     policies
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public Optional<PlacedOrder> find(IdempotencyKey key) {
        Objects.requireNonNull(key, "key");
        Optional<String> body = openChecked().run("find order", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT body FROM " + t + "order WHERE order_key = ?")) {
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
                try (PreparedStatement p = c.prepareStatement("INSERT IGNORE INTO " + t + "order (order_key, version, "
                        + "status, member, expires_at, unpaid, body) VALUES (?, 1, ?, ?, ?, ?, ?)")) {
                    p.setString(1, order.key().value());
                    p.setString(2, order.status().name());
                    p.setString(3, member);
                    p.setLong(4, millisUp(order.expiresAt()));
                    p.setBoolean(5, unpaid);
                    p.setString(6, body);
                    changed = p.executeUpdate();
                }
            } else {
                try (PreparedStatement p = c.prepareStatement("UPDATE " + t + "order SET version = ?, status = ?, "
                        + "expires_at = ?, unpaid = ?, body = ? WHERE order_key = ? AND version = ?")) {
                    p.setLong(1, order.version());
                    p.setString(2, order.status().name());
                    p.setLong(3, millisUp(order.expiresAt()));
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
                try (PreparedStatement p = c.prepareStatement("INSERT IGNORE INTO " + t + "paid_member (member) "
                        + "VALUES (?)")) {
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
        return openChecked().run("find unpaid orders", c -> {
            List<IdempotencyKey> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT order_key FROM " + t + "order WHERE unpaid = TRUE "
                    + "AND expires_at <= ? ORDER BY expires_at, order_key LIMIT ?")) {
                p.setLong(1, instant.toEpochMilli());
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
        return openChecked().run("find paid member", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM " + t + "paid_member WHERE member = ?")) {
                p.setString(1, member.value());
                try (ResultSet r = p.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    /** The instant in epoch milliseconds, rounded up. */
    private static long millisUp(Instant at) {
        long millis = at.toEpochMilli();
        return Instant.ofEpochMilli(millis).equals(at) ? millis : millis + 1;
    }

    /** Configures a {@link MySqlCheckoutStore}. Not thread-safe. */
    public static final class Builder extends MySqlStoreBuilder<Builder> {

        private final List<RoutingPolicy> policies = new ArrayList<>();

        private Builder(DataSource dataSource) {
            super(dataSource);
        }

        /**
         * Routing policies that orders may carry besides the built-in ones (stored by name).
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
        public MySqlCheckoutStore build() {
            return new MySqlCheckoutStore(this);
        }
    }
}
