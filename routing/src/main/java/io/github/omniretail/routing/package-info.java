/**
 * Order sourcing: chooses which fulfilment node serves each order line, by distance, splits,
 * capability, capacity and an explicit cost model, and explains every decision.
 *
 * <p>The engine lands with its own issue; until then the package holds the module's base exception, and the
 * module is present so the reactor, the BOM and the module graph are complete from the first release.
 */
package io.github.omniretail.routing;
