/**
 * OmniRetail on Apache Kafka: inventory partitioned across instances, one writer per partition running the rules
 * kernel. See {@link io.github.omniretail.kafka.KafkaInventory}.
 */
module io.github.omniretail.kafka {
    requires transitive io.github.omniretail.core;
    requires transitive io.github.omniretail.inventory;
    requires transitive io.github.omniretail.loyalty;
    requires kafka.clients;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports io.github.omniretail.kafka;
}
