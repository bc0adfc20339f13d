package io.github.omniretail.examples.docs;

import io.github.omniretail.core.Channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.StockEvent;
import io.github.omniretail.loyalty.IdentityType;
import io.github.omniretail.loyalty.MemberDirectory;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.IdentityNormaliser;
import io.github.omniretail.loyalty.spi.IdentityStore;
import io.github.omniretail.pricing.ItemQuote;
import io.github.omniretail.pricing.PriceStage;
import io.github.omniretail.pricing.PricingContext;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.PricingRules;
import io.github.omniretail.pricing.spi.PriceAdjuster;
import io.github.omniretail.pricing.spi.StockCoverLookup;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.testkit.loyalty.IdentityStoreContract;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The code shown in docs/spi.md, compiled and run: the identity store below passes the whole testkit contract. */
class SpiGuideTest extends IdentityStoreContract {

    static final Currency CNY = Currency.getInstance("CNY");

    // snippet: spi-identity-store
    /** Identity links in a map standing in for your key-value store. Thread-safe: every operation is atomic. */
    static final class MapIdentityStore implements IdentityStore {
        private final ConcurrentHashMap<MemberDirectory.Identity, MemberId> links = new ConcurrentHashMap<>();

        @Override
        public Optional<MemberId> putIfAbsent(MemberDirectory.Identity identity, MemberId member) {
            return Optional.ofNullable(links.putIfAbsent(identity, member));
        }

        @Override
        public Optional<MemberId> get(MemberDirectory.Identity identity) {
            return Optional.ofNullable(links.get(identity));
        }

        @Override
        public boolean remove(MemberDirectory.Identity identity, MemberId member) {
            return links.remove(identity, member);
        }

        @Override
        public boolean replace(MemberDirectory.Identity identity, MemberId from, MemberId to) {
            return links.replace(identity, from, to);
        }

        @Override
        public Map<MemberDirectory.Identity, MemberId> all() {
            return Map.copyOf(links);
        }
    }
    // end-snippet

    // snippet: spi-testkit
    static class MapIdentityStoreTest extends IdentityStoreContract {   // JUnit 5 + jqwik, from omniretail-testkit
        @Override
        protected IdentityStore newStore() {
            return new MapIdentityStore();                              // fresh, empty storage for every call
        }
    }
    // end-snippet

    /** Runs the contract of the class above (surefire does not run nested classes). */
    @Override
    protected IdentityStore newStore() {
        return new MapIdentityStoreTest().newStore();
    }

    @Test
    void directoryOnYourStore() {
        // snippet: spi-directory
        MemberDirectory directory = new MemberDirectory(
                IdentityNormaliser.saltedSha256("your-secret-salt".getBytes(StandardCharsets.UTF_8)),
                new MapIdentityStore());
        directory.link(MemberId.of("M-42"), IdentityType.PHONE, "+86 138 0013 8000");
        Optional<MemberId> who = directory.lookup(IdentityType.PHONE, "+86-138-0013-8000"); // same number: M-42
        // end-snippet
        assertEquals(Optional.of(MemberId.of("M-42")), who);
    }

    @Test
    void strategiesAndLookups() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T02:00:00Z"));
        Sku umbrella = Sku.of("UMBRELLA");
        NodeId store = NodeId.of("ST-01");
        InventoryEngine inventory = InventoryEngine.builder().clock(clock).autoRegister(true).build();
        inventory.receive(IdempotencyKey.of("g1"), umbrella, store, 12);
        PointsLedger ledger = PointsLedger.builder().clock(clock).build();
        ledger.enrol(MemberId.of("M-42"));
        PricingRules rules = PricingRules.builder("r1", CNY).sku(umbrella, Money.parse("49.00", CNY), "rain").build();
        // snippet: spi-pricing-plugins
        PriceAdjuster rainyDay = (sku, price, context) -> context.node().isPresent() && sku.value().equals("UMBRELLA")
                ? Optional.of(new PriceAdjuster.Adjustment(
                        price.times(new java.math.BigDecimal("1.10"), RoundingMode.HALF_EVEN), "rainy-day", "+10 % in rain"))
                : Optional.empty();                           // your logic, recorded in the quote's steps like a rule
        StockCoverLookup cover = (sku, node) -> node.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(inventory.atp(sku, node.get(), io.github.omniretail.core.Channel.of("app",
                        io.github.omniretail.core.ChannelKind.APP)) / 4.0);   // ATP ÷ your forecast of 4 a day
        PricingEngine pricing = PricingEngine.builder().clock(clock).rules(rules)
                .tierLookup(member -> Optional.of(ledger.tier(member).pricingTier()))   // tiers from the points ledger
                .stockCover(cover)
                .adjuster(PriceStage.OPTIMISER, rainyDay)
                .build();
        ItemQuote quote = pricing.quote(umbrella, PricingContext.of(Channel.of("app", ChannelKind.APP),
                ZoneId.of("Asia/Shanghai"),
                clock.instant()).atNode(store, ZoneId.of("Asia/Shanghai")).forMember(MemberId.of("M-42")));
        // quote.price() 53.90; quote.steps() ends with OPTIMISER rainy-day "+10 % in rain"
        // end-snippet
        assertEquals(Money.parse("53.90", CNY), quote.price());
        assertTrue(quote.steps().stream().anyMatch(s -> s.rule().equals("rainy-day")));
    }

    @Test
    void events() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T02:00:00Z"));
        List<String> outbox = new ArrayList<>();
        // snippet: spi-events
        InventoryEngine inventory = InventoryEngine.builder()
                .clock(clock)
                .eventSink((InventoryEvent event) -> {                  // called on the caller's thread, after the
                    if (event instanceof StockEvent.LowStock low) {      // change: keep it short (an outbox, a queue)
                        outbox.add("replenish " + low.sku() + " at " + low.node());
                    }
                })
                .autoRegister(true)
                .build();
        // end-snippet
        inventory.receive(IdempotencyKey.of("g1"), Sku.of("MILK"), NodeId.of("ST-01"), 5);
        inventory.setReorderPoint(Sku.of("MILK"), NodeId.of("ST-01"), 10, 2);
        inventory.adjust(IdempotencyKey.of("a1"), Sku.of("MILK"), NodeId.of("ST-01"), -1, "breakage");
        assertEquals(List.of("replenish MILK at ST-01"), outbox);
    }
}
