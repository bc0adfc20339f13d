package io.github.omniretail.inventory;

import static io.github.omniretail.inventory.StockRules.at;
import static io.github.omniretail.inventory.StockRules.emit;

import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The inventory rules kernel's assembly rules: boxing components into an assembled kit's own stock at a node, and
 * opening boxes back into components. Both check every SKU before changing any (all or nothing), use only stock no
 * channel reserves and no pool or waiting pre-sale needs (like a transfer), and move only units without a lot. Changes
 * only the {@link SkuState}s it is given, under the caller's locks of them. Stateless.
 */
final class Assembly {

    /** The channel id an assembly's refusals name (no channel asks). */
    static final ChannelId ASSEMBLY = ChannelId.of("assembly");

    private Assembly() {
    }

    /** Refuses a recipe whose SKU or a component is a virtual kit: a virtual kit has no stock to box or unbox. */
    static void check(StockRules stock, Kit recipe) {
        if (stock.kit(recipe.sku()) != null) {
            throw new IllegalArgumentException(recipe.sku() + " is a virtual kit, built from its components when "
                    + "held: it has no stock of its own to assemble into");
        }
        for (Sku c : recipe.components().keySet()) {
            if (stock.kit(c) != null) {
                throw new IllegalArgumentException("component " + c + " of " + recipe.sku()
                        + " is a virtual kit: name its components instead");
            }
        }
    }

    /**
     * Boxes {@code units} kits at node index {@code n}: each component's on-hand falls by units × its quantity, the
     * kit's rises by {@code units}.
     *
     * @return the kit position's slot
     * @throws InsufficientStockException naming the first component that cannot spare its units
     */
    static int assemble(StockRules stock, Kit recipe, Function<Sku, SkuState> skus, int n, int units, long now,
            List<StockEvent> ev) {
        for (Map.Entry<Sku, Integer> c : recipe.components().entrySet()) {
            spare(stock, skus.apply(c.getKey()), n, Math.multiplyExact((long) units, c.getValue()));
        }
        String reason = "assembled into " + recipe.sku();
        for (Map.Entry<Sku, Integer> c : recipe.components().entrySet()) {
            int take = units * c.getValue();
            StockMoves.setOnHand(stock, skus.apply(c.getKey()), n, v -> v - take, reason, now, ev);
        }
        SkuState kit = skus.apply(recipe.sku());
        int slot = StockMoves.setOnHand(stock, kit, n, v -> Math.addExact(v, units), "assembled", now, ev);
        NodeId node = stock.nodes[n];
        emit(ev, () -> new StockEvent.KitAssembled(at(now), recipe.sku(), node, units));
        return slot;
    }

    /**
     * Opens {@code units} assembled kits at node index {@code n} back into their components.
     *
     * @return the kit position's slot
     * @throws InsufficientStockException if the kit's free stock there is short
     */
    static int disassemble(StockRules stock, Kit recipe, Function<Sku, SkuState> skus, int n, int units, long now,
            List<StockEvent> ev) {
        SkuState kit = skus.apply(recipe.sku());
        spare(stock, kit, n, units);
        for (Map.Entry<Sku, Integer> c : recipe.components().entrySet()) {
            Math.multiplyExact(units, c.getValue()); // overflow refused before any change
        }
        int slot = StockMoves.setOnHand(stock, kit, n, v -> v - units, "disassembled", now, ev);
        String reason = "disassembled from " + recipe.sku();
        for (Map.Entry<Sku, Integer> c : recipe.components().entrySet()) {
            int back = units * c.getValue();
            StockMoves.setOnHand(stock, skus.apply(c.getKey()), n, v -> Math.addExact(v, back), reason, now, ev);
        }
        NodeId node = stock.nodes[n];
        emit(ev, () -> new StockEvent.KitDisassembled(at(now), recipe.sku(), node, units));
        return slot;
    }

    /** Checks that {@code s} can spare {@code units} at node index {@code n}, as a transfer could. */
    private static void spare(StockRules stock, SkuState s, int n, long units) {
        int slot = s.find(n);
        long available = slot < 0 ? 0 : stock.poolCapacity(s, slot);
        boolean lots = slot >= 0 && s.lotsOrNull(n) != null;
        long lotless = lots ? LotRules.lotlessFree(s, slot) : available;
        if (units > Integer.MAX_VALUE || available < units || lotless < units
                || !stock.poolsKeep(s, Map.of(n, units), Map.of(), null)) {
            throw new InsufficientStockException(s.sku, Optional.of(stock.nodes[n]), Optional.empty(), ASSEMBLY,
                    units, Math.min(available, lotless));
        }
    }
}
