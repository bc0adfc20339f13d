package io.github.omniretail.inventory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.json.InvalidJsonException;
import io.github.omniretail.core.json.JsonTree;
import io.github.omniretail.inventory.spi.Locked;
import io.github.omniretail.inventory.spi.StoredHold;
import io.github.omniretail.inventory.spi.StoredOutcome;
import io.github.omniretail.inventory.spi.StoredRows;
import io.github.omniretail.inventory.spi.StoredSku;
import io.github.omniretail.inventory.spi.StoredTransfer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state one stored transaction decides on: the locked SKUs, holds and transfers decoded from their rows into the
 * kernel's own types ({@link SkuState}, {@link HoldState}, {@link TransferState}), so the same rules run as in memory,
 * and the rows that changed, encoded back. Due holds are pushed on their SKUs' expiry heaps as they load, so
 * {@link #expireDue} is the kernel's own expiry. Confined to one thread.
 */
final class StoredState {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    final StockRules stock;
    final long now;
    private final TreeMap<Sku, SkuState> skus = new TreeMap<>();
    private final Map<Sku, StoredSku> loadedSkus;
    private final Map<Long, HoldState> holds = new HashMap<>();
    private final Map<Long, StoredHold> loadedHolds;
    private final Map<Long, TransferState> transfers = new HashMap<>();
    private final Map<Long, StoredTransfer> loadedTransfers;
    private final Map<String, StoredOutcome> outcomes = new HashMap<>();
    private final List<StoredOutcome> freshOutcomes = new ArrayList<>();
    private final long[] holdIds;
    private final long[] transferIds;
    private int holdIdsUsed;
    private int transferIdsUsed;

    /**
     * Decodes the locked rows. {@code holdIds} and {@code transferIds} are ids reserved for the holds and transfers
     * this transaction may create.
     */
    StoredState(StockRules stock, long now, Locked locked, long[] holdIds, long[] transferIds) {
        this.holdIds = holdIds;
        this.transferIds = transferIds;
        this.stock = stock;
        this.now = now;
        this.loadedSkus = locked.skus();
        this.loadedHolds = locked.holds();
        this.loadedTransfers = locked.transfers();
        int index = 0;
        for (StoredSku row : new TreeMap<>(locked.skus()).values()) {
            SkuState s = new SkuState(row.sku(), index++);
            s.loadPositions(row.positions());
            row.detail().ifPresent(d -> readDetail(s, d));
            skus.put(row.sku(), s);
        }
        for (StoredHold row : locked.holds().values()) {
            HoldState hold = readHold(row);
            holds.put(hold.id, hold);
            if (row.status() == HoldStatus.HELD) {
                for (SkuState s : hold.skus()) {
                    s.push(row.expiresAt().toEpochMilli(), hold.id);
                }
            }
        }
        for (StoredTransfer row : locked.transfers().values()) {
            TransferState t = readTransfer(row);
            transfers.put(t.id, t);
        }
        outcomes.putAll(locked.outcomes());
    }

    StoredState(StockRules stock, long now, Locked locked) {
        this(stock, now, locked, new long[0], new long[0]);
    }

    /** The next id reserved for a new hold. */
    long nextHoldId() {
        if (holdIdsUsed == holdIds.length) {
            throw new IllegalStateException("no hold id reserved for this transaction");
        }
        return holdIds[holdIdsUsed++];
    }

    /** The next id reserved for a new transfer. */
    long nextTransferId() {
        if (transferIdsUsed == transferIds.length) {
            throw new IllegalStateException("no transfer id reserved for this transaction");
        }
        return transferIds[transferIdsUsed++];
    }

    /** The locked SKU, or null if it has no row. */
    SkuState sku(Sku sku) {
        return skus.get(sku);
    }

    Iterable<SkuState> skus() {
        return skus.values();
    }

    HoldState hold(long id) {
        return holds.get(id);
    }

    void add(HoldState hold) {
        holds.put(hold.id, hold);
    }

    Iterable<HoldState> holds() {
        return holds.values();
    }

    TransferState transfer(long id) {
        return transfers.get(id);
    }

    void add(TransferState transfer) {
        transfers.put(transfer.id, transfer);
    }

    Iterable<TransferState> transfers() {
        return transfers.values();
    }

    /** The idempotency record of {@code key} if it was loaded or recorded in this transaction, else null. */
    StoredOutcome outcome(String key) {
        return outcomes.get(key);
    }

    void record(StoredOutcome outcome) {
        outcomes.put(outcome.key(), outcome);
        freshOutcomes.add(outcome);
    }

    /** Expires every hold due on the locked SKUs (the kernel's expiry over their heaps). */
    int expireDue(List<StockEvent> ev) {
        int expired = 0;
        for (SkuState s : skus.values()) {
            expired += HoldRules.expire(stock, holds::get, s, now, ev);
        }
        return expired;
    }

    /** The rows that differ from what was loaded, the idempotency records made, and {@code events} (the outbox). */
    StoredRows changes(List<StockEvent> events) {
        List<StoredSku> changedSkus = new ArrayList<>();
        for (SkuState s : skus.values()) {
            StoredSku row = write(s);
            StoredSku before = loadedSkus.get(s.sku);
            if (before == null || !Arrays.equals(before.positions(), row.positions())
                    || !before.detail().equals(row.detail())) {
                changedSkus.add(row);
            }
        }
        List<StoredHold> changedHolds = new ArrayList<>();
        for (HoldState hold : holds.values()) {
            StoredHold row = write(hold);
            if (!row.equals(loadedHolds.get(hold.id))) {
                changedHolds.add(row);
            }
        }
        List<StoredTransfer> changedTransfers = new ArrayList<>();
        for (TransferState t : transfers.values()) {
            StoredTransfer row = write(t);
            if (!row.equals(loadedTransfers.get(t.id))) {
                changedTransfers.add(row);
            }
        }
        List<io.github.omniretail.inventory.spi.StoredEvent> stored = new ArrayList<>(events == null ? 0 : events.size());
        if (events != null) {
            for (StockEvent e : events) {
                stored.add(io.github.omniretail.inventory.spi.StoredEvent.of(e));
            }
        }
        return new StoredRows(changedSkus, changedHolds, changedTransfers, freshOutcomes, stored);
    }

    // =====================================================================================================
    // SKUs

    static StoredSku write(SkuState s) {
        ObjectNode detail = null;
        if (s.ruleHeld != null && !s.ruleHeld.isEmpty()) {
            detail = F.objectNode();
            ObjectNode rules = detail.putObject("rules");
            new TreeMap<>(s.ruleHeld).forEach((node, held) -> {
                ArrayNode a = rules.putArray(node.toString());
                for (int h : held) {
                    a.add(h);
                }
            });
        }
        if (s.hasPoolDemand()) {
            detail = detail != null ? detail : F.objectNode();
            ObjectNode pools = detail.putObject("pools");
            new TreeMap<>(s.poolDemand).forEach((pool, units) -> pools.put(pool.toString(), units));
        }
        if (s.extras != null && !s.extras.isEmpty()) {
            detail = detail != null ? detail : F.objectNode();
            ObjectNode extras = detail.putObject("positions");
            for (Map.Entry<Integer, SkuState.Extras> e : new TreeMap<>(s.extras).entrySet()) {
                SkuState.Extras x = e.getValue();
                ObjectNode o = extras.putObject(e.getKey().toString());
                o.put("policy", InventoryJson.safetyPolicy(x.policy));
                if (x.sales != null && !x.sales.isEmpty()) {
                    o.put("sales", InventoryJson.dailySales(x.sales));
                }
                o.put("reorderPoint", x.reorderPoint);
                o.put("hysteresis", x.hysteresis);
                if (x.quarantined > 0) {
                    o.put("quarantined", x.quarantined);
                }
            }
        }
        if (s.lots != null && s.lots.values().stream().anyMatch(t -> t.size() > 0)) {
            detail = detail != null ? detail : F.objectNode();
            ObjectNode lots = detail.putObject("lots");
            for (Map.Entry<Integer, LotTable> e : new TreeMap<>(s.lots).entrySet()) {
                LotTable t = e.getValue();
                if (t.size() == 0) {
                    continue;
                }
                ArrayNode a = lots.putArray(e.getKey().toString()); // per lot: id, expiry, received, on-hand, held
                for (int i = 0; i < t.size(); i++) {
                    a.addArray().add(t.id(i)).add(t.expires(i)).add(t.received(i)).add(t.onHand(i)).add(t.held(i));
                }
            }
        }
        if (s.inbound != null) {
            detail = detail != null ? detail : F.objectNode();
            ObjectNode inbound = detail.putObject("inbound");
            for (Map.Entry<Integer, InboundTable> e : new TreeMap<>(s.inbound).entrySet()) {
                ObjectNode t = inbound.putObject(e.getKey().toString());
                ArrayNode receipts = t.putArray("receipts"); // id, kind, quantity, ETA
                for (InboundTable.Receipt r : e.getValue().receipts) {
                    receipts.addArray().add(r.id).add(r.kind.name()).add(r.quantity).add(r.eta);
                }
                ArrayNode waiting = t.putArray("waiting"); // hold, line, channel, kind, latest, units, promised
                for (InboundTable.Wait w : e.getValue().queue()) {
                    waiting.addArray().add(w.hold).add(w.line).add(w.channel.id().value())
                            .add(w.channel.kind().name()).add(w.latest).add(w.units).add(w.promised);
                }
            }
        }
        if (s.backorderLimits != null) {
            detail = detail != null ? detail : F.objectNode();
            ObjectNode limits = detail.putObject("backorders");
            new TreeMap<>(s.backorderLimits).forEach((channel, units) -> limits.put(channel.value(), units));
        }
        return new StoredSku(s.sku, s.storedPositions(), Optional.ofNullable(detail).map(ObjectNode::toString));
    }

    private static void readDetail(SkuState s, String json) {
        parse(json, o -> {
            o.optionalField("rules").ifPresent(rules -> {
                s.ruleHeld = new HashMap<>();
                for (String node : rules.names()) {
                    List<JsonTree> held = rules.field(node).elements();
                    int[] counts = new int[held.size()];
                    for (int i = 0; i < counts.length; i++) {
                        counts[i] = held.get(i).intValue();
                    }
                    s.ruleHeld.put(Integer.parseInt(node), counts);
                }
            });
            o.optionalField("pools").ifPresent(pools -> {
                for (String pool : pools.names()) {
                    s.addPoolDemand(Integer.parseInt(pool), pools.field(pool).longValue());
                }
            });
            o.optionalField("lots").ifPresent(lots -> {
                for (String node : lots.names()) {
                    LotTable t = s.lots(Integer.parseInt(node));
                    for (JsonTree lot : lots.field(node).elements()) {
                        List<JsonTree> f = lot.elements();
                        int i = t.lot(f.get(0).text(), f.get(1).longValue(), f.get(2).longValue());
                        t.addOnHand(i, f.get(3).intValue());
                        t.addHeld(i, f.get(4).intValue());
                    }
                }
            });
            o.optionalField("inbound").ifPresent(inbound -> {
                s.inbound = new HashMap<>();
                for (String node : inbound.names()) {
                    InboundTable t = new InboundTable();
                    JsonTree table = inbound.field(node);
                    for (JsonTree r : table.field("receipts").elements()) {
                        List<JsonTree> f = r.elements();
                        t.receipts.add(new InboundTable.Receipt(f.get(0).text(),
                                f.get(1).enumValue(ExpectedReceipt.Kind.class), f.get(2).intValue(),
                                f.get(3).longValue()));
                    }
                    for (JsonTree w : table.field("waiting").elements()) {
                        List<JsonTree> f = w.elements();
                        t.enqueue(new InboundTable.Wait(f.get(0).longValue(), f.get(1).intValue(),
                                new Channel(ChannelId.of(f.get(2).text()), f.get(3).enumValue(ChannelKind.class)),
                                f.get(4).longValue(), f.get(5).intValue(), f.get(6).longValue()));
                    }
                    s.inbound.put(Integer.parseInt(node), t);
                }
            });
            o.optionalField("backorders").ifPresent(limits -> {
                for (String channel : limits.names()) {
                    StockRules.backorderLimit(s, ChannelId.of(channel), limits.field(channel).intValue());
                }
            });
            o.optionalField("positions").ifPresent(positions -> {
                for (String node : positions.names()) {
                    JsonTree p = positions.field(node);
                    SkuState.Extras x = s.extras(Integer.parseInt(node));
                    x.policy = InventoryJson.safetyPolicy(p.field("policy").text());
                    x.sales = p.optionalField("sales").map(sales -> new TreeMap<LocalDate, Integer>(
                            InventoryJson.dailySales(sales.text()))).orElse(null);
                    x.reorderPoint = p.field("reorderPoint").intValue();
                    x.hysteresis = p.field("hysteresis").intValue();
                    x.quarantined = p.optionalField("quarantined").map(JsonTree::intValue).orElse(0);
                }
            });
            return null;
        });
    }

    // =====================================================================================================
    // holds

    static StoredHold write(HoldState hold) {
        ObjectNode o = F.objectNode();
        o.put("key", hold.key);
        o.put("channel", hold.channel.id().value());
        o.put("channelKind", hold.channel.kind().name());
        o.put("createdAt", hold.createdAt);
        o.put("initialExpiresAt", hold.initialExpiresAt);
        hold.reference.ifPresent(r -> o.put("reference", r));
        if (hold.presale != null) {
            o.put("presale", hold.presale.policy.latestPromise().map(Instant::toEpochMilli).orElse(-1L));
        }
        ArrayNode lines = o.putArray("lines");
        boolean open = false;
        for (HoldState.Line line : hold.lines) {
            ArrayNode l = lines.addArray();
            l.add(line.sku.sku.value()).add(line.requestedNode).add(line.node).add(line.pool).add(line.quantity)
                    .add(line.fulfilled).add(line.released);
            if (hold.kits != null) {
                l.add(line.group).add(line.per); // a kit's component lines: request line, units per kit
            }
            open |= line.open() > 0;
        }
        ArrayNode takes = null;
        for (int i = 0; i < hold.lines.length; i++) {
            LotTable.Take take = hold.lines[i].take;
            if (take == null) {
                continue;
            }
            // per line with lots or a lot preference: index, FIFO, named lot, and per lot: id, open, shipped, taken
            ArrayNode t = (takes == null ? takes = o.putArray("lots") : takes).addArray();
            t.add(i).add(take.fifo);
            if (take.named == null) {
                t.addNull();
            } else {
                t.add(take.named);
            }
            ArrayNode units = t.addArray();
            for (int k = 0; k < take.ids.length; k++) {
                units.addArray().add(take.ids[k]).add(take.open(k)).add(take.shipped(k)).add(take.taken(k));
            }
        }
        if (hold.kits != null) {
            ArrayNode kits = o.putArray("kits");
            for (Kit kit : hold.kits) {
                if (kit == null) {
                    kits.addNull();
                } else {
                    kits.add(kit.sku().value());
                }
            }
        }
        long life = hold.life();
        List<Sku> lineSkus = new ArrayList<>();
        for (SkuState s : hold.skus()) {
            lineSkus.add(s.sku);
        }
        return new StoredHold(hold.id, HoldState.status(life), Instant.ofEpochMilli(HoldState.expiresAt(life)),
                hold.finalizedAt < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(hold.finalizedAt)),
                lineSkus, open, o.toString());
    }

    private HoldState readHold(StoredHold row) {
        return parse(row.body(), o -> {
            List<JsonTree> stored = o.field("lines").elements();
            HoldState.Line[] lines = new HoldState.Line[stored.size()];
            for (int i = 0; i < lines.length; i++) {
                List<JsonTree> l = stored.get(i).elements();
                Sku sku = Sku.of(l.get(0).text());
                SkuState s = skus.get(sku);
                if (s == null) {
                    throw new IllegalStateException("hold H-" + row.id() + " was loaded without a lock on " + sku);
                }
                HoldState.Line line = l.size() > 7
                        ? new HoldState.Line(s, l.get(1).intValue(), l.get(3).intValue(), l.get(4).intValue(),
                                l.get(7).intValue(), l.get(8).intValue())
                        : new HoldState.Line(s, l.get(1).intValue(), l.get(3).intValue(), l.get(4).intValue());
                line.node = l.get(2).intValue();
                line.fulfilled = l.get(5).intValue();
                line.released = l.get(6).intValue();
                lines[i] = line;
            }
            o.optionalField("lots").ifPresent(all -> {
                for (JsonTree t : all.elements()) {
                    List<JsonTree> f = t.elements();
                    LotTable.Take take = new LotTable.Take(f.get(1).bool(), f.get(2).isNull() ? null
                            : f.get(2).text());
                    List<JsonTree> units = f.get(3).elements();
                    take.ids = new String[units.size()];
                    take.units = new int[3 * units.size()];
                    for (int k = 0; k < units.size(); k++) {
                        List<JsonTree> u = units.get(k).elements();
                        take.ids[k] = u.get(0).text();
                        take.set(k, u.get(1).intValue(), u.get(2).intValue(), u.get(3).intValue());
                    }
                    lines[f.get(0).intValue()].take = take;
                }
            });
            Channel channel = new Channel(ChannelId.of(o.field("channel").text()),
                    o.field("channelKind").enumValue(ChannelKind.class));
            Kit[] kits = o.optionalField("kits").map(k -> k.elements().stream().map(e -> e.isNull() ? null
                    : kit(Sku.of(e.text()), row.id())).toArray(Kit[]::new)).orElse(null);
            HoldState hold = new HoldState(stock, o.field("key").text(), row.id(), channel,
                    o.field("createdAt").longValue(), o.field("initialExpiresAt").longValue(),
                    o.optionalField("reference").map(JsonTree::text), lines, row.status(), kits);
            o.optionalField("presale").ifPresent(p -> hold.presale = new HoldState.PresaleState(p.longValue() < 0
                    ? Presale.openEnded() : Presale.promisedBy(Instant.ofEpochMilli(p.longValue()))));
            hold.set(row.status(), row.expiresAt().toEpochMilli());
            hold.finalizedAt = row.finalisedAt().map(Instant::toEpochMilli).orElse(-1L);
            return hold;
        });
    }

    private Kit kit(Sku sku, long hold) {
        Kit kit = stock.kits.get(sku);
        if (kit == null) {
            throw new IllegalStateException("hold H-" + hold + " names kit " + sku + ", which the catalogue lacks");
        }
        return kit;
    }

    // =====================================================================================================
    // transfers

    static StoredTransfer write(TransferState t) {
        ObjectNode o = F.objectNode();
        o.put("from", t.from);
        o.put("to", t.to);
        o.put("quantity", t.quantity);
        o.put("received", t.received);
        o.put("dispatchedAt", t.dispatchedAt);
        o.put("receivedAt", t.receivedAt);
        return new StoredTransfer(t.id, t.sku.sku, t.receivedAt < 0, o.toString());
    }

    private TransferState readTransfer(StoredTransfer row) {
        SkuState s = skus.get(row.sku());
        if (s == null) {
            throw new IllegalStateException("transfer " + row.id() + " was loaded without a lock on " + row.sku());
        }
        return parse(row.body(), o -> {
            TransferState t = new TransferState(row.id(), s, o.field("from").intValue(), o.field("to").intValue(),
                    o.field("quantity").intValue(), o.field("dispatchedAt").longValue());
            t.received = o.field("received").intValue();
            t.receivedAt = o.field("receivedAt").longValue();
            return t;
        });
    }

    private static <T> T parse(String json, java.util.function.Function<JsonTree, T> reader) {
        try {
            return JsonTree.read(json, reader);
        } catch (InvalidJsonException e) {
            throw new IllegalStateException("stored inventory row is not in the form this version writes: "
                    + e.getMessage(), e);
        }
    }
}
