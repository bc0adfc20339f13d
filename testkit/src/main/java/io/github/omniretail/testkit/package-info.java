/**
 * A settable {@link io.github.omniretail.testkit.MutableClock} for tests. The contract tests for storage SPIs
 * are in {@code testkit.inventory}, {@code testkit.loyalty} and {@code testkit.pricing}.
 */
package io.github.omniretail.testkit;
