package io.github.omniretail.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Two instances share four partitions through the owners' group; one leaves mid-stream and the other takes its
 * partitions over from the changelog: every command is answered exactly once, and no SKU is oversold.
 */
class InventoryOwnerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPartitionHandedOverMidStreamLosesAndRepeatsNothing() throws Exception {
        String bootstrap = Brokers.get().bootstrapServers();
        PartitionOwner.Topics t = PartitionOwner.Topics.of("t2");
        try (Admin admin = Brokers.get().admin()) {
            admin.createTopics(List.of(new NewTopic(t.commands(), 4, (short) 3), new NewTopic(t.replies(), 1, (short) 3),
                    new NewTopic(t.events(), 4, (short) 3), new NewTopic(t.changelog(), 4, (short) 3)
                            .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T02:00:00Z"));
        InventoryOwner a = new InventoryOwner(bootstrap, "shop2", t, clock);
        InventoryOwner b = new InventoryOwner(bootstrap, "shop2", t, clock);
        AtomicBoolean runB = new AtomicBoolean(true);
        AtomicBoolean runA = new AtomicBoolean(true);
        Thread ta = new Thread(() -> {
            while (runA.get()) {
                a.pollOnce(Duration.ofMillis(50));
            }
        });
        Thread tb = new Thread(() -> {
            while (runB.get()) {
                b.pollOnce(Duration.ofMillis(50));
            }
            b.close();
        });
        ta.start();
        tb.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while ((a.partitions().isEmpty() || b.partitions().isEmpty() || a.partitions().size() + b.partitions().size() != 4)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(4, a.partitions().size() + b.partitions().size(), "the group split the partitions");

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<String> sent = new ArrayList<>();
        Map<String, String> skuOf = new HashMap<>();
        Map<String, Boolean> isHold = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int s = 0; s < 8; s++) {
                String sku = "SKU-" + s;
                ObjectNode c = JSON.createObjectNode().put("op", "receive").put("key", "grn-" + s).put("sku", sku)
                        .put("node", "ST-1").put("quantity", 5);
                send(producer, t, sku, c, sent, skuOf, isHold, false);
            }
            Random r = new Random(7);
            for (int i = 0; i < 80; i++) {
                String sku = "SKU-" + r.nextInt(8);
                ObjectNode c = JSON.createObjectNode().put("op", "hold").put("key", "h-" + i).put("channel", "app")
                        .put("kind", "APP").put("ttlSeconds", 900);
                c.putArray("lines").addObject().put("sku", sku).put("node", "ST-1").put("quantity", 1);
                send(producer, t, sku, c, sent, skuOf, isHold, true);
                if (i == 40) {
                    runB.set(false); // instance b leaves mid-stream; a is given its partitions
                }
            }
        }
        Map<String, Integer> replies = new HashMap<>();
        Map<String, Integer> heldBySku = new HashMap<>();
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(t.replies(), 0);
            reader.assign(List.of(tp));
            reader.seekToBeginning(List.of(tp));
            deadline = System.currentTimeMillis() + 90_000;
            while (replies.size() < sent.size() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> rec : reader.poll(Duration.ofMillis(200))) {
                    replies.merge(rec.key(), 1, Integer::sum);
                    JsonNode reply = JSON.readTree(rec.value());
                    if (isHold.getOrDefault(rec.key(), false) && reply.has("ok")) {
                        heldBySku.merge(skuOf.get(rec.key()), 1, Integer::sum);
                    }
                }
            }
        }
        runA.set(false);
        ta.join();
        tb.join();
        a.close();
        assertEquals(sent.size(), replies.size(), "every command answered");
        replies.forEach((id, n) -> assertEquals(1, n, "answered exactly once: " + id));
        heldBySku.forEach((sku, n) -> assertTrue(n <= 5, sku + " oversold: " + n + " holds of 5 units"));
        Map<String, Integer> asked = new HashMap<>();
        isHold.forEach((id, hold) -> {
            if (hold) {
                asked.merge(skuOf.get(id), 1, Integer::sum);
            }
        });
        asked.forEach((sku, n) -> assertEquals(Math.min(5, n), heldBySku.getOrDefault(sku, 0),
                sku + ": " + n + " holds asked for 5 units " + heldBySku + " " + asked));
    }

    private static void send(KafkaProducer<String, byte[]> producer, PartitionOwner.Topics t, String sku, ObjectNode c,
            List<String> sent, Map<String, String> skuOf, Map<String, Boolean> isHold, boolean hold) throws Exception {
        String id = UUID.randomUUID().toString();
        c.put("id", id);
        producer.send(new ProducerRecord<>(t.commands(), sku, JSON.writeValueAsBytes(c))).get();
        sent.add(id);
        skuOf.put(id, sku);
        isHold.put(id, hold);
    }
}
