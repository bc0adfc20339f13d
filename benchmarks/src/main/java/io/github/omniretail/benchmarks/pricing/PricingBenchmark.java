package io.github.omniretail.benchmarks.pricing;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.pricing.Cart;
import io.github.omniretail.pricing.CartQuote;
import io.github.omniretail.pricing.Eligibility;
import io.github.omniretail.pricing.Guardrail;
import io.github.omniretail.pricing.ItemQuote;
import io.github.omniretail.pricing.Offer;
import io.github.omniretail.pricing.PriceEnding;
import io.github.omniretail.pricing.PricingContext;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.PricingRules;
import io.github.omniretail.pricing.Promotion;
import io.github.omniretail.pricing.PromotionSet;
import io.github.omniretail.pricing.StackingMode;
import io.github.omniretail.pricing.TimeOfDaySchedule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Item quotes through the whole pipeline (channel price, scene, tier, evening schedule, guardrail, .99 ending) with
 * the base-price cache and without it, one thread; and a 50-line cart against 10,000 active promotions found through
 * the index, beside the same cart with the promotions found by scanning all of them.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class PricingBenchmark {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final int SKUS = 5_000;
    private static final int PROMOTIONS = 10_000;
    private static final int CATEGORIES = 100;

    PricingEngine cached;
    PricingEngine uncached;
    PricingEngine indexedCarts;
    PricingEngine scanningCarts;
    Sku[] skus;
    PricingContext context;
    Cart cart;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        skus = new Sku[SKUS];
        PricingRules.Builder rules = PricingRules.builder("bench", CNY).ending(PriceEnding.NINETY_NINE)
                .scene(NodeId.of("HZ-AIRPORT"), BasisPoints.of(500)).tierDiscount("gold", BasisPoints.of(500))
                .schedule(new TimeOfDaySchedule("evening", Set.of("c1", "c2", "c3"), Set.of(), LocalTime.of(20, 0),
                        LocalTime.of(23, 0), BasisPoints.of(3000)));
        for (int i = 0; i < SKUS; i++) {
            skus[i] = Sku.of("SKU-" + i);
            long price = 500 + random.nextInt(20_000);
            rules.sku(skus[i], Money.ofMinor(price, CNY), "c" + (i % CATEGORIES));
            rules.channelPrice(skus[i], ChannelId.of("mini"), Money.ofMinor(price - 10, CNY));
            rules.guardrail(skus[i], Guardrail.costPlus(Money.ofMinor(price / 2, CNY), BasisPoints.of(1000)));
        }
        List<Promotion> promotions = new ArrayList<>();
        for (int p = 0; p < PROMOTIONS; p++) {
            Promotion promotion;
            int kind = p % 4;
            if (kind == 0) {
                promotion = Promotion.of("pct-" + p, "percent", p, new Offer.PercentOff(BasisPoints.of(500
                        + random.nextInt(2000)))).eligibility(Eligibility.everyone().skus(skus[random.nextInt(SKUS)]));
            } else if (kind == 1) {
                promotion = Promotion.of("b1g1-" + p, "second half price", p, new Offer.BuyXGetY(1, 1,
                        BasisPoints.of(5000))).eligibility(Eligibility.everyone().skus(skus[random.nextInt(SKUS)]));
            } else if (kind == 2) {
                promotion = Promotion.of("amt-" + p, "amount", p, new Offer.AmountOff(Money.ofMinor(100, CNY)))
                        .eligibility(Eligibility.everyone().skus(skus[random.nextInt(SKUS)]))
                        .inGroup("g" + (p % 50));
            } else {
                promotion = Promotion.of("thr-" + p, "threshold", p, Offer.Threshold.spend(Money.ofMinor(20_000, CNY),
                                Money.ofMinor(2_000, CNY)))
                        .eligibility(Eligibility.everyone().skus(skus[random.nextInt(SKUS)], skus[random.nextInt(SKUS)]))
                        .inGroup("t" + (p % 20));
            }
            promotions.add(promotion);
        }
        PromotionSet set = PromotionSet.of("bench", CNY, promotions);
        Instant at = Instant.parse("2026-11-22T12:30:00Z"); // 20:30 in Shanghai: the schedule runs
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        PricingRules built = rules.build();
        MemberId gold = MemberId.of("gold");
        cached = PricingEngine.builder().clock(clock).rules(built).tierLookup(m -> Optional.of("gold")).build();
        uncached = PricingEngine.builder().clock(clock).rules(built).tierLookup(m -> Optional.of("gold")).cacheSize(0)
                .build();
        indexedCarts = PricingEngine.builder().clock(clock).rules(built).promotions(set).build();
        scanningCarts = PricingEngine.builder().clock(clock).rules(built).promotions(set.withoutIndex()).build();
        context = PricingContext.of(Channel.of("mini", ChannelKind.MINI_PROGRAM), ZoneId.of("Asia/Shanghai"), at)
                .atNode(NodeId.of("HZ-AIRPORT"), ZoneId.of("Asia/Shanghai")).forMember(gold);
        List<Cart.Line> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add(new Cart.Line(skus[i * 97], 1 + random.nextInt(3)));
        }
        cart = new Cart(lines, Money.ofMinor(800, CNY), Set.of());
        for (Sku sku : skus) {
            cached.quote(sku, context); // warm the cache: every (SKU, channel, node, tier)
        }
    }

    private Sku nextSku() {
        int i = next++;
        if (next == SKUS) {
            next = 0;
        }
        return skus[i];
    }

    /** One SKU through the whole pipeline, base price from the cache. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public ItemQuote quoteCached() {
        return cached.quote(nextSku(), context);
    }

    /** The same without the cache. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public ItemQuote quoteUncached() {
        return uncached.quote(nextSku(), context);
    }

    /** A 50-line cart against 10,000 promotions found through the index: latency distribution. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public CartQuote cart50Lines() {
        return indexedCarts.quote(cart, context, StackingMode.PRIORITY);
    }

    /** The same cart, throughput. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public CartQuote cart50LinesThroughput() {
        return indexedCarts.quote(cart, context, StackingMode.PRIORITY);
    }

    /** The same cart with every promotion scanned (the naive peer), throughput. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public CartQuote cart50LinesNaiveScan() {
        return scanningCarts.quote(cart, context, StackingMode.PRIORITY);
    }
}
