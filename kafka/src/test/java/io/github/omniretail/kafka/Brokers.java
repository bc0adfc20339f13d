package io.github.omniretail.kafka;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Three KRaft brokers and one controller in the test JVM, started on first use and stopped after the last test class. One separate
 * controller: three combined broker-controllers start but never answer InitProducerId (see kafka/DESIGN.md).
 */
public final class Brokers {
    private static volatile KafkaClusterTestKit cluster;

    private Brokers() {
    }

    /**
     * @return the cluster, started on first use
     * @throws Exception if it cannot start
     */
    public static synchronized KafkaClusterTestKit get() throws Exception {
        if (cluster == null) {
            KafkaClusterTestKit c = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(false).setNumBrokerNodes(3).setNumControllerNodes(1).build())
                    .setConfigProp("transaction.state.log.replication.factor", "3")
                    .setConfigProp("transaction.state.log.min.isr", "2")
                    .setConfigProp("transaction.state.log.num.partitions", "4")
                    .setConfigProp("offsets.topic.replication.factor", "3")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    // back-to-back transactions: the next one's first write waits for the last one's markers
                    .setConfigProp("add.partitions.to.txn.retry.backoff.ms", "1")
                    .setConfigProp("add.partitions.to.txn.retry.backoff.max.ms", "5")
                    // an owner that dies without leaving is noticed in seconds, not the default 45 s
                    .setConfigProp("group.consumer.min.session.timeout.ms", "2000")
                    .setConfigProp("group.consumer.session.timeout.ms", "6000")
                    .setConfigProp("group.consumer.min.heartbeat.interval.ms", "500")
                    .setConfigProp("group.consumer.heartbeat.interval.ms", "1000")
                    .build();
            c.format();
            c.startup();
            c.waitForReadyBrokers();
            cluster = c;
        }
        return cluster;
    }

    /** Stops the brokers, if started (see {@link BrokersExtension}). */
    static synchronized void close() throws Exception {
        KafkaClusterTestKit c = cluster;
        cluster = null;
        if (c != null) {
            c.close();
        }
    }
}
