package io.github.omniretail.testkit.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import io.github.omniretail.pricing.spi.PriceHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The {@link PriceHistory} contract: the price in effect is the last published at or before an instant (a later
 * record at the same instant replaces it), and the lowest over a closed interval counts the price in effect at
 * its start. Extend it and return a history on fresh storage from {@link #newHistory()}.
 */
public abstract class PriceHistoryContract {

    private static final Sku SKU = Sku.of("MILK-1L");
    private static final ChannelId APP = ChannelId.of("app");
    private static final ChannelId POS = ChannelId.of("pos");
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    /** For subclasses. */
    protected PriceHistoryContract() {
    }

    /**
     * A history on fresh, empty storage; two calls must not share records.
     *
     * @return a new history, never null
     */
    protected abstract PriceHistory newHistory();

    private static Money cny(long fen) {
        return Money.ofMinor(fen, "CNY");
    }

    @Test
    void inEffectIsTheLastPublishedAtOrBefore() {
        PriceHistory h = newHistory();
        assertEquals(Optional.empty(), h.inEffect(SKU, APP, T0));
        h.record(SKU, APP, T0, cny(1000));
        h.record(SKU, APP, T0.plusSeconds(3600), cny(900));
        h.record(SKU, POS, T0, cny(1200));
        assertEquals(Optional.empty(), h.inEffect(SKU, APP, T0.minusMillis(1)));
        assertEquals(Optional.of(cny(1000)), h.inEffect(SKU, APP, T0.plusSeconds(3599)));
        assertEquals(Optional.of(cny(900)), h.inEffect(SKU, APP, T0.plusSeconds(3600)));
        assertEquals(Optional.of(cny(1200)), h.inEffect(SKU, POS, T0.plusSeconds(7200)), "channels are separate");
        h.record(SKU, APP, T0.plusSeconds(3600), cny(950));
        assertEquals(Optional.of(cny(950)), h.inEffect(SKU, APP, T0.plusSeconds(3600)), "same instant replaces");
    }

    @Test
    void lowestCountsThePriceInEffectAtTheStart() {
        PriceHistory h = newHistory();
        h.record(SKU, APP, T0, cny(800));
        h.record(SKU, APP, T0.plusSeconds(100), cny(1000));
        h.record(SKU, APP, T0.plusSeconds(200), cny(700));
        assertEquals(Optional.of(cny(800)), h.lowest(SKU, APP, T0.plusSeconds(50), T0.plusSeconds(150)));
        assertEquals(Optional.of(cny(1000)), h.lowest(SKU, APP, T0.plusSeconds(100), T0.plusSeconds(199)));
        assertEquals(Optional.of(cny(700)), h.lowest(SKU, APP, T0.plusSeconds(100), T0.plusSeconds(200)));
        assertEquals(Optional.empty(), h.lowest(SKU, APP, T0.minusSeconds(100), T0.minusSeconds(1)));
    }

    @Test
    void concurrentRecordsAreAllKept() throws Exception {
        PriceHistory h = newHistory();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        h.record(Sku.of("S" + thread), APP, T0.plusSeconds(i), cny(1000 - i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int t = 0; t < 4; t++) {
            assertEquals(Optional.of(cny(901)), h.lowest(Sku.of("S" + t), APP, T0, T0.plusSeconds(1000)));
        }
    }

    /** A record: seconds after T0 and the price in fen. */
    public record Publish(int second, int fen) {
    }

    @Provide
    Arbitrary<List<Publish>> publishes() {
        return Combinators.combine(Arbitraries.integers().between(0, 50), Arbitraries.integers().between(1, 2000))
                .as(Publish::new).list().ofMaxSize(20);
    }

    @Property(tries = 100)
    void agreesWithAListOfRecords(@ForAll("publishes") List<Publish> publishes,
            @ForAll("publishes") List<Publish> queries) {
        PriceHistory h = newHistory();
        publishes.forEach(p -> h.record(SKU, APP, T0.plusSeconds(p.second()), cny(p.fen())));
        for (Publish q : queries) {
            int from = Math.min(q.second(), q.fen() % 51);
            int to = Math.max(q.second(), q.fen() % 51);
            assertEquals(modelInEffect(publishes, from), h.inEffect(SKU, APP, T0.plusSeconds(from)));
            Optional<Money> lowest = modelInEffect(publishes, from);
            for (int s = from + 1; s <= to; s++) {
                Optional<Money> at = modelInEffect(publishes, s);
                if (at.isPresent() && (lowest.isEmpty() || at.get().isLessThan(lowest.get()))) {
                    lowest = at;
                }
            }
            // a price replaced at the same instant was never in effect; sub-second moments do not occur here
            assertEquals(lowest, h.lowest(SKU, APP, T0.plusSeconds(from), T0.plusSeconds(to)), "[" + from + ", " + to + "]");
        }
    }

    private static Optional<Money> modelInEffect(List<Publish> publishes, int second) {
        Optional<Money> result = Optional.empty();
        int best = -1;
        for (Publish p : publishes) {
            if (p.second() <= second && p.second() >= best) {
                best = p.second();
                result = Optional.of(cny(p.fen()));
            }
        }
        return result;
    }
}
