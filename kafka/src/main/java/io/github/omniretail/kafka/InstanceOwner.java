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
    /** Replies sent after each commit; null when they are written in the transaction. */
    private final org.apache.kafka.clients.producer.@org.jspecify.annotations.Nullable KafkaProducer<String, byte[]>
            replies;
    private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newCachedThreadPool(
            r -> {
                Thread t = new Thread(r, "omniretail-partition-owner");
                t.setDaemon(true);
                return t;
            });

    /**
     * @param assigned the partitions to own, or null to own what the group gives
     */
    InstanceOwner(PartitionKind<?> kind, String bootstrap, String application, Object settings,
            java.util.@org.jspecify.annotations.Nullable Set<Integer> assigned, java.util.Properties overrides,
            boolean repliesAfterCommit) {
        PartitionOwner.Topics topics = PartitionOwner.Topics.of(application, kind.name());
        java.util.Properties c = PartitionOwner.consumerConfig(bootstrap, application, kind);
        c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        c.putAll(overrides);
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        if (repliesAfterCommit) {
            java.util.Properties r = new java.util.Properties();
            r.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            r.put(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG, "0");
            r.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "1");
            replies = new org.apache.kafka.clients.producer.KafkaProducer<>(r,
                    new org.apache.kafka.common.serialization.StringSerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer());
        } else {
            replies = null;
        }
        if (assigned != null) {
            consumer.assign(assigned.stream().map(p -> new TopicPartition(topics.commands(), p)).toList());
            assigned.forEach(p -> owned.put(p, new PartitionOwner(kind, bootstrap, application, p, settings,
                    consumer, replies)));
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
                        consumer, replies)));
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                onPartitionsRevoked(partitions);
            }
        });
    }

    /**
     * Polls once and commits each owned partition's batch, the partitions in parallel (each its own transaction, on
     * a thread of its own); returns when every batch is committed or aborted.
     *
     * @param timeout how long to wait
     * @return commands committed
     */
    int pollOnce(Duration timeout) {
        ConsumerRecords<String, byte[]> batch = consumer.poll(timeout);
        if (batch.isEmpty()) {
            return 0;
        }
        Map<Integer, java.util.concurrent.Future<Integer>> running = new java.util.HashMap<>();
        for (TopicPartition tp : batch.partitions()) {
            PartitionOwner o = owned.get(tp.partition());
            if (o != null) {
                running.put(tp.partition(), workers.submit(() -> o.run(batch.records(tp))));
            }
        }
        int done = 0;
        for (Map.Entry<Integer, java.util.concurrent.Future<Integer>> r : running.entrySet()) {
            try {
                done += r.getValue().get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.ProducerFencedException
                        || e.getCause() instanceof org.apache.kafka.common.errors.InvalidProducerEpochException) {
                    // another instance owns it now: this one must never write it again
                    PartitionOwner o = owned.remove(r.getKey());
                    if (o != null) {
                        o.close();
                    }
                } else if (e.getCause() instanceof RuntimeException x) {
                    throw x;
                } else {
                    throw new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.common.errors.InterruptException(e);
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
            workers.shutdownNow();
            if (replies != null) {
                replies.close(Duration.ofSeconds(5));
            }
        }
    }
}
