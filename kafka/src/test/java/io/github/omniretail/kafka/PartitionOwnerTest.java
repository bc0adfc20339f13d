package io.github.omniretail.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** One partition's owner on real brokers: holds never oversell, a new owner continues, a zombie cannot commit. */
class PartitionOwnerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A caller: sends commands, reads replies by correlation id. */
    static final class Caller implements AutoCloseable {
        final PartitionOwner.Topics topics;
        final KafkaProducer<String, byte[]> producer;
        final KafkaConsumer<String, byte[]> replies;
        final Map<String, JsonNode> seen = new HashMap<>();

        Caller(String bootstrap, PartitionOwner.Topics topics) {
            this.topics = topics;
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            replies = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
            TopicPartition tp = new TopicPartition(topics.replies(), 0);
            replies.assign(List.of(tp));
            replies.seekToBeginning(List.of(tp));
        }

        String send(String sku, ObjectNode command) throws Exception {
            String id = UUID.randomUUID().toString();
            command.put("id", id);
            producer.send(new ProducerRecord<>(topics.commands(), 0, sku, JSON.writeValueAsBytes(command))).get();
            return id;
        }

        JsonNode reply(String id, PartitionOwner owner) throws Exception {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!seen.containsKey(id) && System.currentTimeMillis() < deadline) {
                owner.pollOnce(Duration.ofMillis(50));
                for (ConsumerRecord<String, byte[]> r : replies.poll(Duration.ofMillis(50))) {
                    seen.put(r.key(), JSON.readTree(r.value()));
                }
            }
            JsonNode reply = seen.get(id);
            if (reply == null) {
                throw new AssertionError("no reply to " + id);
            }
            return reply;
        }

        @Override
        public void close() {
            producer.close();
            replies.close();
        }
    }

    static PartitionOwner.Topics topics(String prefix) throws Exception {
        PartitionOwner.Topics t = PartitionOwner.Topics.of(prefix);
        try (Admin admin = Brokers.get().admin()) {
            admin.createTopics(List.of(new NewTopic(t.commands(), 1, (short) 3), new NewTopic(t.replies(), 1, (short) 3),
                    new NewTopic(t.events(), 1, (short) 3), new NewTopic(t.changelog(), 1, (short) 3)
                            .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        return t;
    }

    static ObjectNode receive(String key, int units) {
        return JSON.createObjectNode().put("op", "receive").put("key", key).put("sku", "MILK").put("node", "ST-1")
                .put("quantity", units);
    }

    static ObjectNode hold(String key, int units) {
        ObjectNode c = JSON.createObjectNode().put("op", "hold").put("key", key).put("channel", "app").put("kind", "APP")
                .put("ttlSeconds", 900);
        c.putArray("lines").addObject().put("sku", "MILK").put("node", "ST-1").put("quantity", units);
        return c;
    }

    @Test
    void holdsNeverOversellAndANewOwnerContinuesWhereTheFencedOneStopped() throws Exception {
        String bootstrap = Brokers.get().bootstrapServers();
        PartitionOwner.Topics t = topics("t1");
        MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T02:00:00Z"));
        PartitionOwner first = new PartitionOwner(bootstrap, "shop", t, 0, clock);
        try (Caller caller = new Caller(bootstrap, t)) {
            assertEquals(10, caller.reply(caller.send("MILK", receive("grn-1", 10)), first).get("ok").get("atp").intValue());
            int held = 0;
            int refused = 0;
            String firstHold = null;
            for (int i = 0; i < 14; i++) {
                JsonNode r = caller.reply(caller.send("MILK", hold("h-" + i, 1)), first);
                if (r.has("ok")) {
                    held++;
                    firstHold = firstHold == null ? r.get("ok").get("hold").asText() : firstHold;
                } else {
                    refused++;
                    assertEquals("InsufficientStockException", r.get("error").get("type").textValue());
                }
            }
            assertEquals(10, held);
            assertEquals(4, refused);

            // a second owner takes the partition: it restores from the changelog and fences the first
            PartitionOwner second = new PartitionOwner(bootstrap, "shop", t, 0, clock);
            caller.send("MILK", hold("late", 1));
            assertThrows(ProducerFencedException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    first.pollOnce(Duration.ofMillis(100));
                }
            }, "the zombie can never commit");
            first.close();
            JsonNode retried = caller.reply(caller.send("MILK", hold("h-0", 1)), second);
            assertEquals(firstHold, retried.get("ok").get("hold").asText(), "a retry is answered from the changelog");
            JsonNode atp = caller.reply(caller.send("MILK", JSON.createObjectNode().put("op", "atp").put("sku", "MILK")
                    .put("node", "ST-1").put("channel", "app").put("kind", "APP")), second);
            assertEquals(0, atp.get("ok").get("atp").intValue(), "never oversold across owners");
            JsonNode release = caller.reply(caller.send("MILK", JSON.createObjectNode().put("op", "release")
                    .put("key", "r-0").put("hold", Long.parseLong(firstHold))), second);
            assertEquals("RELEASED", release.get("ok").get("status").textValue());
            assertTrue(caller.seen.values().stream().filter(r -> r.has("ok") && r.get("ok").has("hold")).count() >= 11);
            second.close();
        }
    }
}
