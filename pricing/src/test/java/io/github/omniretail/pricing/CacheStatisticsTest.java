package io.github.omniretail.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/** The base-price cache's counts: a miss computes, a repeat hits, new rules start a new cache but keep the counts. */
class CacheStatisticsTest {

    static final Currency CNY = Currency.getInstance("CNY");
    static final Sku TEA = Sku.of("TEA-1");
    static final Sku MILK = Sku.of("MILK-1");

    @Test
    void hitsAndMissesAreCountedAcrossRuleChanges() {
        Clock clock = Clock.systemUTC();
        PricingRules rules = PricingRules.builder("r1", CNY).sku(TEA, Money.parse("18.00", CNY))
                .sku(MILK, Money.parse("12.00", CNY)).build();
        PricingEngine engine = PricingEngine.builder().clock(clock).rules(rules).build();
        PricingContext app = PricingContext.of(Channel.of("app", ChannelKind.APP), ZoneOffset.UTC, clock.instant());
        assertEquals(new CacheStatistics(0, 0), engine.cacheStatistics());
        engine.quote(TEA, app);
        engine.quote(TEA, app);
        engine.quote(MILK, app);
        engine.quote(TEA, app);
        assertEquals(new CacheStatistics(2, 2), engine.cacheStatistics());
        assertEquals(0.5, engine.cacheStatistics().hitRate());
        engine.updateRules(PricingRules.builder("r2", CNY).sku(TEA, Money.parse("19.00", CNY)).build());
        engine.quote(TEA, app);
        assertEquals(new CacheStatistics(2, 3), engine.cacheStatistics(), "new rules, a fresh cache: a miss");
        assertEquals(0.0, new CacheStatistics(0, 0).hitRate());
        assertThrows(IllegalArgumentException.class, () -> new CacheStatistics(-1, 0));
    }
}
