package io.github.omniretail.loyalty.analytics;

import io.github.omniretail.core.CurrencyMismatchException;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live RFM scores: {@link #record} updates one customer on a new purchase and scores them against the current
 * scales at once (no recompute of the base); {@link #refit()} re-fits the scales over every customer in one batch.
 * Recency is measured to today's date in the tracker's zone, from its clock.
 *
 * <p>Scores from a tracker equal {@link RfmModel#scoreAll(CustomerBase)} over the same purchases summarised at
 * today's date with the same scales.
 *
 * <p>Thread-safe: purchases of one customer are applied atomically and in some order; {@link #refit()} may run
 * while purchases arrive (it sees each customer before or after a concurrent purchase).
 */
public final class RfmTracker {

    private final Clock clock;
    private final Currency currency;
    private final FrequencyMeasure frequencyMeasure;
    private final MonetaryMeasure monetaryMeasure;
    private final ConcurrentHashMap<MemberId, State> customers = new ConcurrentHashMap<>();
    private volatile RfmModel model;

    private RfmTracker(Builder builder) {
        this.clock = builder.clock;
        this.currency = builder.currency;
        this.frequencyMeasure = builder.frequency;
        this.monetaryMeasure = builder.monetary;
        this.model = builder.model;
    }

    /** @return a builder; clock, currency and model are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Records a purchase and returns the customer's scores against the current scales.
     *
     * @param customer non-null
     * @param day the purchase day in the tracker's zone, not after today; non-null
     * @param amount non-null, in the tracker's currency, not negative
     * @return the customer's scores after the purchase
     * @throws CurrencyMismatchException if the currency differs (nothing recorded)
     * @throws IllegalArgumentException if the amount is negative or the day is after today (nothing recorded)
     */
    public RfmScore record(MemberId customer, LocalDate day, Money amount) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(amount, "amount");
        if (!amount.currency().equals(currency)) {
            throw new CurrencyMismatchException(currency, amount.currency());
        }
        if (amount.isNegative()) {
            throw new IllegalArgumentException("purchase amount must not be negative, was " + amount);
        }
        LocalDate today = today();
        if (day.isAfter(today)) {
            throw new IllegalArgumentException("purchase day " + day + " is after today " + today);
        }
        int d = Math.toIntExact(day.toEpochDay());
        State state = customers.compute(customer, (id, old) -> old == null ? State.first(d, amount.minorUnits())
                : old.plus(d, amount.minorUnits()));
        return score(state, today.toEpochDay(), model);
    }

    /**
     * Records a purchase at an instant (its day in the clock's zone).
     *
     * @param customer non-null
     * @param at non-null
     * @param amount non-null
     * @return the customer's scores after the purchase
     */
    public RfmScore record(MemberId customer, Instant at, Money amount) {
        return record(customer, LocalDate.ofInstant(at, clock.getZone()), amount);
    }

    /**
     * @param customer non-null
     * @return the customer's scores today against the current scales; empty for an unknown customer
     */
    public Optional<RfmScore> score(MemberId customer) {
        State state = customers.get(Objects.requireNonNull(customer, "customer"));
        return state == null ? Optional.empty() : Optional.of(score(state, today().toEpochDay(), model));
    }

    /**
     * Re-fits the scales over every customer as of today (fixed scales stay as they are) and uses them from now on.
     *
     * @return the new model
     * @throws IllegalArgumentException if no customer has been recorded
     */
    public RfmModel refit() {
        long today = today().toEpochDay();
        State[] states = customers.values().toArray(State[]::new);
        long[] r = new long[states.length];
        long[] f = new long[states.length];
        long[] m = new long[states.length];
        for (int i = 0; i < states.length; i++) {
            r[i] = today - states[i].lastDay();
            f[i] = frequency(states[i]);
            m[i] = monetary(states[i]);
        }
        RfmModel refitted = model.refit(new RfmModel.Measures(r, f, m));
        model = refitted;
        return refitted;
    }

    /** @return the scales in use */
    public RfmModel model() {
        return model;
    }

    /** @return the number of customers recorded */
    public int customers() {
        return customers.size();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), clock.getZone());
    }

    private RfmScore score(State state, long today, RfmModel scales) {
        return scales.score(today - state.lastDay(), frequency(state), monetary(state));
    }

    private long frequency(State state) {
        return frequencyMeasure == FrequencyMeasure.PURCHASE_DAYS ? state.days.length : state.orders;
    }

    private long monetary(State state) {
        return monetaryMeasure == MonetaryMeasure.TOTAL ? state.total
                : CustomerBase.divideHalfEven(state.total, frequency(state));
    }

    /** One customer's purchase days (sorted, distinct), order count and total. Immutable. */
    private record State(int[] days, int orders, long total) {

        static State first(int day, long amount) {
            return new State(new int[] {day}, 1, amount);
        }

        int lastDay() {
            return days[days.length - 1];
        }

        State plus(int day, long amount) {
            int at = Arrays.binarySearch(days, day);
            int[] next = days;
            if (at < 0) {
                int insert = -at - 1;
                next = new int[days.length + 1];
                System.arraycopy(days, 0, next, 0, insert);
                next[insert] = day;
                System.arraycopy(days, insert, next, insert + 1, days.length - insert);
            }
            return new State(next, Math.addExact(orders, 1), Math.addExact(total, amount));
        }
    }

    /** Builds an {@link RfmTracker}. Each setting may be set once. Not thread-safe. */
    public static final class Builder {
        private Clock clock;
        private Currency currency;
        private RfmModel model;
        private FrequencyMeasure frequency;
        private MonetaryMeasure monetary;

        private Builder() {
        }

        /**
         * @param clock today's date and its zone come from here; non-null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = once(this.clock, clock, "clock");
            return this;
        }

        /**
         * @param currency of every amount; non-null
         * @return this builder
         */
        public Builder currency(Currency currency) {
            this.currency = once(this.currency, currency, "currency");
            return this;
        }

        /**
         * @param model the scales to start with (e.g. fitted to a batch summary); non-null
         * @return this builder
         */
        public Builder model(RfmModel model) {
            this.model = once(this.model, model, "model");
            return this;
        }

        /**
         * @param frequency what frequency counts (default purchase days); non-null
         * @return this builder
         */
        public Builder frequency(FrequencyMeasure frequency) {
            this.frequency = once(this.frequency, frequency, "frequency");
            return this;
        }

        /**
         * @param monetary total (default) or mean; non-null
         * @return this builder
         */
        public Builder monetary(MonetaryMeasure monetary) {
            this.monetary = once(this.monetary, monetary, "monetary");
            return this;
        }

        /**
         * @return the tracker
         * @throws IllegalStateException if clock, currency or model is missing
         */
        public RfmTracker build() {
            if (clock == null || currency == null || model == null) {
                throw new IllegalStateException("clock, currency and model are required (clock=" + clock
                        + ", currency=" + currency + ", model=" + model + ")");
            }
            if (frequency == null) {
                frequency = FrequencyMeasure.PURCHASE_DAYS;
            }
            if (monetary == null) {
                monetary = MonetaryMeasure.TOTAL;
            }
            return new RfmTracker(this);
        }

        private static <T> T once(T current, T value, String name) {
            Objects.requireNonNull(value, name);
            if (current != null) {
                throw new IllegalStateException(name + " was already set to " + current);
            }
            return value;
        }
    }
}
