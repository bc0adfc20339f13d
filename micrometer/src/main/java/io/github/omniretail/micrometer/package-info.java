/**
 * Micrometer metrics for OmniRetail: {@link io.github.omniretail.micrometer.OmniRetailMetrics} wraps each engine in
 * an instrumented view of the same interface, and gives batch listeners and outbox-lag gauges. Tags take only
 * bounded values (method names, outcomes, channel kinds, entry types) — never a SKU, member or order id.
 */
@NullMarked
package io.github.omniretail.micrometer;

import org.jspecify.annotations.NullMarked;
