package io.github.omniretail.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A probe for the owners' group membership on the in-JVM brokers: two consumers subscribe to a 4-partition topic and
 * split it; when one leaves, the other is given all four. (The build notes warn that subscribe() can stall here.)
 */
class SubscribeProbeTest {

    static KafkaConsumer<String, byte[]> member(String bootstrap, Set<TopicPartition> owned) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-owners");
        c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of("probe.commands"), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                owned.removeAll(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                owned.addAll(partitions);
            }
        });
        return consumer;
    }

    @Test
    void twoMembersSplitThePartitionsAndTheSurvivorTakesThemAll() throws Exception {
        String bootstrap = Brokers.get().bootstrapServers();
        try (Admin admin = Brokers.get().admin()) {
            admin.createTopics(List.of(new NewTopic("probe.commands", 4, (short) 3))).all().get();
        }
        Set<TopicPartition> a = new HashSet<>();
        Set<TopicPartition> b = new HashSet<>();
        long started = System.nanoTime();
        try (KafkaConsumer<String, byte[]> first = member(bootstrap, a)) {
            KafkaConsumer<String, byte[]> second = member(bootstrap, b);
            long deadline = System.currentTimeMillis() + 60_000;
            while ((a.size() + b.size() != 4 || a.isEmpty() || b.isEmpty()) && System.currentTimeMillis() < deadline) {
                first.poll(Duration.ofMillis(100));
                second.poll(Duration.ofMillis(100));
            }
            System.out.printf("split %s / %s after %d ms%n", a, b, (System.nanoTime() - started) / 1_000_000);
            assertEquals(4, a.size() + b.size());
            second.close();
            long leftAt = System.nanoTime();
            deadline = System.currentTimeMillis() + 60_000;
            while (a.size() != 4 && System.currentTimeMillis() < deadline) {
                first.poll(Duration.ofMillis(100));
            }
            System.out.printf("survivor owns %s %d ms after the other left%n", a, (System.nanoTime() - leftAt) / 1_000_000);
            assertEquals(4, a.size());
        }
    }
}
