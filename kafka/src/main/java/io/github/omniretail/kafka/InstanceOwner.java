package io.github.omniretail.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One instance's share of the inventory: either a member of the owners' consumer group (the KIP-848 protocol) that
 * owns whichever command partitions the group gives it, or the owner of a fixed set of partitions. One
 * {@link PartitionOwner} per partition, restored from the changelog when assigned and closed when revoked.
 * {@link #pollOnce} polls and commits each partition's batch in its own transaction; a partition whose owner was
 * fenced (another instance took it) is dropped. Not thread-safe: one thread polls.
 */
final class InstanceOwner implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<Integer, PartitionOwner> owned = new ConcurrentHashMap<>();

    /**
     * @param assigned the partitions to own, or null to own what the group gives
     */
    InstanceOwner(PartitionKind<?> kind, String bootstrap, String application, Object settings,
            java.util.@org.jspecify.annotations.Nullable Set<Integer> assigned, java.util.Properties overrides) {
        PartitionOwner.Topics topics = PartitionOwner.Topics.of(application, kind.name());
        java.util.Properties c = PartitionOwner.consumerConfig(bootstrap, application, kind);
        c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        c.putAll(overrides);
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        if (assigned != null) {
            consumer.assign(assigned.stream().map(p -> new TopicPartition(topics.commands(), p)).toList());
            assigned.forEach(p -> owned.put(p, new PartitionOwner(kind, bootstrap, application, p, settings,
                    consumer)));
            return;
        }
        consumer.subscribe(List.of(topics.commands()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                partitions.forEach(tp -> {
                    PartitionOwner o = owned.remove(tp.partition());
                    if (o != null) {
                        o.close();
                    }
                });
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                partitions.forEach(tp -> owned.put(tp.partition(),
                        new PartitionOwner(kind, bootstrap, application, tp.partition(), settings,
                        consumer)));
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                onPartitionsRevoked(partitions);
            }
        });
    }

    /**
     * Polls once and commits each owned partition's batch.
     *
     * @param timeout how long to wait
     * @return commands committed
     */
    int pollOnce(Duration timeout) {
        ConsumerRecords<String, byte[]> batch = consumer.poll(timeout);
        int done = 0;
        for (TopicPartition tp : batch.partitions()) {
            PartitionOwner o = owned.get(tp.partition());
            if (o != null) {
                try {
                    done += o.run(batch.records(tp), consumer.groupMetadata());
                } catch (org.apache.kafka.common.errors.ProducerFencedException
                        | org.apache.kafka.common.errors.InvalidProducerEpochException e) {
                    // another instance owns it now: this one must never write it again
                    owned.remove(tp.partition());
                    o.close();
                }
            }
        }
        return done;
    }

    /**
     * The partitions this instance owns now.
     *
     * @return partition numbers
     */
    java.util.Set<Integer> partitions() {
        return java.util.Set.copyOf(owned.keySet());
    }

    @Override
    public void close() {
        try {
            consumer.close(Duration.ofSeconds(10));
        } finally {
            owned.values().forEach(PartitionOwner::close);
            owned.clear();
        }
    }
}
