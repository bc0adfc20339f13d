package io.github.omniretail.inventory;

import static io.github.omniretail.inventory.StockRules.at;
import static io.github.omniretail.inventory.StockRules.emit;

import io.github.omniretail.core.NodeId;
import java.util.List;
import java.util.Optional;

/**
 * The inventory rules kernel's return rules: units a customer brings back go on the shelf (into a lot, if named),
 * into quarantine at the node, or are written off as damaged; inspection later moves quarantined units to the shelf
 * or writes them off. Like the other rules, each method changes only the {@link SkuState} it is given, under the
 * caller's lock, and validates before it changes anything. Stateless.
 */
final class ReturnRules {

    private ReturnRules() {
    }

    /**
     * Takes back returned units at node index {@code n}.
     *
     * @return the position's slot
     * @throws IllegalArgumentException if sellable units name a lot that has expired or has another expiry here
     */
    static int returned(StockRules stock, SkuState s, int n, ReturnedUnits r, long now, List<StockEvent> ev) {
        int slot = place(stock, s, n, r, now);
        int onHand = s.onHand(slot);
        int quarantined = s.quarantined(n);
        NodeId node = stock.nodes[n];
        Optional<String> lot = r.lot().map(Lot::id);
        emit(ev, () -> new StockEvent.Returned(at(now), s.sku, node, r.quantity(), r.disposition(), lot, r.reason(),
                onHand, quarantined));
        if (r.disposition() == Disposition.SELLABLE) {
            stock.afterChange(s, slot, now, ev);
        }
        return slot;
    }

    /**
     * Moves quarantined units at node index {@code n} to the shelf or writes them off ({@code r.disposition()}).
     *
     * @return the position's slot
     * @throws IllegalArgumentException if fewer units are in quarantine, the outcome is quarantine again, or
     *     sellable units name a lot that cannot take them
     */
    static int inspect(StockRules stock, SkuState s, int n, ReturnedUnits r, long now, List<StockEvent> ev) {
        NodeId node = stock.nodes[n];
        if (r.disposition() == Disposition.QUARANTINE) {
            throw new IllegalArgumentException("inspection of " + s.sku + " at " + node
                    + " ends in SELLABLE or DAMAGED, not QUARANTINE");
        }
        int in = s.quarantined(n);
        if (in < r.quantity()) {
            throw new IllegalArgumentException("only " + in + " units of " + s.sku + " are in quarantine at " + node
                    + ", not " + r.quantity());
        }
        int slot = place(stock, s, n, r, now); // validates a named lot before anything changes
        s.extras(n).quarantined -= r.quantity();
        int onHand = s.onHand(slot);
        int quarantined = s.quarantined(n);
        Optional<String> lot = r.lot().map(Lot::id);
        emit(ev, () -> new StockEvent.Inspected(at(now), s.sku, node, r.quantity(), r.disposition(), lot,
                r.reason(), onHand, quarantined));
        if (r.disposition() == Disposition.SELLABLE) {
            stock.afterChange(s, slot, now, ev);
        }
        return slot;
    }

    /** Sellable units on the shelf (in their lot), quarantined ones counted, damaged ones nowhere. */
    private static int place(StockRules stock, SkuState s, int n, ReturnedUnits r, long now) {
        switch (r.disposition()) {
            case SELLABLE -> {
                long expires = r.lot().isEmpty() ? 0 : LotRules.check(stock, s, n, r.lot().get(), now, "sold again");
                int slot = s.slot(n);
                s.setOnHand(slot, Math.addExact(s.onHand(slot), r.quantity()));
                if (r.lot().isPresent()) {
                    LotRules.into(s, n, r.lot().get(), expires, r.quantity(), now);
                }
                return slot;
            }
            case QUARANTINE -> {
                int slot = s.slot(n);
                SkuState.Extras x = s.extras(n);
                x.quarantined = Math.addExact(x.quarantined, r.quantity());
                return slot;
            }
            default -> {
                return s.slot(n);
            }
        }
    }
}
