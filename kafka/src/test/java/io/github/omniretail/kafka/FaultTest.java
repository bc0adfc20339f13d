package io.github.omniretail.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.Posting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults the issue names, on three in-JVM brokers: two instances own the inventory's and the ledger's four
 * partitions each through the owners' groups, one of them a separate process. While four clients hold stock and earn
 * points through a third instance, retrying every call until it is answered, the owner process is killed
 * ({@code SIGKILL}, mid-transaction as likely as not), a broker is shut down, then both are started again. Afterwards:
 * no unit oversold, every acknowledged hold and earn applied exactly once, every hold's event exactly once under
 * {@code read_committed}, and the ledger sums to zero.
 */
class FaultTest {
    private static final Logger LOG = LoggerFactory.getLogger(FaultTest.class);
    static final NodeId STORE = NodeId.of("ST-1");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final int SKUS = 6;
    static final int STOCK = 15;
    static final int CLIENTS = 4;
    static final int OPS = 70;

    @Test
    void killAnOwnerAndABrokerThenRestartBothAndNothingIsLostDoubledOrOversold() throws Exception {
        var cluster = Brokers.get();
        String bootstrap = cluster.bootstrapServers();
        String app = "faults";
        KafkaInventory.createTopics(bootstrap, app, 4, (short) 3);
        KafkaLedger.createTopics(bootstrap, app, 4, (short) 3);
        Path logs = Files.createDirectories(Path.of("target", "fault-test"));
        Process child = start(bootstrap, app, logs.resolve("owner-1.log"));
        Clock clock = Clock.systemUTC();
        try (KafkaInventory ownerInventory = KafkaInventory.builder().bootstrapServers(bootstrap).application(app)
                .build();
                KafkaLedger ownerLedger = KafkaLedger.builder().bootstrapServers(bootstrap).application(app).build();
                KafkaInventory clientInventory = KafkaInventory.builder().bootstrapServers(bootstrap).application(app)
                        .ownNothing().retryAfter(Duration.ofSeconds(1)).callTimeout(Duration.ofSeconds(20)).build();
                KafkaLedger clientLedger = KafkaLedger.builder().bootstrapServers(bootstrap).application(app)
                        .ownNothing().retryAfter(Duration.ofSeconds(1)).callTimeout(Duration.ofSeconds(20)).build()) {
            InventoryEngine.builder().clock(clock).autoRegister(true).store(ownerInventory.store()).build();
            PointsLedger.builder().clock(clock).store(ownerLedger.store()).build();
            InventoryEngine inventory = InventoryEngine.builder().clock(clock).autoRegister(true)
                    .store(clientInventory.store()).build();
            PointsLedger ledger = PointsLedger.builder().clock(clock).store(clientLedger.store()).build();
            awaitSplit(ownerInventory::ownedPartitions, "inventory");
            awaitSplit(ownerLedger::ownedPartitions, "ledger");

            List<Sku> skus = new ArrayList<>();
            for (int s = 0; s < SKUS; s++) {
                Sku sku = Sku.of("FAULT-" + s);
                skus.add(sku);
                retry(() -> inventory.receive(IdempotencyKey.of("grn-" + sku), sku, STORE, STOCK));
            }

            for (int m = 0; m < 8; m++) {
                MemberId member = MemberId.of("M-" + m);
                retry(() -> {
                    ledger.enrol(member);
                    return member;
                });
            }

            Map<String, Hold> held = new ConcurrentHashMap<>();
            Map<String, Sku> refused = new ConcurrentHashMap<>();
            Map<MemberId, Long> earned = new ConcurrentHashMap<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(new Thread(() -> {
                    Random r = new Random(client);
                    try {
                        for (int i = 0; i < OPS; i++) {
                            String key = "c" + client + "-" + i;
                            if (i % 2 == 0) {
                                Sku sku = skus.get(r.nextInt(SKUS));
                                HoldRequest request = HoldRequest.builder(IdempotencyKey.of(key), APP,
                                        Duration.ofHours(1)).line(HoldLine.atNode(sku, STORE, 1)).build();
                                try {
                                    held.put(key, retry(() -> inventory.hold(request)));
                                } catch (InsufficientStockException e) {
                                    refused.put(key, sku);
                                }
                            } else {
                                MemberId m = MemberId.of("M-" + r.nextInt(8));
                                LedgerEntry e = retry(() -> ledger.earn(IdempotencyKey.of(key), m,
                                        OrderId.of("O-" + key), APP, Money.ofMinor(1000, "CNY")));
                                earned.merge(m, memberPoints(e), Long::sum);
                            }
                            Thread.sleep(25);
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }, "client-" + c));
            }
            clients.forEach(Thread::start);

            Thread.sleep(2_000);
            LOG.info("killing the owner process");
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            Thread.sleep(2_000);
            int victim = cluster.brokers().keySet().iterator().next();
            LOG.info("shutting broker {} down", victim);
            cluster.brokers().get(victim).shutdown();
            cluster.brokers().get(victim).awaitShutdown();
            Thread.sleep(4_000);
            LOG.info("restarting broker {} and the owner process", victim);
            cluster.brokers().get(victim).startup();
            child = start(bootstrap, app, logs.resolve("owner-2.log"));
            for (Thread t : clients) {
                t.join(300_000);
            }
            assertEquals(List.of(), failures, "every call was answered");
            assertEquals(CLIENTS * OPS / 2, held.size() + refused.size());

            // no unit oversold; every acknowledged hold applied exactly once
            Map<Sku, Integer> heldBySku = new HashMap<>();
            held.values().forEach(h -> heldBySku.merge(h.lines().get(0).sku(), 1, Integer::sum));
            for (Sku sku : skus) {
                int units = heldBySku.getOrDefault(sku, 0);
                assertTrue(units <= STOCK, sku + " oversold: " + units);
                assertEquals(units, retry(() -> inventory.position(sku, STORE)).held(), sku
                        + ": held units = acknowledged holds");
                if (refused.containsValue(sku)) {
                    assertEquals(STOCK, units, sku + " refused a hold while it had stock");
                }
            }
            for (Hold h : held.values()) {
                assertEquals(HoldStatus.HELD, retry(() -> inventory.hold(h.id())).orElseThrow().status());
            }

            // every hold's event exactly once, read committed
            Map<Long, Integer> placed = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : readAll(bootstrap, app + ".inventory.events")) {
                if (r.key().equals("inventory.hold.placed")) {
                    long id = EngineWire.JSON.readTree(r.value()).get("hold").asLong();
                    placed.merge(id, 1, Integer::sum);
                }
            }
            for (Hold h : held.values()) {
                assertEquals(1, placed.getOrDefault(h.id().value(), 0), "one event for " + h.id());
            }
            assertEquals(held.size(), placed.size(), "no event for a hold nobody was told of");

            // every acknowledged earn applied exactly once; the ledger sums to zero
            long members = 0;
            for (Map.Entry<MemberId, Long> e : earned.entrySet()) {
                assertEquals((long) e.getValue(), retry(() -> ledger.balance(e.getKey())).total(), e.getKey()
                        + ": balance = acknowledged earns");
                members += e.getValue();
            }
            long program = 0;
            for (AccountKind k : AccountKind.values()) {
                if (!k.memberAccount()) {
                    program += retry(() -> ledger.programBalance(k));
                }
            }
            assertEquals(0, members + program, "the ledger sums to zero");
            LOG.info("fault test: {} holds, {} refused, {} points earned; the longest call took {} ms", held.size(),
                    refused.size(), members, LONGEST.get() / 1_000_000);
            assertTrue(LONGEST.get() < TimeUnit.SECONDS.toNanos(30), "a new owner served within 30 s");
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    static long memberPoints(LedgerEntry e) {
        return e.postings().stream().filter(p -> p.account().memberAccount()).mapToLong(Posting::points).sum();
    }

    /** The longest a client waited for an answer: the failover time it saw. */
    static final java.util.concurrent.atomic.AtomicLong LONGEST = new java.util.concurrent.atomic.AtomicLong();

    /** A client's retry: the same call (same idempotency key) until it is answered. */
    static <T> T retry(Supplier<T> call) {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                T out = call.get();
                LONGEST.accumulateAndGet(System.nanoTime() - start, Math::max);
                return out;
            } catch (IllegalStateException e) {
                if (attempt >= 10 || !String.valueOf(e.getMessage()).startsWith("no reply")) {
                    throw e;
                }
                LOG.info("retrying after: {}", e.getMessage());
            }
        }
    }

    private static void awaitSplit(Supplier<Set<Integer>> owned, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(owned.get().size() > 0 && owned.get().size() < 4) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(owned.get().size() > 0 && owned.get().size() < 4, what + ": the two owners share the partitions, "
                + "this one owns " + owned.get());
    }

    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(c, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = reader.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            reader.assign(parts);
            reader.seekToBeginning(parts);
            Map<TopicPartition, Long> end = reader.endOffsets(parts);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (parts.stream().anyMatch(p -> reader.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static Process start(String bootstrap, String app, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OwnerProcess.class.getName(), bootstrap, app);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !Files.readString(log).contains("ready")) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the owner process died: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return p;
    }
}
