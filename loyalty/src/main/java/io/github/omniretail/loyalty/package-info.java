/**
 * One member across every channel identity, and an idempotent, double-entry points ledger with
 * lots, expiry, pending points and tiers.
 *
 * <p>The engine lands with its own issue; until then the package holds the module's base exception, and the
 * module is present so the reactor, the BOM and the module graph are complete from the first release.
 */
@NullMarked
package io.github.omniretail.loyalty;

import org.jspecify.annotations.NullMarked;
