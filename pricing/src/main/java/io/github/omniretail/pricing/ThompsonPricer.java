package io.github.omniretail.pricing;

import io.github.omniretail.core.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Price experimentation by Thompson sampling over a price grid, with a Bernoulli purchase model and Beta posteriors,
 * and by default the inventory-aware variant of Ferreira, Simchi-Levi &amp; Wang, "Online Network Revenue Management
 * Using Thompson Sampling" (Operations Research 66(6), 2018): each period it samples purchase probabilities θ, then
 * solves the small linear program
 *
 * <pre>
 *   maximise Σ p_k θ_k x_k   subject to   Σ θ_k x_k ≤ inventory left ÷ periods left,   Σ x_k ≤ 1,   x ≥ 0
 * </pre>
 *
 * and offers price k with probability x_k (and no sale with the rest), so expected sales never outrun the stock.
 * Plain Thompson sampling (offer the price maximising p θ) sells out early when stock is short. Prices outside the
 * guardrail's floor and ceiling are removed from the grid before the first period, so guardrails always apply.
 *
 * <p>Not thread-safe: one instance per (SKU, experiment), driven by one thread (period by period).
 */
public final class ThompsonPricer {

    /** Returned by {@link #choose()} when no price is offered this period (stock out, or the LP holds back). */
    public static final int NO_OFFER = -1;

    private final List<Money> prices;
    private final double[] alpha;
    private final double[] beta;
    private final boolean inventoryAware;
    private final SplittableRandom random;
    private final int periods;
    private long inventory;
    private int period;

    private ThompsonPricer(Builder b, List<Money> grid) {
        this.prices = List.copyOf(grid);
        this.alpha = new double[grid.size()];
        this.beta = new double[grid.size()];
        java.util.Arrays.fill(alpha, 1);
        java.util.Arrays.fill(beta, 1);
        this.inventoryAware = b.inventoryAware;
        this.random = new SplittableRandom(b.seed);
        this.periods = b.periods;
        this.inventory = b.inventory;
    }

    /** @return a builder; prices, inventory, periods and seed are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the price grid after guardrails, ascending */
    public List<Money> prices() {
        return prices;
    }

    /** @return stock left */
    public long inventory() {
        return inventory;
    }

    /** @return periods observed so far */
    public int period() {
        return period;
    }

    /**
     * Chooses this period's price.
     *
     * @return an index into {@link #prices()}, or {@link #NO_OFFER}
     */
    public int choose() {
        if (inventory <= 0) {
            return NO_OFFER;
        }
        int k = prices.size();
        double[] theta = new double[k];
        for (int i = 0; i < k; i++) {
            theta[i] = BetaSampler.sample(random, alpha[i], beta[i]);
        }
        if (!inventoryAware) {
            int best = 0;
            for (int i = 1; i < k; i++) {
                if (value(i) * theta[i] > value(best) * theta[best]) {
                    best = i;
                }
            }
            return best;
        }
        double capacity = (double) inventory / Math.max(1, periods - period);
        double[] x = solve(theta, capacity);
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < k; i++) {
            cumulative += x[i];
            if (u < cumulative) {
                return i;
            }
        }
        return NO_OFFER;
    }

    private double value(int i) {
        return prices.get(i).minorUnits();
    }

    /** The LP optimum: at most two prices are mixed (two constraints), so try every vertex. */
    double[] solve(double[] theta, double capacity) {
        int k = theta.length;
        double[] best = new double[k];
        double bestValue = 0;
        for (int i = 0; i < k; i++) {
            double xi = theta[i] <= 0 ? 1 : Math.min(1, capacity / theta[i]);
            double v = value(i) * theta[i] * xi;
            if (v > bestValue) {
                bestValue = v;
                best = new double[k];
                best[i] = xi;
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                if (theta[i] == theta[j]) {
                    continue;
                }
                double xi = (capacity - theta[j]) / (theta[i] - theta[j]);
                double xj = 1 - xi;
                if (xi < 0 || xi > 1 || xj < 0) {
                    continue;
                }
                double v = value(i) * theta[i] * xi + value(j) * theta[j] * xj;
                if (v > bestValue) {
                    bestValue = v;
                    best = new double[k];
                    best[i] = xi;
                    best[j] = xj;
                }
            }
        }
        return best;
    }

    /**
     * Records the outcome of a period.
     *
     * @param index the index {@link #choose()} returned (a {@link #NO_OFFER} period only advances time)
     * @param purchased whether the customer bought at that price
     * @throws IllegalArgumentException if a purchase is reported with no stock left or no offer
     */
    public void observe(int index, boolean purchased) {
        if (index == NO_OFFER) {
            if (purchased) {
                throw new IllegalArgumentException("nothing was offered, so nothing can be bought");
            }
            period++;
            return;
        }
        Objects.checkIndex(index, prices.size());
        if (purchased) {
            if (inventory <= 0) {
                throw new IllegalArgumentException("a purchase was reported with no stock left");
            }
            alpha[index]++;
            inventory--;
        } else {
            beta[index]++;
        }
        period++;
    }

    /** Builds a {@link ThompsonPricer}. Not thread-safe. */
    public static final class Builder {
        private final List<Money> grid = new ArrayList<>();
        private long inventory = -1;
        private int periods = -1;
        private Long seed;
        private boolean inventoryAware = true;
        private Guardrail guardrail = Guardrail.none();

        private Builder() {
        }

        /**
         * @param candidates the price grid; at least one, one currency
         * @return this builder
         */
        public Builder prices(List<Money> candidates) {
            grid.addAll(candidates);
            return this;
        }

        /**
         * @param units stock to sell, ≥ 0
         * @return this builder
         */
        public Builder inventory(long units) {
            if (units < 0) {
                throw new IllegalArgumentException("inventory must be >= 0, was " + units);
            }
            this.inventory = units;
            return this;
        }

        /**
         * @param count selling periods (customer arrivals) in the season, ≥ 1
         * @return this builder
         */
        public Builder periods(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("periods must be >= 1, was " + count);
            }
            this.periods = count;
            return this;
        }

        /**
         * @param value random seed, for reproducible runs
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * @param on false for plain Thompson sampling without the inventory LP (default true)
         * @return this builder
         */
        public Builder inventoryAware(boolean on) {
            this.inventoryAware = on;
            return this;
        }

        /**
         * @param limits floor and ceiling the grid must respect; non-null
         * @return this builder
         */
        public Builder guardrail(Guardrail limits) {
            this.guardrail = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * @return the pricer
         * @throws IllegalStateException if a required setting is missing or no grid price survives the guardrail
         */
        public ThompsonPricer build() {
            if (grid.isEmpty() || inventory < 0 || periods < 0 || seed == null) {
                throw new IllegalStateException("prices, inventory, periods and seed are required");
            }
            List<Money> allowed = new ArrayList<>();
            for (Money p : grid) {
                grid.get(0).requireSameCurrency(p);
                boolean aboveFloor = guardrail.effectiveFloor().map(f -> !p.isLessThan(f)).orElse(true);
                boolean belowCeiling = guardrail.ceiling().map(c -> !p.isGreaterThan(c)).orElse(true);
                if (aboveFloor && belowCeiling && !allowed.contains(p)) {
                    allowed.add(p);
                }
            }
            if (allowed.isEmpty()) {
                throw new IllegalStateException("no grid price lies within the guardrail: " + grid);
            }
            allowed.sort(Money::compareTo);
            return new ThompsonPricer(this, allowed);
        }
    }
}
