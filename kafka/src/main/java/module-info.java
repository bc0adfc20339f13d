/**
 * OmniRetail on Apache Kafka (in progress): partition owners running the inventory rules kernel.
 */
module io.github.omniretail.kafka {
    requires transitive io.github.omniretail.core;
    requires transitive io.github.omniretail.inventory;
    requires kafka.clients;

    exports io.github.omniretail.kafka;
}
