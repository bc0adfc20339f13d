package io.github.omniretail.inventory;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.UnknownSkuException;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.inventory.spi.InventoryStorage;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.inventory.spi.InventoryStoreContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One pool of stock (一盘货) across stores, warehouses and dark stores, shared by every channel, that never
 * oversells.
 *
 * <p><b>Positions.</b> A position is a SKU at a node: on-hand, held, safety stock. Available-to-promise (ATP) is
 * {@code on-hand − held − safety}, never below zero; channel rules ({@link ChannelRule}) and pool-level holds can
 * lower what a particular channel may promise ({@link #atp(Sku, NodeId, Channel)}).
 *
 * <p><b>Holds.</b> {@link #hold(HoldRequest)} holds every line or none. Lifecycle: {@code HELD} (with a
 * time-to-live) → {@code CONFIRMED} → {@code FULFILLED} (on-hand falls), or {@code RELEASED}, or {@code EXPIRED}.
 * Expiry follows the injected clock: {@link #expireDue()} sweeps, and every read and write also expires what is
 * due on the positions it touches, so an expired hold never blocks stock even if no sweep ran.
 *
 * <p><b>Idempotency.</b> Every state-changing call that is not naturally idempotent takes a caller key: a retry
 * with the same key and the same request returns the original outcome (or throws the original failure); the
 * same key with a different request throws {@link IdempotencyConflictException}. Keys are remembered for the
 * builder's retention window, then forgotten. Set-style calls (rules, safety stock, reorder points, sales of a
 * day) are idempotent by nature and take no key.
 *
 * <p><b>Failures.</b> Every call validates first and then applies; when it throws, nothing changed.
 *
 * <p><b>Thread-safety.</b> Implementations are thread-safe and linearizable: each call takes effect atomically at
 * one instant between its invocation and return. The in-memory engine locks per SKU (several SKUs in a fixed
 * order), so calls on different SKUs never wait for each other and multi-line calls cannot deadlock.
 *
 * <p><b>Kits.</b> A virtual {@link Kit} ({@link #defineKit}) is sold as one SKU and held as its components.
 *
 * <p><b>Lots.</b> Units received into a {@link Lot} are held first-expiry-first-out ({@link #receive(IdempotencyKey,
 * Sku, NodeId, Lot, int)}, {@link #lots}, {@link #expireLots()}).
 *
 * <p>This file is near 900 lines because it is the module's whole contract in one place — every call's units,
 * failures and idempotency, plus its builder — and splitting the interface would scatter that contract.
 */
public interface InventoryEngine {

    /**
     * A builder of the in-memory engine.
     *
     * @return a new builder; not thread-safe
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * The default store: all state in this JVM's heap (about 18 bytes a position), lost when the JVM exits unless
     * saved with {@link #snapshot()}.
     *
     * @return the in-memory store
     */
    static InventoryStore inMemoryStore() {
        return MemoryInventoryStore.INSTANCE;
    }

    /**
     * A store on rows kept in {@code storage} (such as PostgreSQL), shared by every engine on the same rows in any
     * JVM: the same rules kernel decides each call from the rows of exactly the SKUs it touches, and concurrent calls
     * on one engine are committed together as {@code groupCommit} says. Storage adapters (such as
     * {@code PostgresInventoryStore}) call this; applications use the adapter.
     *
     * @param storage non-null storage
     * @param groupCommit non-null batching settings, such as {@link GroupCommit#DEFAULTS}
     * @return a store whose engines are thread-safe
     */
    static InventoryStore storedIn(InventoryStorage storage, GroupCommit groupCommit) {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(groupCommit, "groupCommit");
        return new InventoryStore() {
            @Override
            public InventoryEngine open(InventoryStoreContext context) {
                return new StoredInventoryEngine(storage, groupCommit, Objects.requireNonNull(context, "context"));
            }

            @Override
            public String toString() {
                return "InventoryStore[" + storage + ", " + groupCommit + "]";
            }
        };
    }

    // ---- catalogue

    /**
     * Makes a node known. Idempotent.
     *
     * @param node non-null node id
     */
    void registerNode(NodeId node);

    /**
     * Whether a node is known: registered explicitly, by a snapshot, or (with auto-registration) by a movement that
     * named it. Routing refuses stock-holding nodes that the inventory does not know.
     *
     * @param node non-null node id
     * @return true if known
     */
    boolean knowsNode(NodeId node);

    /**
     * Whether unknown SKUs and nodes are registered on first use instead of rejected (the builder's
     * {@link Builder#autoRegister(boolean)}).
     *
     * @return true if this engine auto-registers
     */
    boolean autoRegisters();

    /**
     * Makes a SKU known. Idempotent.
     *
     * @param sku non-null SKU
     */
    void registerSku(Sku sku);

    /**
     * Defines a virtual {@link Kit}: its SKU has no stock of its own; its ATP at a node is the fewest whole kits its
     * components make there, and a hold line of it holds every component at that node, all or none. Idempotent for
     * the same definition; components are registered as with any movement (or must be, without auto-registration).
     *
     * @param kit non-null kit
     * @throws IllegalArgumentException if the SKU is already defined as another kit, has positions of its own, is a
     *     component of a kit, or the kit contains a kit
     * @throws UnknownSkuException for an unknown component when the engine does not auto-register
     */
    void defineKit(Kit kit);

    /**
     * @param sku non-null SKU
     * @return its kit definition, if it is a virtual kit
     */
    Optional<Kit> kit(Sku sku);

    /**
     * Defines or redefines a stock pool: the nodes whose stock a pool-level hold line may come from.
     *
     * @param pool non-null pool id
     * @param nodes non-empty set of known nodes
     * @throws UnknownNodeException if a node is unknown
     * @throws InsufficientStockException if redefining the pool would leave its open pool-level holds
     *     unsatisfiable
     */
    void definePool(PoolId pool, Set<NodeId> nodes);

    // ---- stock movements

    /**
     * Adds received units to on-hand.
     *
     * @param idempotencyKey non-null caller key
     * @param sku non-null SKU
     * @param node non-null node
     * @param quantity units, {@code > 0}
     * @return the position after the receipt
     * @throws UnknownSkuException if the SKU is unknown
     * @throws UnknownNodeException if the node is unknown
     * @throws ArithmeticException if on-hand would overflow an {@code int}
     */
    Position receive(IdempotencyKey idempotencyKey, Sku sku, NodeId node, int quantity);

    /**
     * Receives units into a lot (a delivery of fresh food, say): the position's on-hand grows, and the lot's. Holds
     * at the position take lots first-expiry-first-out unless a line asks otherwise; units the position has beyond
     * its lots are taken after every lot.
     *
     * @param idempotencyKey non-null key: a retry with the same key and arguments returns the first result
     * @param sku non-null SKU
     * @param node non-null node
     * @param lot non-null lot; one already at the node must come with the same expiry
     * @param quantity units, {@code > 0}
     * @return the position after the receipt
     * @throws IllegalArgumentException if the lot has expired or is known here with another expiry
     */
    Position receive(IdempotencyKey idempotencyKey, Sku sku, NodeId node, Lot lot, int quantity);

    /**
     * The lots at a position, in first-expiry-first-out order.
     *
     * @param sku non-null known SKU
     * @param node non-null known node
     * @return the lots with units on hand or held; empty where the position has none
     */
    List<LotPosition> lots(Sku sku, NodeId node);

    /**
     * Takes back units a customer returned, at the node and in the lot the caller chose: {@link Disposition#SELLABLE}
     * units go on the shelf (on-hand grows; into the lot, if named), {@link Disposition#QUARANTINE} units are kept
     * at the node but not for sale until {@link #inspect}ed, {@link Disposition#DAMAGED} units are written off (never
     * on-hand). Event {@link StockEvent.Returned}. Idempotent per key.
     *
     * @param idempotencyKey non-null
     * @param units non-null units, disposition, lot and reason
     * @return the position after the return
     * @throws IllegalArgumentException if sellable units name a lot that has expired or has another expiry here,
     *     or the SKU is a kit (return its components)
     * @throws IdempotencyConflictException if the key was used for another call
     */
    Position returnUnits(IdempotencyKey idempotencyKey, ReturnedUnits units);

    /**
     * Ends the quarantine of returned units after inspection: {@link Disposition#SELLABLE} puts them on the shelf
     * (into the lot, if named), {@link Disposition#DAMAGED} writes them off. Event {@link StockEvent.Inspected}.
     * Idempotent per key.
     *
     * @param idempotencyKey non-null
     * @param units non-null units leaving quarantine at their node, with the outcome as disposition
     * @return the position after the inspection
     * @throws IllegalArgumentException if fewer units are in quarantine there, the disposition is
     *     {@code QUARANTINE}, or sellable units name a lot that cannot take them
     * @throws IdempotencyConflictException if the key was used for another call
     */
    Position inspect(IdempotencyKey idempotencyKey, ReturnedUnits units);

    /**
     * Units of a position in quarantine: returned, kept at the node, not for sale until inspected.
     *
     * @param sku non-null known SKU
     * @param node non-null known node
     * @return units, {@code >= 0}
     */
    int quarantined(Sku sku, NodeId node);

    /**
     * Units available to promise to {@code channel} at a position, by the lot a hold would take them from: lots the
     * channel may sell (its minimum shelf life applied) in first-expiry-first-out order, then units without a lot.
     * The units add up to {@link #atp(Sku, NodeId, Channel)}: safety stock and channel rules are taken from the
     * lots taken last.
     *
     * @param sku non-null known SKU, not a kit (ask per component)
     * @param node non-null known node
     * @param channel non-null channel
     * @return the available units per lot, soonest-expiring first; empty when none is available
     * @throws IllegalArgumentException if {@code sku} is a kit
     */
    List<LotAtp> atpByLot(Sku sku, NodeId node, Channel channel);

    /**
     * {@link #atpByLot} in buckets by the last day each lot may be sold in {@code zone} (a lot expiring at midnight
     * belongs to the day before): units by sell-by day, soonest first, then the units that do not expire.
     *
     * @param sku non-null known SKU, not a kit
     * @param node non-null known node
     * @param channel non-null channel
     * @param zone non-null zone the days are read in (usually the node's)
     * @return the buckets, soonest first; empty when nothing is available
     * @throws IllegalArgumentException if {@code sku} is a kit
     */
    default List<ExpiryBucket> atpByExpiry(Sku sku, NodeId node, Channel channel, java.time.ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        java.util.TreeMap<LocalDate, Long> byDay = new java.util.TreeMap<>();
        long never = 0;
        for (LotAtp a : atpByLot(sku, node, channel)) {
            if (a.expiresAt().isEmpty()) {
                never += a.units();
            } else {
                byDay.merge(io.github.omniretail.core.spi.LotView.lastDay(a.expiresAt().get(), zone), (long) a.units(), Long::sum);
            }
        }
        List<ExpiryBucket> buckets = new java.util.ArrayList<>(byDay.size() + 1);
        byDay.forEach((day, units) -> buckets.add(new ExpiryBucket(Optional.of(day), units)));
        if (never > 0) {
            buckets.add(new ExpiryBucket(Optional.empty(), never));
        }
        return List.copyOf(buckets);
    }

    /**
     * Changes one lot's on-hand at a node with a reason code: spoiled or damaged units of that lot written off
     * ({@code delta < 0}), a count of the lot, a correction. The position's on-hand changes with it (events
     * {@link StockEvent.LotAdjusted} and {@link StockEvent.Adjusted}). Only the lot's free units can be taken; units
     * cannot be added to an expired lot; a lot left empty is forgotten. {@link #adjust} and {@link #count} change
     * only units without a lot.
     *
     * @param idempotencyKey non-null key: a retry returns the same outcome
     * @param sku non-null SKU
     * @param node non-null node
     * @param lot non-null id of a lot at the node
     * @param delta signed change in units, not 0
     * @param reason non-blank reason code
     * @return the position after
     * @throws IllegalArgumentException if the lot is not there, would lose held units, or is expired and would grow
     */
    Position adjustLot(IdempotencyKey idempotencyKey, Sku sku, NodeId node, String lot, int delta, String reason);

    /**
     * Boxes components into an assembled kit's own stock at a node (a gift box packed ahead, with its own barcode):
     * each component's on-hand falls by {@code units} × its quantity in {@code recipe}, the kit SKU's rises by
     * {@code units}, all or nothing (event {@link StockEvent.KitAssembled}; each change also {@link StockEvent.Adjusted}).
     * Only free stock no channel reserves, no pool needs and no pre-sale waits for, and only units without a lot, can
     * be boxed. The assembled kit is then an ordinary SKU: held, sold and counted by its own stock. A
     * {@linkplain #defineKit virtual kit} is the other way: no stock of its own, built from components when held.
     *
     * @param idempotencyKey non-null key: a retry returns the same outcome
     * @param recipe non-null components per kit; its SKU and components must not be virtual kits
     * @param node non-null node
     * @param units kits to box, {@code > 0}
     * @return the kit's position after
     * @throws InsufficientStockException naming a component that cannot spare its units (nothing changes)
     * @throws IllegalArgumentException if the recipe names a virtual kit
     */
    Position assemble(IdempotencyKey idempotencyKey, Kit recipe, NodeId node, int units);

    /**
     * Opens assembled kits back into their components at a node (the reverse of {@link #assemble}, event
     * {@link StockEvent.KitDisassembled}): only the kit's free stock.
     *
     * @param idempotencyKey non-null key
     * @param recipe non-null components per kit
     * @param node non-null node
     * @param units kits to open, {@code > 0}
     * @return the kit's position after
     * @throws InsufficientStockException if the kit's free stock is short (nothing changes)
     * @throws IllegalArgumentException if the recipe names a virtual kit
     */
    Position disassemble(IdempotencyKey idempotencyKey, Kit recipe, NodeId node, int units);

    /**
     * Announces units expected at a node (a purchase order or an inbound transfer): {@link Presale} holds may wait
     * for them and are promised its ETA, and {@link #atpByDate} counts them. Waiting lines may be promised earlier
     * (event {@link StockEvent.HoldRepromised}).
     *
     * @param idempotencyKey non-null key: a retry returns the same outcome
     * @param receipt non-null receipt; its id must be new at the position
     * @return the receipt
     * @throws IllegalArgumentException if a receipt of that id is already expected there
     */
    ExpectedReceipt expectReceipt(IdempotencyKey idempotencyKey, ExpectedReceipt receipt);

    /**
     * Changes an expected receipt's quantity and ETA ({@code quantity} 0 cancels it). Then the late-or-short rule
     * of {@link Presale}: waiting lines are promised again in placement order; those whose latest promise can no
     * longer be met have their waiting units cancelled ({@link StockEvent.WaitCancelled}).
     *
     * @param idempotencyKey non-null key
     * @param sku non-null SKU
     * @param node non-null node
     * @param receipt non-null id of an expected receipt there
     * @param quantity units now expected, {@code >= 0}
     * @param eta non-null ETA now
     * @return the position's expected receipts after the change, soonest first
     * @throws IllegalArgumentException if no such receipt is expected or {@code quantity < 0}
     */
    List<ExpectedReceipt> reviseReceipt(IdempotencyKey idempotencyKey, Sku sku, NodeId node, String receipt,
            int quantity, Instant eta);

    /**
     * An expected receipt arrives: {@code received} units go on hand (fewer than expected: a short receipt; the
     * missing units are not expected any more), waiting lines are served strictly in placement order
     * ({@link StockEvent.HoldAllocated}), then the late-or-short rule of {@link #reviseReceipt}.
     *
     * @param idempotencyKey non-null key
     * @param sku non-null SKU
     * @param node non-null node
     * @param receipt non-null id of an expected receipt there
     * @param received units that came, {@code >= 0}
     * @return the position after
     * @throws IllegalArgumentException if no such receipt is expected, {@code received < 0}, or the SKU is a kit
     */
    Position receiveExpected(IdempotencyKey idempotencyKey, Sku sku, NodeId node, String receipt, int received);

    /**
     * The receipts expected at a position.
     *
     * @param sku non-null SKU
     * @param node non-null known node
     * @return the receipts, by ETA then id; empty if none
     */
    List<ExpectedReceipt> inbound(Sku sku, NodeId node);

    /**
     * The pre-sale units waiting at a position, in the order they will be served.
     *
     * @param sku non-null SKU (a kit's component for kit lines)
     * @param node non-null known node
     * @return waiting units in queue order; empty if none
     */
    List<WaitingUnits> waiting(Sku sku, NodeId node);

    /**
     * Available-to-promise over time: what {@code channel} may promise now and from each later ETA on (on-hand
     * ATP plus receipts due by then, less what waiting pre-sale lines claim). Receipts past their ETA that have not
     * arrived count as due now.
     *
     * @param sku non-null SKU, not a kit
     * @param node non-null known node
     * @param channel non-null channel
     * @return points where the amount changes, the first "now"; non-empty
     */
    List<DatedAtp> atpByDate(Sku sku, NodeId node, Channel channel);

    /**
     * Sets how many units of a SKU one channel may have backordered (waiting beyond every known receipt) across all
     * nodes, for open-ended {@link Presale} holds. 0, the default, allows none. Lines already waiting are kept.
     *
     * @param sku non-null SKU, not a kit
     * @param channel non-null channel
     * @param units limit, {@code >= 0}
     */
    void setBackorderLimit(Sku sku, io.github.omniretail.core.ChannelId channel, int units);

    /**
     * Writes off the free units of every lot past its expiry (event {@link StockEvent.LotExpired}, counted as
     * waste); units held for orders stay held. Call it on a schedule, like {@link #expireDue()}. Until then, an
     * expired lot is already unavailable to every hold and ATP.
     *
     * @return units written off
     */
    int expireLots();

    /**
     * Bulk initial load: sets a position's on-hand (a set, so naturally idempotent), with no idempotency record and
     * no events. For loading millions of positions from a system of record at start-up; afterwards use
     * {@link #receive}, {@link #adjust} and {@link #count}.
     *
     * @param sku non-null SKU
     * @param node non-null node
     * @param onHand units, {@code >= 0}
     */
    void loadOnHand(Sku sku, NodeId node, int onHand);

    /**
     * Changes on-hand by a signed delta with a reason (damage, shrinkage, correction). On-hand may fall below held:
     * the shortage is then reported on the position and as an event, never hidden; it may not fall below zero.
     *
     * @param idempotencyKey non-null caller key
     * @param sku non-null SKU
     * @param node non-null node
     * @param delta non-zero signed units
     * @param reason non-blank reason code
     * @return the position after the change
     * @throws IllegalArgumentException if on-hand would become negative
     */
    Position adjust(IdempotencyKey idempotencyKey, Sku sku, NodeId node, int delta, String reason);

    /**
     * Sets on-hand to a counted value (a stock count) with a reason.
     *
     * @param idempotencyKey non-null caller key
     * @param sku non-null SKU
     * @param node non-null node
     * @param counted units counted, {@code >= 0}
     * @param reason non-blank reason code
     * @return the position after the count
     */
    Position count(IdempotencyKey idempotencyKey, Sku sku, NodeId node, int counted, String reason);

    /**
     * Dispatches a transfer: the units leave the source now (they must be available there, reservations and pool
     * holds respected) and are in transit until {@link #receiveTransfer}.
     *
     * @param idempotencyKey non-null caller key
     * @param sku non-null SKU
     * @param from non-null source node
     * @param to non-null destination node, different from the source
     * @param quantity units, {@code > 0}
     * @return the transfer, in transit
     * @throws InsufficientStockException if the source cannot spare the units
     */
    Transfer dispatchTransfer(IdempotencyKey idempotencyKey, Sku sku, NodeId from, NodeId to, int quantity);

    /**
     * Dispatches a transfer, as {@link #dispatchTransfer(IdempotencyKey, Sku, NodeId, NodeId, int)}, and expects it
     * at the destination by {@code eta}: an {@link ExpectedReceipt} of kind {@code TRANSFER} with id
     * {@code transfer-<id>} that pre-sales may wait for and {@link #atpByDate} counts. {@link #receiveTransfer}
     * closes it as {@link #receiveExpected} would (waiting lines served, then the late-or-short rule);
     * {@link #reviseReceipt} moves it.
     *
     * @param idempotencyKey non-null caller key
     * @param sku non-null SKU
     * @param from non-null source node
     * @param to non-null destination node, different from the source
     * @param quantity units, {@code > 0}
     * @param eta non-null expected arrival at the destination
     * @return the transfer, in transit
     * @throws InsufficientStockException if the source cannot spare the units
     */
    Transfer dispatchTransfer(IdempotencyKey idempotencyKey, Sku sku, NodeId from, NodeId to, int quantity,
            Instant eta);

    /**
     * Receives a transfer at its destination; units not received are recorded as lost in transit.
     *
     * @param idempotencyKey non-null caller key
     * @param transfer non-null transfer in transit
     * @param received units received, {@code 0..quantity}
     * @return the received transfer
     * @throws UnknownTransferException if it does not exist
     * @throws IllegalArgumentException if it was already received or {@code received} is out of range
     */
    Transfer receiveTransfer(IdempotencyKey idempotencyKey, TransferId transfer, int received);

    // ---- holds

    /**
     * Holds every line of the request, or none.
     *
     * @param request non-null request, carrying its idempotency key
     * @return the new hold, {@code HELD}
     * @throws InsufficientStockException for the first line (in request order) that cannot be held
     * @throws UnknownSkuException if a SKU is unknown
     * @throws UnknownNodeException if a node is unknown
     * @throws UnknownPoolException if a pool is unknown
     */
    Hold hold(HoldRequest request);

    /**
     * Confirms a held hold: the order was placed; it no longer expires.
     *
     * @param idempotencyKey non-null caller key
     * @param hold non-null hold id
     * @return the hold, {@code CONFIRMED}
     * @throws UnknownHoldException if it does not exist
     * @throws IllegalHoldStateException unless it is {@code HELD} and not expired
     */
    Hold confirm(IdempotencyKey idempotencyKey, HoldId hold);

    /**
     * Extends a held hold's time-to-live to {@code ttl} from now.
     *
     * @param idempotencyKey non-null caller key
     * @param hold non-null hold id
     * @param ttl positive new time-to-live, counted from now
     * @return the hold with its new expiry
     * @throws IllegalHoldStateException unless it is {@code HELD} and not expired
     */
    Hold extend(IdempotencyKey idempotencyKey, HoldId hold, Duration ttl);

    /**
     * Pins a pool-level line to a node of its pool. The node's unreserved stock must cover the line, the hold's
     * channel rules at the node must allow it (a pool line is about stock, a pin also about the channel), and every
     * other pool-level hold must stay satisfiable.
     *
     * @param idempotencyKey non-null caller key
     * @param hold non-null hold id
     * @param line the line's index in the hold
     * @param node non-null node, a member of the line's pool
     * @return the hold with the line pinned
     * @throws IllegalHoldStateException if the hold is final or the line is not an unpinned pool line
     * @throws IllegalArgumentException if the node is not in the pool or the index is out of range
     * @throws InsufficientStockException if the node cannot take the line
     */
    Hold pin(IdempotencyKey idempotencyKey, HoldId hold, int line, NodeId node);

    /**
     * Fulfils units of a confirmed hold's line: they leave the node (on-hand and held both fall).
     *
     * @param idempotencyKey non-null caller key
     * @param hold non-null hold id
     * @param line the line's index in the hold
     * @param quantity units, {@code 1..open}
     * @return the hold after fulfilment ({@code FULFILLED} once nothing is open)
     * @throws IllegalHoldStateException unless the hold is {@code CONFIRMED}, the line pinned and enough open
     */
    Hold fulfil(IdempotencyKey idempotencyKey, HoldId hold, int line, int quantity);

    /**
     * Fulfils every open unit of a confirmed hold.
     *
     * @param idempotencyKey non-null caller key
     * @param hold non-null hold id
     * @return the hold, {@code FULFILLED}
     * @throws IllegalHoldStateException unless the hold is {@code CONFIRMED} with every open line pinned
     */
    Hold fulfilAll(IdempotencyKey idempotencyKey, HoldId hold);

    /**
     * Releases units of a hold's line back to stock.
     *
     * @param idempotencyKey non-null caller key
     * @param hold non-null hold id
     * @param line the line's index in the hold
     * @param quantity units, {@code 1..open}
     * @return the hold after release ({@code RELEASED} or {@code FULFILLED} once nothing is open)
     * @throws IllegalHoldStateException unless the hold is {@code HELD} (not expired) or {@code CONFIRMED}
     */
    Hold release(IdempotencyKey idempotencyKey, HoldId hold, int line, int quantity);

    /**
     * Releases every open unit of a hold (a cancel).
     *
     * @param idempotencyKey non-null caller key
     * @param hold non-null hold id
     * @return the hold after release
     * @throws IllegalHoldStateException unless the hold is {@code HELD} (not expired) or {@code CONFIRMED}
     */
    Hold releaseAll(IdempotencyKey idempotencyKey, HoldId hold);

    /**
     * This engine as a {@link io.github.omniretail.core.spi.StockView}: what routing reads. {@code available} is
     * {@link #atp(Sku, NodeId, Channel)} (0 for an unknown SKU or node); {@code tracks} is {@link #knowsNode},
     * registering the node first when this engine auto-registers.
     *
     * @return a thread-safe view over this engine
     */
    /**
     * This engine as a {@link io.github.omniretail.core.spi.LotView}: what pricing's shelf-life stage reads. The
     * next expiry is that of the first entry of {@link #atpByLot} (empty for an unknown SKU or node, or a kit).
     *
     * @return a thread-safe view over this engine
     */
    default io.github.omniretail.core.spi.LotView lotView() {
        InventoryEngine engine = this;
        return (sku, node, channel) -> {
            if (engine.kit(sku).isPresent()) {
                return Optional.empty(); // a kit's units are its components'
            }
            try {
                List<LotAtp> next = engine.atpByLot(sku, node, channel);
                return next.isEmpty() ? Optional.empty() : next.get(0).expiresAt();
            } catch (UnknownSkuException | UnknownNodeException unknown) {
                return Optional.empty();
            }
        };
    }

    default io.github.omniretail.core.spi.StockView stockView() {
        InventoryEngine engine = this;
        return new io.github.omniretail.core.spi.StockView() {
            @Override
            public long available(Sku sku, NodeId node, Channel channel) {
                try {
                    return engine.atp(sku, node, channel);
                } catch (UnknownSkuException | UnknownNodeException unknown) {
                    return 0;
                }
            }

            @Override
            public Optional<Instant> availableFrom(Sku sku, NodeId node, Channel channel, long units, Instant now) {
                try {
                    if (engine.kit(sku).isPresent()) {
                        return engine.atp(sku, node, channel) >= units ? Optional.of(now) : Optional.empty();
                    }
                    for (DatedAtp point : engine.atpByDate(sku, node, channel)) {
                        if (point.available() >= units) {
                            return Optional.of(point.from().isBefore(now) ? now : point.from());
                        }
                    }
                    return Optional.empty();
                } catch (UnknownSkuException | UnknownNodeException unknown) {
                    return Optional.empty();
                }
            }

            @Override
            public boolean tracks(NodeId node) {
                if (engine.knowsNode(node)) {
                    return true;
                }
                if (engine.autoRegisters()) {
                    engine.registerNode(node);
                    return true;
                }
                return false;
            }
        };
    }

    /**
     * The periodic sweep: expires every due hold, and forgets idempotency keys and final holds older than their
     * retention. Call it on the host's schedule; correctness does not depend on it.
     *
     * @return the number of holds this call expired
     */
    int expireDue();

    // ---- rules and settings (idempotent by nature)

    /**
     * Replaces the channel rules of a node (an empty list removes them). Existing holds stay; rules bind new holds.
     *
     * @param node non-null known node
     * @param rules non-null rules, applied together
     */
    void setChannelRules(NodeId node, List<ChannelRule> rules);

    /**
     * The channel rules of a node.
     *
     * @param node non-null node
     * @return its rules, empty if none
     */
    List<ChannelRule> channelRules(NodeId node);

    /**
     * Sets the safety-stock policy of a position.
     *
     * @param sku non-null SKU
     * @param node non-null node
     * @param policy non-null policy
     */
    void setSafetyStock(Sku sku, NodeId node, SafetyStockPolicy policy);

    /**
     * Records (or replaces) the units sold on a day at a position; a days-of-cover safety stock is recomputed.
     *
     * @param sku non-null SKU
     * @param node non-null node
     * @param day non-null day
     * @param units units sold, {@code >= 0}
     */
    void recordDailySales(Sku sku, NodeId node, LocalDate day, int units);

    /**
     * Sets the low-stock signal of a position: {@link StockEvent.LowStock} once when ATP falls below
     * {@code reorderPoint}, {@link StockEvent.StockRecovered} once when it is back at
     * {@code reorderPoint + hysteresis} or above.
     *
     * @param sku non-null SKU
     * @param node non-null node
     * @param reorderPoint units, {@code >= 0} (0 turns the signal off)
     * @param hysteresis units, {@code >= 0}
     */
    void setReorderPoint(Sku sku, NodeId node, int reorderPoint, int hysteresis);

    // ---- queries

    /**
     * The position of a SKU at a node (all zero if nothing was ever received there).
     *
     * @param sku non-null known SKU
     * @param node non-null known node
     * @return the position now
     */
    Position position(Sku sku, NodeId node);

    /**
     * What {@code channel} may hold of a SKU at a node right now: channel rules and pool-level holds applied.
     *
     * @param sku non-null known SKU
     * @param node non-null known node
     * @param channel non-null channel
     * @return units, {@code >= 0}
     */
    int atp(Sku sku, NodeId node, Channel channel);

    /**
     * What {@code channel} may hold of a SKU over a set of nodes together right now.
     *
     * @param sku non-null known SKU
     * @param nodes non-null known nodes
     * @param channel non-null channel
     * @return units, {@code >= 0}
     */
    long atp(Sku sku, Collection<NodeId> nodes, Channel channel);

    /**
     * What a new pool-level line of {@code channel} could hold of a SKU in a pool right now.
     *
     * @param sku non-null known SKU
     * @param pool non-null defined pool
     * @param channel non-null channel
     * @return units, {@code >= 0}
     */
    long atp(Sku sku, PoolId pool, Channel channel);

    /**
     * A hold as it stands now (an expired hold reads as {@code EXPIRED} even before the sweep).
     *
     * @param hold non-null id
     * @return the hold, or empty if unknown or forgotten after its retention
     */
    Optional<Hold> hold(HoldId hold);

    /**
     * A transfer as it stands now.
     *
     * @param transfer non-null id
     * @return the transfer, or empty if unknown
     */
    Optional<Transfer> transfer(TransferId transfer);

    /**
     * A consistent copy of the whole state — lots, expected receipts, the pre-sale queue and backorder limits
     * included — for backup or for {@link Builder#restore(InventorySnapshot)}.
     *
     * @return the snapshot
     */
    InventorySnapshot snapshot();

    /**
     * Builds the in-memory {@link InventoryEngine}. Each setting may be set once; a second call fails.
     * Not thread-safe.
     */
    final class Builder {
        private Clock clock;
        private EventSink<? super InventoryEvent> events;
        private Boolean autoRegister;
        private Duration idempotencyRetention;
        private Duration finalHoldRetention;
        private InventorySnapshot restore;
        private InventoryStore store;
        private io.github.omniretail.core.spi.BatchListener batches;
        private final java.util.Map<io.github.omniretail.core.ChannelId, Duration> minShelfLife =
                new java.util.HashMap<>();

        Builder() {
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new IllegalStateException(setting + " is already set");
            }
        }

        /**
         * The clock for expiry, event times and retention. Default {@link Clock#systemUTC()}.
         *
         * @param clock non-null clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            once(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where events go. Default {@link EventSink#none()}.
         *
         * @param sink non-null sink
         * @return this builder
         */
        public Builder eventSink(EventSink<? super InventoryEvent> sink) {
            once(this.events, "eventSink");
            this.events = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Whether unknown SKUs and nodes are registered on first use instead of rejected. Default false.
         *
         * @param enabled true to auto-register
         * @return this builder
         */
        public Builder autoRegister(boolean enabled) {
            once(this.autoRegister, "autoRegister");
            this.autoRegister = enabled;
            return this;
        }

        /**
         * How long idempotency keys are remembered. Default 24 hours.
         *
         * @param retention positive duration
         * @return this builder
         */
        public Builder idempotencyRetention(Duration retention) {
            once(this.idempotencyRetention, "idempotencyRetention");
            this.idempotencyRetention = positive(retention, "idempotencyRetention");
            return this;
        }

        /**
         * How long final (fulfilled, released, expired) holds stay readable. Default 24 hours.
         *
         * @param retention positive duration
         * @return this builder
         */
        public Builder finalHoldRetention(Duration retention) {
            once(this.finalHoldRetention, "finalHoldRetention");
            this.finalHoldRetention = positive(retention, "finalHoldRetention");
            return this;
        }

        /**
         * Starts the engine from a snapshot taken with {@link InventoryEngine#snapshot()}.
         *
         * @param snapshot non-null snapshot
         * @return this builder
         */
        public Builder restore(InventorySnapshot snapshot) {
            once(this.restore, "restore");
            this.restore = Objects.requireNonNull(snapshot, "snapshot");
            return this;
        }

        /**
         * Told the size and duration of every batch a stored engine commits (metrics: batch sizes, commit
         * latency); engines in memory run no batches. Default: none.
         *
         * @param listener non-null listener; fast, and thread-safe
         * @return this builder
         */
        public Builder batchListener(io.github.omniretail.core.spi.BatchListener listener) {
            once(this.batches, "batchListener");
            this.batches = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Where state is kept. Default {@link InventoryEngine#inMemoryStore()}.
         *
         * @param store non-null store
         * @return this builder
         */
        public Builder store(InventoryStore store) {
            once(this.store, "store");
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The shelf life a lot must have left for a channel to take it: a marketplace that needs three days of
         * freshness, say. Channels not set take any lot not yet expired.
         *
         * @param channel non-null channel id
         * @param minimum non-null, {@code >= 0}
         * @return this builder
         */
        public Builder minShelfLife(io.github.omniretail.core.ChannelId channel, Duration minimum) {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(minimum, "minimum");
            if (minimum.isNegative()) {
                throw new IllegalArgumentException("minimum shelf life for " + channel + " must be >= 0, was "
                        + minimum);
            }
            if (minShelfLife.putIfAbsent(channel, minimum) != null) {
                throw new IllegalStateException("minShelfLife for " + channel + " is already set");
            }
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }

        /**
         * Builds the engine.
         *
         * @return a new, thread-safe engine
         */
        @SuppressWarnings("unchecked")
        public InventoryEngine build() {
            InventoryStoreContext context = new InventoryStoreContext(
                    clock != null ? clock : Clock.systemUTC(),
                    events != null ? (EventSink<InventoryEvent>) events : EventSink.none(),
                    events == null,
                    autoRegister != null && autoRegister,
                    idempotencyRetention != null ? idempotencyRetention : Duration.ofHours(24),
                    finalHoldRetention != null ? finalHoldRetention : Duration.ofHours(24),
                    Optional.ofNullable(restore), minShelfLife,
                    batches != null ? batches : io.github.omniretail.core.spi.BatchListener.none());
            return (store != null ? store : inMemoryStore()).open(context);
        }
    }
}
