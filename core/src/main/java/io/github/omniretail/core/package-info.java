/**
 * The shared retail domain: {@link io.github.omniretail.core.Money}, {@link io.github.omniretail.core.BasisPoints},
 * typed identifiers, {@link io.github.omniretail.core.GeoPoint}, channels, fulfilment nodes and orders.
 *
 * <h2>Conventions every OmniRetail module follows</h2>
 * <ul>
 *   <li><b>Values</b> are immutable records, validated when constructed; invalid input throws an exception that
 *       names the offending value. Parameters and results are non-null unless annotated {@code @Nullable}; absence
 *       is {@link java.util.Optional}. Every package is JSpecify {@code @NullMarked}, so IDEs and NullAway see
 *       that contract.</li>
 *   <li><b>Money</b> is a {@code long} of minor units plus a {@link java.util.Currency}; never {@code double}.
 *       Rounding happens only where a {@link java.math.RoundingMode} is passed.</li>
 *   <li><b>Percentages</b> are {@link io.github.omniretail.core.BasisPoints} (1 bp = 0.01 %).</li>
 *   <li><b>Time</b>: every engine takes a {@link java.time.Clock} through its builder and never reads the system
 *       clock itself, so tests and simulations control time exactly. Local-time rules (opening hours, daily
 *       capacity, markdown schedules) use the node's {@link java.time.ZoneId}, not the JVM default zone. The
 *       {@code omniretail-testkit} artifact provides a settable clock for tests.</li>
 *   <li><b>Events</b> go to an injected {@link io.github.omniretail.core.event.EventSink}.</li>
 *   <li><b>Threads</b>: no engine starts a thread; periodic work (expiry sweeps) is a method the host calls.
 *       Each public engine type states its thread-safety in its Javadoc.</li>
 * </ul>
 */
@NullMarked
package io.github.omniretail.core;

import org.jspecify.annotations.NullMarked;
