package io.github.omniretail.examples.demo;

import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.NodeType;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The demo world's daily demand history per SKU and node, from a known process, so forecasts can be scored against
 * the truth. Each series' expected demand is {@code base × weekday effect × exp(x_t)} with {@code x} a slow AR(1)
 * drift (φ = 0.97, σ = 0.05); {@code base} splits the world's daily units over SKUs by popularity and over nodes
 * as the demo's day does (about 4.25 units per planned order; a dark store sells 2.5× a store, the DC, which ships the
 * marketplace and live-stream parcels, 7.5×). Fast movers (base ≥ 1 unit a day) draw Poisson units; slow
 * movers draw a demand with probability {@code mean ÷ 1.5} of 1 + Geometric units (mean size 1.5) — intermittent.
 * Deterministic for a world, product and node. Immutable; thread-safe.
 */
public final class DemandHistory {
    /** Weekday effects, Monday first; they average 1. */
    private static final double[] WEEKDAY = normalised(0.85, 0.85, 0.9, 0.95, 1.1, 1.3, 1.25);
    private static final double MEAN_SIZE = 1.5;

    private final RetailWorld world;
    private final double unitsPerPopularity;
    private final double nodeWeights;

    /**
     * The history of a world.
     *
     * @param world the world
     */
    public DemandHistory(RetailWorld world) {
        this.world = world;
        double popularity = world.products().stream().mapToDouble(RetailWorld.Product::popularity).sum();
        this.unitsPerPopularity = world.plannedOrders() * 4.25 / popularity;
        this.nodeWeights = world.stores().size() + 2.5 * world.darkStores().size() + 7.5;
    }

    /**
     * A series: units per day and the process's expected units per day.
     *
     * @param units what was demanded
     * @param mean what the process expected
     * @param first the first day
     */
    public record Series(int[] units, double[] mean, LocalDate first) {
    }

    /**
     * The long-run expected units a day of a product at a node.
     *
     * @param product the product
     * @param node a stocking node
     * @return units a day
     */
    public double base(RetailWorld.Product product, FulfillmentNode node) {
        double weight = switch (node.type()) {
            case DARK_STORE -> 2.5;
            case STORE -> 1.0;
            case DISTRIBUTION_CENTER -> 7.5;
            default -> 0.0;
        };
        return product.popularity() * unitsPerPopularity * weight / nodeWeights;
    }

    /**
     * Whether a series is intermittent (a slow mover): base below 1 unit a day.
     *
     * @param product the product
     * @param node the node
     * @return true for a slow mover
     */
    public boolean slow(RetailWorld.Product product, FulfillmentNode node) {
        return base(product, node) < 1;
    }

    /**
     * {@code days} days of demand ending the day before {@code lastDay + 1}.
     *
     * @param product the product
     * @param node the node
     * @param lastDay the last day of the series
     * @param days how many days
     * @return the series
     */
    public Series series(RetailWorld.Product product, FulfillmentNode node, LocalDate lastDay, int days) {
        SplittableRandom r = new SplittableRandom(world.seed() * 31 + product.sku().value().hashCode() * 17L
                + node.id().value().hashCode());
        double base = base(product, node);
        boolean slow = base < 1;
        LocalDate first = lastDay.minusDays(days - 1L);
        int[] units = new int[days];
        double[] mean = new double[days];
        double x = 0;
        for (int i = 0; i < 200; i++) {
            x = 0.97 * x + 0.05 * gaussian(r);
        }
        for (int d = 0; d < days; d++) {
            x = 0.97 * x + 0.05 * gaussian(r);
            DayOfWeek dow = first.plusDays(d).getDayOfWeek();
            double m = base * WEEKDAY[dow.getValue() - 1] * Math.exp(x);
            mean[d] = m;
            if (slow) {
                if (r.nextDouble() < Math.min(0.95, m / MEAN_SIZE)) {
                    int size = 1;
                    while (r.nextDouble() < 1 - 1 / MEAN_SIZE) {
                        size++;
                    }
                    units[d] = size;
                }
            } else {
                units[d] = poisson(r, m);
            }
        }
        return new Series(units, mean, first);
    }

    private static double gaussian(SplittableRandom r) {
        double u = Math.max(1e-12, r.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static int poisson(SplittableRandom r, double mean) {
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(r)));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = r.nextDouble();
        while (p > l) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    private static double[] normalised(double... w) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] * w.length / s;
        }
        return out;
    }
}
