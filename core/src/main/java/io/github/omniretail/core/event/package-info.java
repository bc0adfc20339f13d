/**
 * Domain events and the sink SPI through which every engine emits them.
 *
 * <p>Engines never publish to a static bus: the host hands an {@link io.github.omniretail.core.event.EventSink}
 * to each engine's builder and decides where events go (a log, a queue, an outbox table).
 */
@NullMarked
package io.github.omniretail.core.event;

import org.jspecify.annotations.NullMarked;
