package io.github.omniretail.analytics.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DemandForecasterTest {

    static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = r.nextDouble();
        while (p > l) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    @Test
    void aWeeklyPatternIsLearnedAndChosenOverTheFlatMethods() {
        double[] week = {10, 10, 11, 12, 15, 25, 22};
        SplittableRandom r = new SplittableRandom(7);
        int[] y = new int[364];
        for (int t = 0; t < y.length; t++) {
            y[t] = poisson(r, week[t % 7]);
        }
        DemandForecast f = DemandForecaster.builder().build().forecast(y);
        assertEquals(ForecastMethod.ETS_SEASONAL, f.method());
        for (int d = 1; d <= 7; d++) {
            double truth = week[(364 + d - 1) % 7];
            assertEquals(truth, f.mean(d), 2.0, "day " + d);
            assertTrue(f.lower(95, d) < truth && truth < f.upper(95, d), "day " + d);
            assertTrue(f.lower(95, d) <= f.lower(80, d) && f.upper(80, d) <= f.upper(95, d));
        }
        assertTrue(f.mase().orElseThrow() < f.backtestMase().get(ForecastMethod.SEASONAL_NAIVE));
        assertTrue(f.sigma() > 2 && f.sigma() < 6, "Poisson noise of mean ~15: " + f.sigma());
        assertEquals(0.80, f.coverage(80), 0.03, "continuous-ish demand: the stated coverage is the level");
        assertEquals(0.95, f.coverage(95), 0.02);
        assertEquals(f.sigma() * 2, f.sigmaOver(4), 1e-12);
    }

    @Test
    void intermittentDemandGetsAnIntermittentMethodAtTheRightRate() {
        SplittableRandom r = new SplittableRandom(11);
        int[] y = new int[728];
        for (int t = 0; t < y.length; t++) {
            y[t] = r.nextDouble() < 0.1 ? 1 + r.nextInt(3) : 0;
        }
        DemandForecast f = DemandForecaster.builder().build().forecast(y);
        assertTrue(EnumSet.of(ForecastMethod.CROSTON, ForecastMethod.TSB, ForecastMethod.SES).contains(f.method()),
                f.method().toString());
        assertEquals(0.2, f.mean(1), 0.08, "0.1 demands a day × mean size 2");
        assertEquals(0, f.lower(80, 1));
        assertTrue(f.coverage(80) >= 0.85, "an interval holding 0 holds every zero day (90 % here): " + f.coverage(80));
    }

    @Test
    void aShortHistoryFallsBackWithoutABacktest() {
        DemandForecast f = DemandForecaster.builder().horizon(3).build().forecast(new int[] {0, 0, 1, 0, 0, 0, 2, 0, 0, 0});
        assertEquals(ForecastMethod.TSB, f.method());
        assertTrue(f.backtestMase().isEmpty());
        assertTrue(f.mase().isEmpty());
        assertEquals(3, f.horizon());
        DemandForecast one = DemandForecaster.builder().build().forecast(new int[] {5});
        assertEquals(ForecastMethod.SES, one.method());
        assertEquals(5, one.mean(1), 1e-9);
    }

    @Test
    void forecastingManySeriesInParallelGivesWhatOneAtATimeGives() {
        SplittableRandom r = new SplittableRandom(3);
        java.util.List<int[]> histories = new java.util.ArrayList<>();
        for (int s = 0; s < 200; s++) {
            int[] y = new int[200];
            double rate = 0.05 + r.nextDouble() * 20;
            for (int t = 0; t < y.length; t++) {
                y[t] = poisson(r, rate * (t % 7 == 5 ? 1.4 : 1));
            }
            histories.add(y);
        }
        DemandForecaster forecaster = DemandForecaster.builder().build();
        java.util.List<DemandForecast> parallel = forecaster.forecastAll(histories);
        for (int s = 0; s < histories.size(); s++) {
            DemandForecast one = forecaster.forecast(histories.get(s));
            assertEquals(one.method(), parallel.get(s).method());
            for (int d = 1; d <= one.horizon(); d++) {
                assertEquals(one.mean(d), parallel.get(s).mean(d), 0.0);
                assertEquals(one.upper(95, d), parallel.get(s).upper(95, d), 0.0);
            }
        }
    }

    @Test
    void badInputIsNamed() {
        DemandForecaster f = DemandForecaster.builder().build();
        assertEquals("day 2 of the history is negative: -1",
                assertThrows(IllegalArgumentException.class, () -> f.forecast(new int[] {1, 2, -1})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.forecast(new int[0]));
        assertThrows(IndexOutOfBoundsException.class, () -> f.forecast(new int[] {1}).mean(15));
        assertThrows(IllegalArgumentException.class, () -> f.forecast(new int[] {1}).upper(90, 1));
        assertThrows(IllegalStateException.class, () -> DemandForecaster.builder().horizon(3).horizon(4));
        assertThrows(IllegalArgumentException.class, () -> DemandForecaster.builder().levels(80, 80));
    }
}
