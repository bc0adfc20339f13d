package io.github.omniretail.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.kafka.KafkaInventory;
import io.github.omniretail.kafka.KafkaLedger;
import io.github.omniretail.loyalty.PointsLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The code shown in docs/scaling.md, compiled and run on three Kafka brokers in the test JVM. */
class ScalingGuideTest {

    static KafkaClusterTestKit cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(false).setNumBrokerNodes(3).setNumControllerNodes(1).build())
                .setConfigProp("transaction.state.log.replication.factor", "3")
                .setConfigProp("transaction.state.log.min.isr", "2")
                .setConfigProp("transaction.state.log.num.partitions", "4")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    @Test
    void everyInstanceRunsTheSameEnginesOnKafka() {
        String bootstrap = cluster.bootstrapServers();
        Clock clock = Clock.systemUTC();
        Sku milk = Sku.of("MILK-1L");
        NodeId store = NodeId.of("ST-WL");
        Channel app = Channel.of("app", ChannelKind.APP);
        MemberId alice = MemberId.of("M-ALICE");
        // snippet: scaling-instance
        // once per deployment: 12 partitions, so up to 12 instances share the work
        KafkaInventory.createTopics(bootstrap, "shop", 12, (short) 3);
        KafkaLedger.createTopics(bootstrap, "shop", 12, (short) 3);

        // in every instance of the service: it owns the partitions the group gives it, and calls any partition
        KafkaInventory stock = KafkaInventory.builder().bootstrapServers(bootstrap).application("shop").build();
        KafkaLedger points = KafkaLedger.builder().bootstrapServers(bootstrap).application("shop").build();
        InventoryEngine inventory = InventoryEngine.builder().clock(clock).autoRegister(true)
                .store(stock.store()).build();
        PointsLedger ledger = PointsLedger.builder().clock(clock).store(points.store()).build();

        // the same calls as on any other store
        inventory.receive(IdempotencyKey.of("grn-7"), milk, store, 24);
        Hold hold = inventory.hold(HoldRequest.builder(IdempotencyKey.of("cart-81"), app, Duration.ofMinutes(15))
                .line(HoldLine.atNode(milk, store, 2)).build());
        ledger.enrol(alice);
        ledger.earn(IdempotencyKey.of("earn-81"), alice, OrderId.of("O-81"), app, Money.ofMinor(12_800, "CNY"));
        // end-snippet
        assertEquals(HoldStatus.HELD, hold.status());
        assertEquals(22, inventory.atp(milk, store, app));
        assertEquals(128, ledger.balance(alice).total());
        assertEquals(stock.partitionOf(milk), stock.partitionOf(milk));
        stock.close();
        points.close();
    }

    @Test
    void anInstanceCanOwnChosenPartitionsAndPlaceSkusByFamily() {
        String bootstrap = cluster.bootstrapServers();
        // snippet: scaling-placement
        KafkaInventory pod = KafkaInventory.builder().bootstrapServers(bootstrap).application("shop")
                .ownPartitions(Set.of(0, 1, 2))                          // this pod's share, placed by the deployment
                .partitionKey(sku -> sku.value().split("-")[0])          // a kit and its parts share a family prefix
                .callTimeout(Duration.ofSeconds(10))
                .build();
        // end-snippet
        assertEquals(Set.of(), pod.ownedPartitions(), "nothing is owned before the engine is built");
        pod.close();
    }
}
