package io.github.omniretail.benchmarks.inventory;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.InventoryEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;

/**
 * Heap bytes per stock position after GC: loads {@code skus × nodes} positions (default 100,000 × 200 = 20 million,
 * each SKU and node id created once, as a catalogue would) and divides the retained heap growth by the count.
 * Target: at most 32 bytes a position. Run: {@code java -Xmx8g -cp benchmarks/target/benchmarks.jar
 * io.github.omniretail.benchmarks.inventory.InventoryHeapPerPosition [skus] [nodes]}.
 */
public final class InventoryHeapPerPosition {

    private InventoryHeapPerPosition() {
    }

    /**
     * Measures and prints {@code inventory.heapPerPosition <bytes> bytes/position (<positions> positions)}.
     *
     * @param args optional SKU count and node count
     */
    public static void main(String[] args) {
        int skus = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long before = usedAfterGc();
        InventoryEngine engine = InventoryEngine.builder().clock(Clock.systemUTC()).build();
        NodeId[] nodeIds = new NodeId[nodes];
        for (int n = 0; n < nodes; n++) {
            nodeIds[n] = NodeId.of("NODE-" + n);
            engine.registerNode(nodeIds[n]);
        }
        for (int s = 0; s < skus; s++) {
            Sku sku = Sku.of("SKU-" + s);
            engine.registerSku(sku);
            for (int n = 0; n < nodes; n++) {
                engine.loadOnHand(sku, nodeIds[n], 1 + (s + n) % 1000);
            }
        }
        long after = usedAfterGc();
        long positions = (long) skus * nodes;
        double perPosition = (after - before) / (double) positions;
        System.out.printf("inventory.heapPerPosition %.2f bytes/position (%d positions, %d MiB retained)%n",
                perPosition, positions, (after - before) >> 20);
        // Keep the engine reachable until after the measurement.
        if (engine.position(Sku.of("SKU-0"), nodeIds[0]).onHand() < 0) {
            System.out.println("unreachable");
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
