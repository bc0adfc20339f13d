package io.github.omniretail.benchmarks.persistence;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The hold workload the database benchmarks share: our hold through an engine, and the naive peer — one
 * transaction per request, a conditional {@code UPDATE … SET held = held + q WHERE … AND on_hand − held − safety >= q}
 * per line in (SKU, node) order (so the peer cannot deadlock), then an insert of the hold row keyed by the
 * idempotency key. Stateless.
 */
final class HoldWorkload {

    private HoldWorkload() {
    }

    static Object ours(InventoryEngine engine, AtomicLong keys, Channel channel, int[] skus, int[] nodes) {
        HoldRequest.Builder b = HoldRequest.builder(IdempotencyKey.of("h" + keys.incrementAndGet()), channel,
                Duration.ofMinutes(15));
        for (int i = 0; i < skus.length; i++) {
            b.line(HoldLine.atNode(Sku.of("S" + skus[i]), NodeId.of("N" + nodes[i]), 1));
        }
        try {
            return engine.hold(b.build());
        } catch (InsufficientStockException e) {
            return e;
        }
    }

    /**
     * The peer: a connection from the pool, a conditional UPDATE per line in (SKU, node) order, then the hold row;
     * one transaction.
     *
     * @param tables the qualifier of the peer's {@code positions} and {@code holds} tables ({@code "public."})
     */
    static boolean peer(DataSource pool, String tables, AtomicLong keys, int nodeCount, int[] skus, int[] nodes)
            throws SQLException {
        long[] order = new long[skus.length];
        for (int i = 0; i < skus.length; i++) {
            order[i] = (long) skus[i] * nodeCount + nodes[i];
        }
        Arrays.sort(order);
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("UPDATE " + tables + "positions SET held = held + ? "
                    + "WHERE sku = ? AND node = ? AND on_hand - held - safety >= ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO " + tables + "holds (idempotency_key, "
                            + "line_count) VALUES (?, ?)")) {
                for (long key : order) {
                    update.setInt(1, 1);
                    update.setInt(2, (int) (key / nodeCount));
                    update.setInt(3, (int) (key % nodeCount));
                    update.setInt(4, 1);
                    if (update.executeUpdate() != 1) {
                        c.rollback();
                        return false;
                    }
                }
                insert.setString(1, "b" + keys.incrementAndGet());
                insert.setInt(2, skus.length);
                insert.executeUpdate();
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    static int[] threeSkus(SplittableRandom random, int skuCount) {
        int a = random.nextInt(skuCount);
        int b = random.nextInt(skuCount - 1);
        b = b >= a ? b + 1 : b;
        int c = random.nextInt(skuCount);
        while (c == a || c == b) {
            c = random.nextInt(skuCount);
        }
        return new int[] {a, b, c};
    }

    static int[] threeNodes(SplittableRandom random, int nodeCount) {
        return new int[] {random.nextInt(nodeCount), random.nextInt(nodeCount), random.nextInt(nodeCount)};
    }
}
