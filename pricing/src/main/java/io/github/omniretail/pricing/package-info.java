/**
 * Staged dynamic pricing and cart promotions with explicit stacking, exact discount allocation
 * and explainable quotes.
 *
 * <p>The engine lands with its own issue; until then the package holds the module's base exception, and the
 * module is present so the reactor, the BOM and the module graph are complete from the first release.
 */
@NullMarked
package io.github.omniretail.pricing;

import org.jspecify.annotations.NullMarked;
