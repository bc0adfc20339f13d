package io.github.omniretail.checkout;

/**
 * The checkout's examples ({@link CheckoutTest}) unchanged, over the inventory and the points ledger on Kafka: the
 * checkout runs on the Kafka-backed engines as on any other, orders across partitions included.
 */
@org.junit.jupiter.api.extension.ExtendWith(io.github.omniretail.kafka.BrokersExtension.class)
class KafkaCheckoutTest extends CheckoutTest {

    @Override
    Shop newShop() {
        return KafkaShop.create();
    }
}
