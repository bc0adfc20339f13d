package io.github.omniretail.kafka;

import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.PointsLedgerContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * The points ledger contract through Kafka: two partitions, so calls about different members and calls naming an
 * earlier transaction by key cross partitions; every call a command run by a partition owner over the stored
 * ledger's kernel, its outcome (or exception, and events) a committed reply.
 */
class KafkaLedgerContractTest extends PointsLedgerContract {
    private static final AtomicInteger DEPLOYMENTS = new AtomicInteger();
    private final List<KafkaLedger> opened = new ArrayList<>();

    @Override
    protected LedgerStore newStore() {
        String app = "ledger-contract-" + DEPLOYMENTS.incrementAndGet();
        try {
            String bootstrap = Brokers.get().bootstrapServers();
            KafkaLedger.createTopics(bootstrap, app, 2, (short) 3);
            KafkaLedger k = KafkaLedger.builder().bootstrapServers(bootstrap).application(app)
                    .ownPartitions(Set.of(0, 1)).build();
            opened.add(k);
            return k.store();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void closeDeployments() {
        opened.forEach(KafkaLedger::close);
    }
}
