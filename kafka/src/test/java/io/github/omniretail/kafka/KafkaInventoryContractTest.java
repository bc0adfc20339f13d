package io.github.omniretail.kafka;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InventoryEngineContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * The whole inventory engine contract through Kafka: every call a command on the in-JVM brokers, run by a partition
 * owner over the stored engine's kernel, its outcome (or exception, and events) a committed reply.
 */
class KafkaInventoryContractTest extends InventoryEngineContract {
    private static final AtomicInteger DEPLOYMENTS = new AtomicInteger();
    private final List<KafkaInventory> opened = new ArrayList<>();

    @Override
    protected InventoryStore newStore() {
        try {
            String app = "contract-" + DEPLOYMENTS.incrementAndGet();
            String bootstrap = Brokers.get().bootstrapServers();
            KafkaInventory.createTopics(bootstrap, app, 1, (short) 3);
            KafkaInventory k = KafkaInventory.builder().bootstrapServers(bootstrap).application(app)
                    .ownPartitions(Set.of(0)).build();
            opened.add(k);
            return k.store();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void closeDeployments() {
        opened.forEach(KafkaInventory::close);
    }
}
