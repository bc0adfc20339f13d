/**
 * Inventory and points partitioned across instances on Apache Kafka (issue 23, in progress): one writer per partition
 * runs the rules kernel over in-memory rows and commits each batch in one Kafka transaction.
 */
@NullMarked
package io.github.omniretail.kafka;

import org.jspecify.annotations.NullMarked;
