/**
 * OmniRetail on Apache Kafka: the inventory ({@link io.github.omniretail.kafka.KafkaInventory}) and the points ledger
 * ({@link io.github.omniretail.kafka.KafkaLedger}) partitioned across the instances of a service. One writer per
 * partition runs the same rules kernel as every other store over the partition's rows in memory, and commits each
 * batch in one Kafka transaction. See {@code docs/scaling.md}.
 */
@NullMarked
package io.github.omniretail.kafka;

import org.jspecify.annotations.NullMarked;
