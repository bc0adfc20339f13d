package io.github.omniretail.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.postgres.PostgresInventoryStore;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three JVM processes reserve, confirm and fulfil the same scarce SKUs on one database; one is killed mid-run
 * ({@code destroyForcibly}) and restarted, retrying its in-flight request with the same keys. Afterwards no unit
 * is oversold and every acknowledged request is in the database exactly once, with the acknowledged outcome.
 */
class MultiProcessHammerTest {

    static final int WORKERS = 3;
    static final int REQUESTS = 150;
    static final int STOCK = 60;

    @Test
    void threeProcessesOneKilledAndRestartedNothingOversoldNothingLostOrDoubled(@TempDir Path dir) throws Exception {
        Databases db = Databases.get();
        String schema = Databases.freshSchema("hammer");
        PostgresInventoryStore store = PostgresInventoryStore.builder(db.pool).schema(schema).build();
        store.migrate();
        InventoryEngine engine = InventoryEngine.builder().store(store).clock(Clock.systemUTC()).build();
        HammerWorker.NODES.forEach(engine::registerNode);
        for (Sku sku : HammerWorker.SKUS) {
            engine.registerSku(sku);
            for (NodeId node : HammerWorker.NODES) {
                engine.receive(IdempotencyKey.of("stock-" + sku + node), sku, node, STOCK);
            }
        }
        io.github.omniretail.postgres.PostgresLedgerStore ledgerStore =
                io.github.omniretail.postgres.PostgresLedgerStore.builder(db.pool).schema(schema).build();
        ledgerStore.migrate();
        io.github.omniretail.loyalty.PointsLedger ledger = HammerWorker.ledger(db.pool, schema);
        HammerWorker.MEMBERS.forEach(ledger::enrol);
        String url = db.postgres.getJdbcUrl("postgres", "postgres");
        List<Process> processes = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            processes.add(start(url, schema, w, dir));
        }
        // kill worker 0 once it has acknowledged some work, then restart it on the same log
        Path log0 = dir.resolve("worker-0.log");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (lines(log0) < 60 && processes.get(0).isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(processes.get(0).isAlive(), "worker 0 was still running when killed");
        processes.get(0).destroyForcibly().waitFor();
        int ackedBeforeKill = lines(log0);
        processes.set(0, start(url, schema, 0, dir));
        for (int w = 0; w < WORKERS; w++) {
            Process p = processes.get(w);
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "worker " + w + " finished");
            assertEquals(0, p.exitValue(), "worker " + w + " exit code (3 = a replay differed from its ack); "
                    + Files.readString(dir.resolve("worker-" + w + ".err")));
        }
        assertTrue(lines(log0) > ackedBeforeKill, "the restarted worker carried on");

