/**
 * One pool of stock across stores, warehouses and dark stores, shared by every channel:
 * available-to-promise, channel quotas, holds and reservations that never oversell.
 *
 * <p>The engine lands with its own issue; until then the package holds the module's base exception, and the
 * module is present so the reactor, the BOM and the module graph are complete from the first release.
 */
@NullMarked
package io.github.omniretail.inventory;

import org.jspecify.annotations.NullMarked;
