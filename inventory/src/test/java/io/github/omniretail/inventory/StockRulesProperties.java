package io.github.omniretail.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The availability rules decide from one SKU's state alone, and agree with the closed forms of the guide: ATP is
 * on-hand − held − safety, less the unheld part of other channels' ring-fences, capped by the channel's quota.
 */
class StockRulesProperties {

    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Channel POS = Channel.of("pos", ChannelKind.STORE_POS);

    @Property(tries = 500)
    void channelAtpIsTheClosedForm(@ForAll @IntRange(max = 1_000) int onHand, @ForAll @IntRange(max = 300) int held,
            @ForAll @IntRange(max = 100) int safety, @ForAll @IntRange(min = 1, max = 200) int ringFence,
            @ForAll @IntRange(max = 200) int heldByPos, @ForAll @IntRange(min = 1, max = 500) int appCap) {
        StockRules rules = StockRules.EMPTY.withNode(NodeId.of("N0"))
                .withRules(0, List.of(ChannelRule.ringFence(ChannelSelector.kind(ChannelKind.STORE_POS), ringFence),
                        ChannelRule.cap(ChannelSelector.kind(ChannelKind.APP), appCap)));
        SkuState s = new SkuState(Sku.of("S"), 0);
        int slot = s.slot(0);
        s.setOnHand(slot, onHand);
        s.setHeld(slot, held + heldByPos);
        s.setSafety(slot, safety);
        rules.countRules(s, 0, POS, heldByPos);
        rules.countRules(s, 0, APP, held);

        long base = (long) onHand - held - heldByPos - safety;
        long appExpected = Math.max(0, Math.min(base - Math.max(0, ringFence - heldByPos), (long) appCap - held));
        long posExpected = Math.max(0, base);
        assertEquals(appExpected, rules.channelAtp(s, slot, APP, 0));
        assertEquals(posExpected, rules.channelAtp(s, slot, POS, 0));
        assertEquals(Math.max(0, base - Math.max(0, ringFence - heldByPos)), rules.poolCapacity(s, slot));
        assertEquals(appExpected, rules.maxTake(s, slot, APP, appExpected), "no pool demand: the limit itself");
    }

    @Property(tries = 300)
    void aPoolHoldKeepsItsUnitsAwayFromNodeLines(@ForAll @IntRange(max = 50) int stockA,
            @ForAll @IntRange(max = 50) int stockB, @ForAll @IntRange(max = 100) int poolDemand) {
        int demand = Math.min(poolDemand, stockA + stockB); // only satisfiable demand is ever held
        StockRules rules = StockRules.EMPTY.withNode(NodeId.of("A")).withNode(NodeId.of("B"))
                .withPools(new StockRules.PoolDef[] {new StockRules.PoolDef(PoolId.of("P"), 0, new int[] {0, 1})});
        SkuState s = new SkuState(Sku.of("S"), 0);
        s.setOnHand(s.slot(0), stockA);
        s.setOnHand(s.slot(1), stockB);
        s.addPoolDemand(0, demand);

        long free = stockA + stockB - demand;
        assertEquals(Math.min(stockA, free), rules.maxTake(s, s.find(0), APP, stockA), "node A alone");
        assertEquals(free, rules.additional(s, new int[] {0, 1}, null), "both nodes together");
        assertTrue(rules.poolsKeep(s, Map.of(0, Math.min((long) stockA, free)), Map.of(), APP));
        if (stockA > free) {
            assertFalse(rules.poolsKeep(s, Map.of(0, free + 1), Map.of(), APP), "one unit more than free at A");
        }
    }
}
