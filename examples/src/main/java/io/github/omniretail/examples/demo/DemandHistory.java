package io.github.omniretail.examples.demo;

import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.NodeType;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The demo world's daily demand history per SKU and node, from a known process, so forecasts can be scored against
 * the truth. Each series' expected demand is {@code base × weekday effect × exp(x_t)} with {@code x} a slow AR(1)
 * drift (φ = 0.97, σ = 0.05), the weekday effects relative to the demo day's (a Sunday, the busiest day).
 * {@code base} is what the demo's day sells on average: the channels' order shares, lines
 * per order and units per line as {@link RetailDay} draws them, SKUs by popularity and the live stream's line-up as it
 * presents it, split over nodes as the day's routing does (walk-ins at stores; app and mini-program orders 40 % from
 * stores, 50 % dark stores, 10 % the DC; marketplace and live-stream parcels 70 % the DC, 15 % dark stores, 15 %
 * stores), less the abandoned carts. Fast movers (base ≥ 1 unit a day) draw Poisson units; slow movers draw a demand
 * with probability {@code mean ÷ 1.5} of 1 + Geometric units (mean size 1.5) — intermittent. Deterministic for a
 * world, product and node. Immutable; thread-safe.
 */
public final class DemandHistory {
    /** Weekday effects, Monday first; they average 1. */
    private static final double[] WEEKDAY = normalised(0.85, 0.85, 0.9, 0.95, 1.1, 1.3, 1.25);
    private static final double MEAN_SIZE = 1.5;
    private static final double UNITS_PER_LINE = 0.72 + 0.21 * 2 + 0.07 * 3;
    private static final double PAID = 0.93;

    private final RetailWorld world;
    private final java.util.Map<io.github.omniretail.core.Sku, double[]> daily = new java.util.HashMap<>();

    /**
     * The history of a world.
     *
     * @param world the world
     */
    public DemandHistory(RetailWorld world) {
        this.world = world;
        double popularity = world.products().stream().mapToDouble(RetailWorld.Product::popularity).sum();
        java.util.List<Integer> featured = Retailer.pickFeatured(world);
        double[] live = new double[world.products().size()];
        int f = featured.size();
        for (int k = 0; k < f; k++) {
            double p = k < f - 1 ? Math.exp(-3.0 * k / f) - Math.exp(-3.0 * (k + 1) / f) : Math.exp(-3.0 * k / f);
            live[featured.get(k)] += p;
        }
        double orders = world.plannedOrders();
        double walkIn = 0.38 * 3;
        double appAndMini = 0.40 * 5 * PAID;
        double marketplace = 0.09 * 2 * PAID;
        double liveUnits = 0.13 * 1.3 * 1.25 * PAID;
        for (int i = 0; i < world.products().size(); i++) {
            RetailWorld.Product p = world.products().get(i);
            double share = p.popularity() / popularity;
            double lines = orders * UNITS_PER_LINE * share;
            double parcels = lines * marketplace + orders * liveUnits * live[i];
            // units a day by node type: stores, dark stores, the DC
            daily.put(p.sku(), new double[] {lines * (walkIn + 0.4 * appAndMini) + 0.15 * parcels,
                lines * 0.5 * appAndMini + 0.15 * parcels, lines * 0.1 * appAndMini + 0.7 * parcels});
        }
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
        double[] d = daily.get(product.sku());
        return switch (node.type()) {
            case STORE -> d[0] / world.stores().size();
            case DARK_STORE -> d[1] / world.darkStores().size();
            case DISTRIBUTION_CENTER -> d[2];
            default -> 0.0;
        };
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
            double m = base * WEEKDAY[dow.getValue() - 1] / WEEKDAY[RetailWorld.DAY.getDayOfWeek().getValue() - 1]
                    * Math.exp(x);
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
