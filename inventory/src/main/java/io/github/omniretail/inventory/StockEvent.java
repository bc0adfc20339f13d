package io.github.omniretail.inventory;

import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.InventoryEvent;
import java.time.Instant;

/**
 * The events the inventory engine publishes to its {@link io.github.omniretail.core.event.EventSink}. A closed
 * set: switch over it exhaustively. {@code occurredAt} is read from the engine clock when the change took effect.
 */
public sealed interface StockEvent extends InventoryEvent
        permits StockEvent.Received, StockEvent.Adjusted, StockEvent.ShortageDetected, StockEvent.HoldPlaced, StockEvent.HoldConfirmed, StockEvent.HoldExtended, StockEvent.HoldPinned, StockEvent.HoldFulfilled, StockEvent.HoldReleased, StockEvent.HoldExpired, StockEvent.TransferDispatched, StockEvent.TransferReceived, StockEvent.LowStock, StockEvent.StockRecovered,
        StockEvent.LotReceived, StockEvent.LotFulfilled, StockEvent.LotExpired, StockEvent.Returned, StockEvent.Inspected,
        StockEvent.ReceiptExpected, StockEvent.ReceiptRevised, StockEvent.ReceiptLanded, StockEvent.HoldWaiting,
        StockEvent.HoldAllocated, StockEvent.HoldRepromised, StockEvent.WaitCancelled, StockEvent.KitAssembled,
        StockEvent.KitDisassembled, StockEvent.LotAdjusted {

    /**
     * Units arrived at a node (a delivery or a received transfer).
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param sku the SKU
     * @param node the node
     * @param quantity units received
     * @param onHandAfter on-hand after the receipt
     */
    record Received(Instant occurredAt, Sku sku, NodeId node, int quantity, int onHandAfter) implements StockEvent {
        @Override
        public String type() {
            return "inventory.stock.received";
        }
    }

    /**
     * On-hand changed by a count or a delta with a reason code (damage, shrinkage, correction).
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param sku the SKU
     * @param node the node
     * @param delta signed change in units
     * @param onHandAfter on-hand after the change
     * @param reason the caller's reason code
     */
    record Adjusted(Instant occurredAt, Sku sku, NodeId node, int delta, int onHandAfter, String reason) implements StockEvent {
        @Override
        public String type() {
            return "inventory.stock.adjusted";
        }
    }

    /**
     * On-hand fell below held units: some holds at the node cannot all be fulfilled.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param sku the SKU
     * @param node the node
     * @param shortage held minus on-hand, in units
     */
    record ShortageDetected(Instant occurredAt, Sku sku, NodeId node, int shortage) implements StockEvent {
        @Override
        public String type() {
            return "inventory.stock.shortage";
        }
    }

    /**
     * A hold was placed (every line at once).
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param hold the hold
     * @param channel the channel that placed it
     * @param units units held over all lines
     * @param expiresAt when it expires unless confirmed
     */
    record HoldPlaced(Instant occurredAt, HoldId hold, ChannelId channel, long units, Instant expiresAt) implements StockEvent {
        @Override
        public String type() {
            return "inventory.hold.placed";
        }
    }

    /**
     * A hold was confirmed (the order was placed); it no longer expires.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param hold the hold
     */
    record HoldConfirmed(Instant occurredAt, HoldId hold) implements StockEvent {
        @Override
        public String type() {
            return "inventory.hold.confirmed";
        }
    }

    /**
     * A held hold's time-to-live was extended.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param hold the hold
     * @param expiresAt the new expiry
     */
    record HoldExtended(Instant occurredAt, HoldId hold, Instant expiresAt) implements StockEvent {
        @Override
        public String type() {
            return "inventory.hold.extended";
        }
    }

    /**
     * A pool-level line was pinned to a node.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param hold the hold
     * @param line the line index
     * @param sku the SKU
     * @param node the chosen node
     */
    record HoldPinned(Instant occurredAt, HoldId hold, int line, Sku sku, NodeId node) implements StockEvent {
        @Override
        public String type() {
            return "inventory.hold.pinned";
        }
    }

    /**
     * Units of a hold line were fulfilled: they left the node (on-hand and held both fell).
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param hold the hold
     * @param sku the SKU
     * @param node the node
     * @param quantity units fulfilled
     */
    record HoldFulfilled(Instant occurredAt, HoldId hold, Sku sku, NodeId node, int quantity) implements StockEvent {
        @Override
        public String type() {
            return "inventory.hold.fulfilled";
        }
    }

    /**
     * Units of a hold line were released back to stock (cancel).
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param hold the hold
     * @param sku the SKU
     * @param quantity units released
     */
    record HoldReleased(Instant occurredAt, HoldId hold, Sku sku, int quantity) implements StockEvent {
        @Override
        public String type() {
            return "inventory.hold.released";
        }
    }

    /**
     * A held hold's time-to-live passed; all its open units went back to stock.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param hold the hold
     * @param expiresAt when it expired (occurredAt is when the engine noticed)
     */
    record HoldExpired(Instant occurredAt, HoldId hold, Instant expiresAt) implements StockEvent {
        @Override
        public String type() {
            return "inventory.hold.expired";
        }
    }

    /**
     * A transfer left its source node.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param transfer the transfer
     * @param sku the SKU
     * @param from the source
     * @param to the destination
     * @param quantity units dispatched
     */
    record TransferDispatched(Instant occurredAt, TransferId transfer, Sku sku, NodeId from, NodeId to, int quantity) implements StockEvent {
        @Override
        public String type() {
            return "inventory.transfer.dispatched";
        }
    }

    /**
     * A transfer arrived at its destination.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param transfer the transfer
     * @param sku the SKU
     * @param to the destination
     * @param received units received
     * @param lost units dispatched but not received
     */
    record TransferReceived(Instant occurredAt, TransferId transfer, Sku sku, NodeId to, int received, int lost) implements StockEvent {
        @Override
        public String type() {
            return "inventory.transfer.received";
        }
    }

    /**
     * A position's ATP crossed below its reorder point: replenish. Signalled once per crossing.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param sku the SKU
     * @param node the node
     * @param atp ATP after the change
     * @param reorderPoint the reorder point
     */
    record LowStock(Instant occurredAt, Sku sku, NodeId node, int atp, int reorderPoint) implements StockEvent {
        @Override
        public String type() {
            return "inventory.position.low";
        }
    }

    /**
     * A low position's ATP rose back to its reorder point plus hysteresis.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param sku the SKU
     * @param node the node
     * @param atp ATP after the change
     * @param reorderPoint the reorder point
     */
    record StockRecovered(Instant occurredAt, Sku sku, NodeId node, int atp, int reorderPoint) implements StockEvent {
        @Override
        public String type() {
            return "inventory.position.recovered";
        }
    }

    /**
     * Units of a lot arrived at a node; a {@link Received} for the position comes with it.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param sku the SKU
     * @param node the node
     * @param lot the lot id
     * @param quantity units received into the lot
     * @param onHandAfter the lot's on-hand after the receipt
     */
    record LotReceived(Instant occurredAt, Sku sku, NodeId node, String lot, int quantity, int onHandAfter)
            implements StockEvent {
        @Override
        public String type() {
            return "inventory.lot.received";
        }
    }

    /**
     * Units of a lot left the node with a hold's fulfilment (a {@link HoldFulfilled} for the line comes with it).
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param hold the hold
     * @param sku the SKU
     * @param node the node
     * @param lot the lot id
     * @param quantity units of the lot that left
     */
    record LotFulfilled(Instant occurredAt, HoldId hold, Sku sku, NodeId node, String lot, int quantity)
            implements StockEvent {
        @Override
        public String type() {
            return "inventory.lot.fulfilled";
        }
    }

    /**
     * A lot passed its expiry: its free units were written off as waste (units held for orders stay held).
     *
     * @param occurredAt when the sweep wrote it off (engine clock)
     * @param sku the SKU
     * @param node the node
     * @param lot the lot id
     * @param expiresAt when the lot expired
     * @param wasted units written off, {@code >= 0}
     */
    record LotExpired(Instant occurredAt, Sku sku, NodeId node, String lot, Instant expiresAt, int wasted)
            implements StockEvent {
        @Override
        public String type() {
            return "inventory.lot.expired";
        }
    }

    /**
     * Units came back from a customer: on the shelf, in quarantine, or written off as damaged.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param sku the SKU
     * @param node the node
     * @param quantity units returned
     * @param disposition what happened to them
     * @param lot the lot named with them, if any
     * @param reason the caller's reason code
     * @param onHandAfter on-hand after the return (changed only for sellable units)
     * @param quarantinedAfter units in quarantine at the position after the return
     */
    record Returned(Instant occurredAt, Sku sku, NodeId node, int quantity, Disposition disposition,
            java.util.Optional<String> lot, String reason, int onHandAfter, int quarantinedAfter) implements StockEvent {
        @Override
        public String type() {
            return "inventory.stock.returned";
        }
    }

    /**
     * Units left quarantine after inspection: back on the shelf, or written off as damaged.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param sku the SKU
     * @param node the node
     * @param quantity units inspected
     * @param outcome {@link Disposition#SELLABLE} or {@link Disposition#DAMAGED}
     * @param lot the lot sellable units went into, if any
     * @param reason the caller's reason code
     * @param onHandAfter on-hand after the inspection
     * @param quarantinedAfter units still in quarantine at the position
     */
    record Inspected(Instant occurredAt, Sku sku, NodeId node, int quantity, Disposition outcome,
            java.util.Optional<String> lot, String reason, int onHandAfter, int quarantinedAfter) implements StockEvent {
        @Override
        public String type() {
            return "inventory.stock.inspected";
        }
    }

    /**
     * Units were announced as expected at a node (a purchase order or an inbound transfer).
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param sku the SKU
     * @param node the receiving node
     * @param receipt the receipt's id
     * @param quantity units expected
     * @param eta expected arrival
     * @param kind where the units come from
     */
    record ReceiptExpected(Instant occurredAt, Sku sku, NodeId node, String receipt, int quantity, Instant eta,
            ExpectedReceipt.Kind kind) implements StockEvent {
        @Override
        public String type() {
            return "inventory.receipt.expected";
        }
    }

    /**
     * An expected receipt's quantity or ETA changed; quantity 0 means it was cancelled.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param sku the SKU
     * @param node the receiving node
     * @param receipt the receipt's id
     * @param quantity units now expected (0: cancelled)
     * @param eta the ETA now
     */
    record ReceiptRevised(Instant occurredAt, Sku sku, NodeId node, String receipt, int quantity, Instant eta)
            implements StockEvent {
        @Override
        public String type() {
            return "inventory.receipt.revised";
        }
    }

    /**
     * An expected receipt arrived (its units are also reported as {@link Received} when any came).
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param sku the SKU
     * @param node the receiving node
     * @param receipt the receipt's id
     * @param expected units that were expected
     * @param received units that came (fewer: a short receipt)
     */
    record ReceiptLanded(Instant occurredAt, Sku sku, NodeId node, String receipt, int expected, int received)
            implements StockEvent {
        @Override
        public String type() {
            return "inventory.receipt.landed";
        }
    }

    /**
     * A pre-sale hold's line waits for units not yet in stock.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param hold the hold
     * @param sku the SKU (a kit's component for a kit line)
     * @param node the node
     * @param units units waiting
     * @param promisedBy the promise date; empty when backordered beyond every known receipt
     */
    record HoldWaiting(Instant occurredAt, HoldId hold, Sku sku, NodeId node, int units,
            java.util.Optional<Instant> promisedBy) implements StockEvent {
        @Override
        public String type() {
            return "inventory.hold.waiting";
        }
    }

    /**
     * Units that landed were allocated to a waiting hold line (waiting lines are served in placement order).
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param hold the hold
     * @param sku the SKU
     * @param node the node
     * @param units units allocated now
     * @param stillWaiting units of the line still waiting after this
     */
    record HoldAllocated(Instant occurredAt, HoldId hold, Sku sku, NodeId node, int units, int stillWaiting)
            implements StockEvent {
        @Override
        public String type() {
            return "inventory.hold.allocated";
        }
    }

    /**
     * A waiting line's promise date moved because receipts changed.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param hold the hold
     * @param sku the SKU
     * @param node the node
     * @param units units waiting
     * @param before the promise before; empty if backordered
     * @param after the promise now; empty if backordered
     */
    record HoldRepromised(Instant occurredAt, HoldId hold, Sku sku, NodeId node, int units,
            java.util.Optional<Instant> before, java.util.Optional<Instant> after) implements StockEvent {
        @Override
        public String type() {
            return "inventory.hold.repromised";
        }
    }

    /**
     * A waiting line's units were cancelled (released) because receipts can no longer cover them by the hold's
     * latest acceptable promise.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param hold the hold
     * @param sku the SKU
     * @param node the node
     * @param units units cancelled
     * @param reason {@code late} (covered only after the latest promise) or {@code short} (no receipt covers them)
     */
    record WaitCancelled(Instant occurredAt, HoldId hold, Sku sku, NodeId node, int units, String reason)
            implements StockEvent {
        @Override
        public String type() {
            return "inventory.hold.wait-cancelled";
        }
    }

    /**
     * Components were boxed into an assembled kit's own stock (each component's and the kit's on-hand change is
     * also reported as {@link Adjusted}).
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param kit the assembled kit's SKU
     * @param node the node
     * @param units kits assembled
     */
    record KitAssembled(Instant occurredAt, Sku kit, NodeId node, int units) implements StockEvent {
        @Override
        public String type() {
            return "inventory.kit.assembled";
        }
    }

    /**
     * Assembled kits were opened back into their components.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param kit the assembled kit's SKU
     * @param node the node
     * @param units kits opened
     */
    record KitDisassembled(Instant occurredAt, Sku kit, NodeId node, int units) implements StockEvent {
        @Override
        public String type() {
            return "inventory.kit.disassembled";
        }
    }

    /**
     * One lot's on-hand changed with a reason (a count of the lot, spoiled units written off); the position's change
     * is also reported as {@link Adjusted}.
     *
     * @param occurredAt when the change took effect (engine clock)
     * @param sku the SKU
     * @param node the node
     * @param lot the lot
     * @param delta signed change in units
     * @param lotOnHandAfter the lot's on-hand after
     * @param reason the caller's reason code
     */
    record LotAdjusted(Instant occurredAt, Sku sku, NodeId node, String lot, int delta, int lotOnHandAfter,
            String reason) implements StockEvent {
        @Override
        public String type() {
            return "inventory.lot.adjusted";
        }
    }
}
