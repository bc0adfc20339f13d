package io.github.omniretail.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.InventoryEngine;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * MySQL hands out auto-increment ids at insert, not at commit: an event id taken by a transaction still open (or
 * rolled back) leaves a gap. The relay must neither skip an event that commits late nor wait forever on one that
 * never will: it delivers up to the gap, then waits out the open writer (the gate), then delivers across.
 */
class MySqlOutboxGapTest {

    private static final Sku SKU = Sku.of("GAP-1");
    private static final NodeId STORE = NodeId.of("ST-1");

    @Test
    void aLateCommitIsDeliveredInItsPlaceAndARollbackIsSteppedOver() throws Exception {
        String database = MariaDb.freshDatabase("gap");
        MySqlInventoryStore store = MySqlInventoryStore.builder(MariaDb.dataSource()).database(database).build();
        store.migrate();
        InventoryEngine engine = InventoryEngine.builder().store(store).clock(Clock.systemUTC()).build();
        engine.registerNode(STORE);
        engine.registerSku(SKU);
        engine.receive(IdempotencyKey.of("in-1"), SKU, STORE, 1);
        InventoryOutbox outbox = store.outbox();
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        assertEquals(1, outbox.deliver("erp", 100, e -> seen.add(e.id())));

        for (boolean commit : new boolean[] {true, false}) {
            try (Connection late = MariaDb.dataSource().getConnection()) {
                late.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                late.setAutoCommit(false);
                try (Statement s = late.createStatement()) {
                    // a writer that took the gate and an event id, and has not committed yet
                    s.executeQuery("SELECT id FROM " + database + ".omniretail_inv_event_gate WHERE id = 1 "
                            + "LOCK IN SHARE MODE").close();
                    s.executeUpdate("INSERT INTO " + database + ".omniretail_inv_event (occurred_at, type, body) "
                            + "SELECT occurred_at, type, body FROM " + database + ".omniretail_inv_event "
                            + "ORDER BY id LIMIT 1");
                }
                engine.receive(IdempotencyKey.of("in-after-" + commit), SKU, STORE, 1); // commits after the gap
                int before = seen.size();
                CompletableFuture<Integer> relay = CompletableFuture.supplyAsync(
                        () -> outbox.deliver("erp", 100, e -> seen.add(e.id())));
                Thread.sleep(300);
                assertFalse(relay.isDone(), "the relay waits for the open writer instead of passing its id");
                assertEquals(before, seen.size(), "nothing after the gap was delivered meanwhile");
                if (commit) {
                    late.commit();
                } else {
                    late.rollback();
                }
                int delivered = relay.get(30, TimeUnit.SECONDS);
                assertEquals(commit ? 2 : 1, delivered, "the late event, if it committed, then the one after it");
            }
        }
        List<Long> sorted = new ArrayList<>(seen);
        sorted.sort(null);
        assertEquals(sorted, seen, "delivered in id order");
        assertEquals(4, seen.size(), "first receipt, late commit, receipt, receipt; the rolled-back id skipped");
        assertEquals(0, outbox.backlog("erp"));
    }
}
