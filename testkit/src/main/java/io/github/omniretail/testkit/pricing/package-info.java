/**
 * Abstract contract tests for the pricing SPIs: extend one, supply fresh storage, and JUnit 5 (and jqwik, for the
 * property-based contracts) run every check against your implementation.
 */
@NullMarked
package io.github.omniretail.testkit.pricing;

import org.jspecify.annotations.NullMarked;
