package io.github.omniretail.pricing;

import io.github.omniretail.core.Channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.MutableClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Quotes on many threads while the rules and promotions are swapped: every quote uses exactly one rule set. */
class PricingConcurrencyTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Sku A = Sku.of("A");
    private static final Sku B = Sku.of("B");

    private static PricingRules rules(int version) {
        // version n: A costs 10.00 + n, B costs 20.00 + n; the version is in the label
        return PricingRules.builder("v" + version, CNY).sku(A, Money.ofMinor(1_000 + version * 100L, CNY))
                .sku(B, Money.ofMinor(2_000 + version * 100L, CNY)).build();
    }

    @Test
    void quotesNeverMixRuleSets() throws Exception {
        Instant at = Instant.parse("2026-11-22T00:00:00Z");
        PricingEngine engine = PricingEngine.builder().clock(MutableClock.at(at)).rules(rules(0))
                .promotions(PromotionSet.of("p0", CNY, List.of(Promotion.of("ten", "10% off", 1,
                        new Offer.OrderPercentOff(BasisPoints.of(1000)))))).build();
        PricingContext context = PricingContext.of(Channel.of("app", ChannelKind.APP), ZoneOffset.UTC, at);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> checkers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            checkers.add(pool.submit(() -> {
                int checked = 0;
                while (running.get() || checked < 1_000) {
                    CartQuote quote = engine.quote(Cart.of(Money.zero(CNY), new Cart.Line(A, 1), new Cart.Line(B, 1)),
                            context, StackingMode.PRIORITY);
                    int version = Integer.parseInt(quote.rulesVersion().substring(1));
                    assertEquals(1_000 + version * 100L, quote.lines().get(0).item().price().minorUnits());
                    assertEquals(2_000 + version * 100L, quote.lines().get(1).item().price().minorUnits());
                    long subtotal = 3_000 + version * 200L;
                    assertEquals(subtotal - subtotal / 10, quote.total().minorUnits(), quote.toString());
                    checked++;
                }
                return checked;
            }));
        }
        Future<?> swapper = pool.submit(() -> {
            for (int v = 1; v <= 300; v++) {
                engine.updateRules(rules(v));
                engine.updatePromotions(PromotionSet.of("p" + v, CNY, engine.promotions().promotions()));
            }
            running.set(false);
            return null;
        });
        swapper.get();
        int total = 0;
        for (Future<Integer> f : checkers) {
            total += f.get();
        }
        pool.shutdown();
        assertTrue(total >= 4_000);
        assertEquals("v300", engine.rules().version());
    }
}
