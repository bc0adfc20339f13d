package io.github.omniretail.checkout;

import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.kafka.Brokers;
import io.github.omniretail.kafka.KafkaInventory;
import io.github.omniretail.kafka.KafkaLedger;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.pricing.spi.PromotionLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The checkout suite's shop with the inventory and the points ledger on Kafka (promotions and orders in memory), each
 * a fresh deployment on the in-JVM brokers. The inventory has two partitions: rice on one, the tea, the milk and
 * their gift-box kit on the other (one partition key), so an order of rice and milk is held across partitions.
 */
final class KafkaShop implements Shop.Stores {
    private static final AtomicInteger DEPLOYMENTS = new AtomicInteger();
    private static final List<AutoCloseable> OPEN = new ArrayList<>();

    static synchronized Shop create() {
        for (AutoCloseable c : OPEN) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        OPEN.clear();
        return new Shop(new KafkaShop());
    }

    @Override
    public InventoryStore inventory() {
        String app = "checkout-" + DEPLOYMENTS.incrementAndGet();
        String bootstrap = bootstrap();
        KafkaInventory.createTopics(bootstrap, app, 2, (short) 3);
        KafkaInventory k = KafkaInventory.builder().bootstrapServers(bootstrap).application(app)
                .ownPartitions(Set.of(0, 1)).partitionKey(sku -> sku.equals(Shop.RICE) ? "staples" : "tea-and-milk")
                .build();
        OPEN.add(k);
        return k.store();
    }

    @Override
    public LedgerStore ledger() {
        String app = "checkout-ledger-" + DEPLOYMENTS.incrementAndGet();
        String bootstrap = bootstrap();
        KafkaLedger.createTopics(bootstrap, app, 2, (short) 3);
        KafkaLedger k = KafkaLedger.builder().bootstrapServers(bootstrap).application(app)
                .ownPartitions(Set.of(0, 1)).build();
        OPEN.add(k);
        return k.store();
    }

    @Override
    public PromotionLedger promotions() {
        return Shop.MEMORY.promotions();
    }

    @Override
    public CheckoutStore orders() {
        return Shop.MEMORY.orders();
    }

    private static String bootstrap() {
        try {
            return Brokers.get().bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