        // every acknowledged step is recorded exactly once, with the acknowledged outcome
        Map<String, String> acked = new HashMap<>();
        for (int w = 0; w < WORKERS; w++) {
            for (String line : Files.readAllLines(dir.resolve("worker-" + w + ".log"), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                String before = acked.put(f[2], f[3]);
                assertTrue(before == null, "key " + f[2] + " acknowledged twice");
            }
        }
        Map<String, Long> holdOfKey = new HashMap<>();
        Map<Long, String> statusOfHold = new HashMap<>();
        long[] fulfilled = new long[HammerWorker.SKUS.size() * HammerWorker.NODES.size()];
        try (Connection c = db.pool.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("SELECT key, failed, outcome->'value'->>'id' FROM " + schema
                    + ".omniretail_inv_idempotency WHERE key ~ '^w[0-9]+-[0-9]+$'")) {
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        if (!r.getBoolean(2)) {
                            Long previous = holdOfKey.put(r.getString(1), r.getLong(3));
                            assertTrue(previous == null);
                        }
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT id, status FROM " + schema + ".omniretail_inv_hold")) {
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        statusOfHold.put(r.getLong(1), r.getString(2));
                    }
                }
            }
            fulfilledUnits(c, schema, fulfilled);
        }
        assertEquals(holdOfKey.size(), statusOfHold.size(), "one hold per successful hold key, none without a key");
        assertEquals(holdOfKey.size(), Map.copyOf(holdOfKey).values().stream().distinct().count(), "no hold twice");
        for (Map.Entry<String, String> a : acked.entrySet()) {
            String key = a.getKey();
            if (key.matches("w\\d+-\\d+")) {
                if (a.getValue().equals("refused")) {
                    assertTrue(!holdOfKey.containsKey(key), key + " was refused and made no hold");
                } else {
                    assertEquals(Long.valueOf(a.getValue()), holdOfKey.get(key), "hold of " + key);
                }
            } else if (key.endsWith("-f")) {
                long hold = holdOfKey.get(key.substring(0, key.length() - 2));
                assertEquals("FULFILLED", statusOfHold.get(hold), key);
            } else if (key.endsWith("-r")) {
                long hold = holdOfKey.get(key.substring(0, key.length() - 2));
                assertEquals("RELEASED", statusOfHold.get(hold), key);
            }
        }
        // nothing oversold: on-hand = stock − fulfilled units, never negative, and what is held fits
        int slot = 0;
        for (Sku sku : HammerWorker.SKUS) {
            for (NodeId node : HammerWorker.NODES) {
                Position p = engine.position(sku, node);
                assertEquals(STOCK - fulfilled[slot], p.onHand(), "conservation at " + sku + "@" + node);
                assertTrue(p.onHand() >= 0 && p.held() <= p.onHand(), "never oversold at " + sku + "@" + node + ": " + p);
                slot++;
            }
        }
        assertTrue(java.util.Arrays.stream(fulfilled).sum() > STOCK, "the SKUs really were contended");

        // the outbox: after de-duplication by id, exactly one HoldPlaced per hold that exists (killed batches
        // included: their events committed with them or not at all), a fulfilment for every fulfilled hold
        Map<Long, io.github.omniretail.postgres.OutboxEvent<io.github.omniretail.inventory.StockEvent>> events = new HashMap<>();
        io.github.omniretail.postgres.InventoryOutbox outbox = store.outbox();
        while (outbox.deliver("audit", 1_000, e -> events.put(e.id(), e)) > 0) {
            // drain
        }
        Map<Long, Integer> placed = new HashMap<>();
        java.util.Set<Long> fulfilledHolds = new java.util.HashSet<>();
        for (io.github.omniretail.postgres.OutboxEvent<io.github.omniretail.inventory.StockEvent> e : events.values()) {
            if (e.event() instanceof io.github.omniretail.inventory.StockEvent.HoldPlaced p) {
                placed.merge(p.hold().value(), 1, Integer::sum);
            } else if (e.event() instanceof io.github.omniretail.inventory.StockEvent.HoldFulfilled f) {
                fulfilledHolds.add(f.hold().value());
            }
        }
        assertEquals(statusOfHold.keySet(), placed.keySet(), "a HoldPlaced event for every hold, and only those");
        assertTrue(placed.values().stream().allMatch(n -> n == 1), "each hold placed once");
        statusOfHold.forEach((hold, status) -> assertEquals(status.equals("FULFILLED"),
                fulfilledHolds.contains(hold), "fulfilment events of hold " + hold + " (" + status + ")"));

        // points: every acknowledged posting once, with its points; members' balances are exactly their sum
        long ackedPoints = 0;
        int postings = 0;
        for (Map.Entry<String, String> a : acked.entrySet()) {
            if (a.getKey().endsWith("-pts")) {
                ackedPoints += Long.parseLong(a.getValue());
                postings++;
                try (Connection c = db.pool.getConnection(); PreparedStatement p = c.prepareStatement(
                        "SELECT count(*) FROM " + schema + ".omniretail_ldg_entry WHERE txn_id = ?")) {
                    p.setString(1, a.getKey());
                    try (ResultSet r = p.executeQuery()) {
                        r.next();
                        assertEquals(1, r.getInt(1), "entries for " + a.getKey());
                    }
                }
            }
        }
        assertTrue(postings > 50, "points were posted: " + postings);
        long balances = 0;
        for (io.github.omniretail.core.MemberId m : HammerWorker.MEMBERS) {
            io.github.omniretail.loyalty.Balance b = ledger.balance(m);
            assertEquals(b, ledger.rebuild(m), "replay of " + m);
            balances += b.available() + b.pending();
        }
        assertEquals(ackedPoints, balances, "0 points lost or duplicated");
        assertEquals(-ackedPoints, ledger.programBalance(io.github.omniretail.loyalty.AccountKind.ISSUANCE));
    }

    private static void fulfilledUnits(Connection c, String schema, long[] fulfilled) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT l->>0, c.nodes[(l->>2)::int + 1], sum((l->>5)::int) FROM "
                + schema + ".omniretail_inv_hold h CROSS JOIN " + schema + ".omniretail_inv_catalogue c, "
                + "json_array_elements(h.body->'lines') l GROUP BY 1, 2")) {
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    int s = HammerWorker.SKUS.indexOf(Sku.of(r.getString(1)));
                    int n = HammerWorker.NODES.indexOf(NodeId.of(r.getString(2)));
                    fulfilled[s * HammerWorker.NODES.size() + n] += r.getLong(3);
                }
            }
        }
    }

    private static Process start(String url, String schema, int worker, Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HammerWorker.class.getName(), url, schema, String.valueOf(worker), String.valueOf(REQUESTS),
                dir.resolve("worker-" + worker + ".log").toString());
        pb.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("worker-" + worker + ".err").toFile()));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir.toFile(), "worker-" + worker + ".out")));
        return pb.start();
    }

    private static int lines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8).size() : 0;
    }
}
