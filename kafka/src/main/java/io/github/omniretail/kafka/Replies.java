package io.github.omniretail.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's reply reader: it reads its reply partition — committed replies only, when owners write them in
 * their transactions; as they come, when owners send them after each commit — from the end as it was when the
 * instance started, and completes the call waiting on each
 * correlation id. Replies nobody waits for (a duplicate, or a call that timed out) are dropped. Thread-safe; one
 * daemon thread reads.
 */
final class Replies implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final int partition;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    Replies(String bootstrap, String topic, int partition, String name, boolean committedOnly) {
        this.partition = partition;
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (committedOnly) { // replies written in the owners' transactions
            c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        TopicPartition tp = new TopicPartition(topic, partition);
        consumer.assign(List.of(tp));
        consumer.seekToEnd(List.of(tp));
        consumer.position(tp); // resolve now: every reply to a command sent from here on is read
        reader = new Thread(this::read, name + "-replies");
        reader.setDaemon(true);
        reader.start();
    }

    int partition() {
        return partition;
    }

    CompletableFuture<JsonNode> expect(String id) {
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        waiting.put(id, f);
        return f;
    }

    void forget(String id) {
        waiting.remove(id);
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    CompletableFuture<JsonNode> f = waiting.remove(r.key());
                    if (f != null) {
                        try {
                            f.complete(EngineWire.JSON.readTree(r.value()));
                        } catch (IOException e) {
                            f.completeExceptionally(e);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("the reply reader stopped; calls on this instance will time out", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
