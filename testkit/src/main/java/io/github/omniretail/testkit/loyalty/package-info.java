/**
 * Abstract contract tests for the loyalty SPIs: extend one, supply fresh storage, and JUnit 5 (and jqwik, for the
 * property-based contracts) run every check against your implementation.
 */
@NullMarked
package io.github.omniretail.testkit.loyalty;

import org.jspecify.annotations.NullMarked;
