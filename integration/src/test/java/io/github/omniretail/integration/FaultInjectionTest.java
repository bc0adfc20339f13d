package io.github.omniretail.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.postgres.StoreException;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.postgres.PostgresInventoryStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures injected into real PostgreSQL sessions: a backend terminated mid-transaction, a commit whose
 * acknowledgement is lost, statement timeouts behind a lock, and the server restarted under load. Every operation
 * ends exactly once: never lost, never applied twice.
 */
class FaultInjectionTest {

    static final Sku SKU = Sku.of("MILK-1L");
    static final NodeId NODE = NodeId.of("ST-1");
    static final Channel APP = Channel.of("app", ChannelKind.APP);

    /** A data source whose connections can kill their own backend before a statement, or lose a commit's ack. */
    static final class FaultyDataSource implements DataSource {
        final DataSource delegate;
        final AtomicInteger terminateBefore = new AtomicInteger();
        volatile String terminateAt = "";
        final AtomicInteger loseCommitAcks = new AtomicInteger();
        final AtomicInteger connections = new AtomicInteger();

        FaultyDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            Connection real = delegate.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement") && args != null
                                && ((String) args[0]).contains(terminateAt) && terminateBefore.getAndUpdate(
                                        n -> Math.max(0, n - 1)) > 0) {
                            terminate(real);
                        }
                        if (method.getName().equals("commit") && loseCommitAcks.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            real.commit();
                            throw new SQLException("injected: connection lost after the commit was sent", "08006");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        /** Terminates the connection's backend from another session, as an operator or a failover would. */
        private void terminate(Connection victim) throws SQLException {
            int pid;
            try (PreparedStatement p = victim.prepareStatement("SELECT pg_backend_pid()"); ResultSet r = p.executeQuery()) {
                r.next();
                pid = r.getInt(1);
            }
            try (Connection admin = delegate.getConnection();
                    PreparedStatement p = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                p.setInt(1, pid);
                p.execute();
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    private static InventoryEngine engine(DataSource ds, String schema, PostgresInventoryStore.Builder options) {
        PostgresInventoryStore store = options.schema(schema).build();
        store.migrate();
        InventoryEngine engine = InventoryEngine.builder().store(store).clock(Clock.systemUTC()).build();
        engine.registerNode(NODE);
        engine.registerSku(SKU);
        return engine;
    }

    private static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(sql);
                ResultSet r = p.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void badInputNeverReachesTheDatabase() {
        FaultyDataSource ds = new FaultyDataSource(Databases.dataSource());
        String schema = Databases.freshSchema("fault");
        InventoryEngine engine = engine(ds, schema, PostgresInventoryStore.builder(ds));
        io.github.omniretail.postgres.PostgresLedgerStore loyalty =
                io.github.omniretail.postgres.PostgresLedgerStore.builder(ds).schema(schema).build();
        loyalty.migrate();
        io.github.omniretail.loyalty.PointsLedger ledger = io.github.omniretail.loyalty.PointsLedger.builder()
                .store(loyalty).clock(Clock.systemUTC()).build();
        int before = ds.connections.get();
        assertThrows(IllegalArgumentException.class, () -> engine.receive(IdempotencyKey.of("k"), SKU, NODE, 0));
        assertThrows(IllegalArgumentException.class, () -> engine.receive(IdempotencyKey.of(" "), SKU, NODE, 1));
        assertThrows(NullPointerException.class, () -> engine.receive(IdempotencyKey.of("k"), null, NODE, 1));
        assertThrows(IllegalArgumentException.class, () -> engine.adjust(IdempotencyKey.of("k"), SKU, NODE, 0,
                "damage"));
        assertThrows(IllegalArgumentException.class, () -> engine.adjust(IdempotencyKey.of("k"), SKU, NODE, -1, " "));
        assertThrows(IllegalArgumentException.class, () -> engine.dispatchTransfer(IdempotencyKey.of("k"), SKU, NODE,
                NODE, 1));
        assertThrows(IllegalArgumentException.class, () -> engine.fulfil(IdempotencyKey.of("k"),
                io.github.omniretail.inventory.HoldId.of(1), 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> engine.extend(IdempotencyKey.of("k"), io.github.omniretail.inventory.HoldId.of(1),
                        Duration.ZERO));
        io.github.omniretail.core.MemberId alice = io.github.omniretail.core.MemberId.of("M-1");
        assertThrows(IllegalArgumentException.class,
                () -> ledger.redeem(io.github.omniretail.core.IdempotencyKey.of("r"), alice, 0));
        assertThrows(IllegalArgumentException.class, () -> ledger.hold(
                io.github.omniretail.core.IdempotencyKey.of("h"), alice, 10, Duration.ofMinutes(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> ledger.merge(io.github.omniretail.core.IdempotencyKey.of("m"), alice, alice));
        assertThrows(IllegalArgumentException.class, () -> ledger.statement(alice, 0, 0));
        assertEquals(before, ds.connections.get(), "no connection was taken for bad input");
    }

    @Test
    void aBackendTerminatedMidTransactionIsRetriedAndTheHoldExistsOnce() throws Exception {
        FaultyDataSource ds = new FaultyDataSource(Databases.dataSource());
        String schema = Databases.freshSchema("fault");
        InventoryEngine engine = engine(ds, schema, PostgresInventoryStore.builder(ds));
        engine.receive(IdempotencyKey.of("in"), SKU, NODE, 10);
        ds.terminateAt = schema + ".omniretail_inv_write(";
        ds.terminateBefore.set(2);
        HoldRequest request = HoldRequest.builder(IdempotencyKey.of("cart-1"), APP, Duration.ofMinutes(15))
                .line(HoldLine.atNode(SKU, NODE, 4)).build();
        Hold hold = engine.hold(request);
        assertEquals(0, ds.terminateBefore.get(), "both injected terminations happened");
        assertEquals(hold, engine.hold(request), "a retry by the caller replays the same hold");
        assertEquals(1, count(ds, "SELECT count(*) FROM " + schema + ".omniretail_inv_hold"));
        assertEquals(4, engine.position(SKU, NODE).held());
    }

    @Test
    void aLostCommitAcknowledgementIsRetriedWithTheSameKeyAndAppliedOnce() throws Exception {
        FaultyDataSource ds = new FaultyDataSource(Databases.dataSource());
        String schema = Databases.freshSchema("fault");
        InventoryEngine engine = engine(ds, schema, PostgresInventoryStore.builder(ds));
        ds.loseCommitAcks.set(1);
        assertEquals(5, engine.receive(IdempotencyKey.of("receipt-1"), SKU, NODE, 5).onHand(),
                "the retry replays the committed receipt");
        assertEquals(0, ds.loseCommitAcks.get());
        assertEquals(5, engine.position(SKU, NODE).onHand(), "received once, not twice");
    }

    @Test
    void statementTimeoutsBehindALockAreRetriedThenSurfacedClearly() throws Exception {
        DataSource ds = Databases.dataSource();
        String schema = Databases.freshSchema("fault");
        InventoryEngine engine = engine(ds, schema, PostgresInventoryStore.builder(ds)
                .statementTimeout(Duration.ofMillis(200)).maxAttempts(3));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread blocker = new Thread(() -> {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended("
                        + "'omniretail.inv." + schema + ".' || ?, 0))")) {
                    p.setString(1, SKU.value());
                    p.executeQuery().close();
                }
                locked.countDown();
                release.await();
                c.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        blocker.start();
        locked.await();
        StoreException e = assertThrows(StoreException.class, () -> engine.receive(IdempotencyKey.of("receipt-1"),
                SKU, NODE, 3));
        assertTrue(e.isTransient());
        assertEquals(3, e.attempts());
        assertEquals(Optional.of("57014"), e.sqlState(), "a statement timeout");
        release.countDown();
        blocker.join();
        assertEquals(3, engine.receive(IdempotencyKey.of("receipt-1"), SKU, NODE, 3).onHand(),
                "the caller's retry applies it once");
        assertEquals(3, engine.receive(IdempotencyKey.of("receipt-1"), SKU, NODE, 3).onHand(),
                "and replays it after that");
    }

    @Test
    void aDatabaseRestartUnderLoadLosesAndDoublesNothing(@TempDir Path data) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres.Builder server = EmbeddedPostgres.builder().setDataDirectory(data)
                .setCleanDataDirectory(false).setPort(port);
        EmbeddedPostgres first = server.start();
        EmbeddedPostgres second = null;
        boolean firstClosed = false;
        try (HikariDataSource ds = Databases.pool("jdbc:postgresql://localhost:" + port + "/postgres", 4)) {
            ds.setConnectionTimeout(500);
            InventoryEngine engine = engine(ds, "restart", PostgresInventoryStore.builder(ds).maxAttempts(40));
            int receipts = 300;
            AtomicInteger acknowledged = new AtomicInteger();
            java.util.concurrent.atomic.AtomicReference<Throwable> died = new java.util.concurrent.atomic.AtomicReference<>();
            Thread load = new Thread(() -> {
                try {
                    for (int i = 0; i < receipts; i++) {
                        engine.receive(IdempotencyKey.of("r-" + i), SKU, NODE, 1);
                        acknowledged.incrementAndGet();
                    }
                } catch (Throwable e) {
                    died.set(e);
                }
            });
            load.start();
            while (acknowledged.get() < 50) {
                Thread.sleep(5);
            }
            first.close(); // stops the server; the data directory stays
            firstClosed = true;
            second = server.start();
            load.join(120_000);
            if (died.get() != null) {
                throw new AssertionError("the load died during the restart", died.get());
            }
            assertEquals(receipts, acknowledged.get(), "every receipt was acknowledged");
            assertEquals(receipts, engine.position(SKU, NODE).onHand(), "none lost, none applied twice");
            assertEquals(receipts, count(ds, "SELECT count(*) FROM restart.omniretail_inv_idempotency WHERE key LIKE 'r-%'"));
        } finally {
            if (second != null) {
                second.close();
            }
            if (!firstClosed) {
                first.close();
            }
        }
    }
}
