/**
 * Contract tests for what engagement asks of other SPIs: a promotion ledger as the shared budget of treatments.
 * Extend one and supply fresh storage.
 */
@NullMarked
package io.github.omniretail.testkit.engagement;

import org.jspecify.annotations.NullMarked;
