package io.github.omniretail.examples.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.analytics.forecast.DemandForecast;
import io.github.omniretail.analytics.forecast.DemandForecaster;
import io.github.omniretail.analytics.forecast.ForecastMethod;
import io.github.omniretail.core.FulfillmentNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The forecast backtest on the demo's generated history, whose true demand process is known: two years of history,
 * then 14 held-out days. Scores are MASE (MAE ÷ the in-sample mean absolute 7-day difference) against the
 * seasonal-naive forecast of the same days.
 */
class ForecastBacktestTest {
    static final int HISTORY = 728;
    static final int HORIZON = 14;

    record Scored(boolean slow, double oursMase, double naiveMase, double crostonMase, double tsbMase, int[] actual,
            DemandForecast ours) {
    }

    static final List<Scored> SCORED = new ArrayList<>();

    @BeforeAll
    static void backtest() {
        RetailWorld world = RetailWorld.generate(20261122, 0.1);
        DemandHistory history = new DemandHistory(world);
        DemandForecaster ours = DemandForecaster.builder().horizon(HORIZON).build();
        DemandForecaster naive = DemandForecaster.builder().horizon(HORIZON)
                .methods(EnumSet.of(ForecastMethod.SEASONAL_NAIVE)).build();
        DemandForecaster croston = DemandForecaster.builder().horizon(HORIZON)
                .methods(EnumSet.of(ForecastMethod.CROSTON)).build();
        DemandForecaster tsb = DemandForecaster.builder().horizon(HORIZON).methods(EnumSet.of(ForecastMethod.TSB)).build();
        List<FulfillmentNode> nodes = new ArrayList<>(world.stores().subList(0, 6));
        nodes.addAll(world.darkStores().subList(0, 2));
        for (RetailWorld.Product p : world.products()) {
            for (FulfillmentNode n : nodes) {
                double base = history.base(p, n);
                if (base < 0.05 || (base >= 0.6 && base < 2)) {
                    continue; // clearly fast or clearly slow series only; the middle is neither kind's test
                }
                DemandHistory.Series s = history.series(p, n, RetailWorld.DAY.minusDays(1), HISTORY + HORIZON);
                int[] train = Arrays.copyOf(s.units(), HISTORY);
                int[] actual = Arrays.copyOfRange(s.units(), HISTORY, HISTORY + HORIZON);
                double scale = 0;
                for (int t = HISTORY - 364 + 7; t < HISTORY; t++) {
                    scale += Math.abs(train[t] - train[t - 7]);
                }
                scale /= 364 - 7;
                if (scale == 0) {
                    continue;
                }
                DemandForecast f = ours.forecast(train);
                SCORED.add(new Scored(history.slow(p, n), mae(f, actual) / scale, mae(naive.forecast(train), actual) / scale,
                        mae(croston.forecast(train), actual) / scale, mae(tsb.forecast(train), actual) / scale, actual, f));
            }
        }
    }

    static double mae(DemandForecast f, int[] actual) {
        double s = 0;
        for (int d = 1; d <= actual.length; d++) {
            s += Math.abs(actual[d - 1] - f.mean(d));
        }
        return s / actual.length;
    }

    static double mean(boolean slow, java.util.function.ToDoubleFunction<Scored> f) {
        return SCORED.stream().filter(s -> s.slow() == slow).mapToDouble(f).average().orElseThrow();
    }

    @Test
    void fastMoversBeatSeasonalNaive() {
        double ours = mean(false, Scored::oursMase);
        double naive = mean(false, Scored::naiveMase);
        System.out.printf(Locale.ROOT, "fast: %d series, MASE ours %.3f, seasonal naive %.3f%n",
                SCORED.stream().filter(s -> !s.slow()).count(), ours, naive);
        assertTrue(ours < 1, "mean MASE on fast movers " + ours);
        assertTrue(ours < naive, ours + " vs " + naive);
    }

    @Test
    void intermittentMethodsBeatSeasonalNaiveOnSlowMovers() {
        double naive = mean(true, Scored::naiveMase);
        double croston = mean(true, Scored::crostonMase);
        double tsb = mean(true, Scored::tsbMase);
        double ours = mean(true, Scored::oursMase);
        System.out.printf(Locale.ROOT, "slow: %d series, MASE ours %.3f, croston %.3f, tsb %.3f, seasonal naive %.3f%n",
                SCORED.stream().filter(Scored::slow).count(), ours, croston, tsb, naive);
        assertTrue(croston < naive, croston + " vs " + naive);
        assertTrue(tsb < naive, tsb + " vs " + naive);
        assertTrue(ours < naive, ours + " vs " + naive);
    }

    @Test
    void intervalsCoverAtTheirStatedRate() {
        for (boolean slow : new boolean[] {false, true}) {
            for (int level : new int[] {80, 95}) {
                long in = 0;
                long all = 0;
                double stated = 0;
                for (Scored s : SCORED) {
                    if (s.slow() != slow) {
                        continue;
                    }
                    for (int d = 1; d <= HORIZON; d++) {
                        int y = s.actual()[d - 1];
                        all++;
                        stated += s.ours().coverage(level);
                        if (y >= s.ours().lower(level, d) - 1e-9 && y <= s.ours().upper(level, d) + 1e-9) {
                            in++;
                        }
                    }
                }
                double covered = 100.0 * in / all;
                stated = 100.0 * stated / all;
                System.out.printf(Locale.ROOT, "%s %d%%: stated %.1f%%, covered %.1f%%%n", slow ? "slow" : "fast", level,
                        stated, covered);
                assertTrue(Math.abs(covered - stated) <= 5, (slow ? "slow " : "fast ") + level + "%: stated " + stated
                        + ", covered " + covered);
                if (!slow) {
                    assertTrue(Math.abs(stated - level) <= 5, "continuous demand: stated is the level: " + stated);
                }
            }
        }
    }
}
