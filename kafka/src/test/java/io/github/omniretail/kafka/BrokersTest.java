package io.github.omniretail.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The in-JVM brokers give what the owners rely on: transactions, aborts invisible to read_committed readers. */
class BrokersTest {

    @Test
    void aCommittedTransactionIsReadAndAnAbortedOneIsNot() throws Exception {
        String bootstrap = Brokers.get().bootstrapServers();
        try (Admin admin = Brokers.get().admin()) {
            admin.createTopics(List.of(new NewTopic("smoke", 2, (short) 3))).all().get();
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "smoke-owner");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("smoke", "sku-" + i, "hold " + i));
            }
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("smoke", "sku-x", "aborted"));
            producer.abortTransaction();
        }
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = List.of(new TopicPartition("smoke", 0), new TopicPartition("smoke", 1));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            int read = 0;
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                var batch = consumer.poll(Duration.ofMillis(200));
                batch.forEach(r -> assertEquals(false, r.value().equals("aborted")));
                read += batch.count();
                if (read >= 10 && batch.isEmpty()) {
                    break;
                }
            }
            assertEquals(10, read);
        }
    }
}
