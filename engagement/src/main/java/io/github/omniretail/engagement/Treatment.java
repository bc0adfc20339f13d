package io.github.omniretail.engagement;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Money;
import io.github.omniretail.loyalty.MarketingChannel;
import io.github.omniretail.pricing.Experiment;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A rule acting on a member layer (高价值 exclusive benefits, 沉睡 wake-up coupons): an {@link Audience}, one action
 * per experiment arm, a deterministic holdout that gets nothing (the baseline uplift is measured against), the
 * marketing channel it reaches members through (consent is required), a budget in money, a frequency cap per member
 * and quiet hours. Build one with {@link #builder(String)}.
 *
 * @param id non-blank id; also the experiment id in the experiment log
 * @param audience non-null targeting
 * @param arms non-null arm name → action, at least one, in order; members split evenly over arms
 * @param holdout share of the audience held out, 0..50 %
 * @param salt non-blank salt of the assignment hash: a new salt reshuffles arms and holdout
 * @param channel non-null channel whose consent is required
 * @param budget non-null, non-negative total the granted actions may cost
 * @param maxPerMember grants per member within {@code capWindow}, {@code >= 1}
 * @param capWindow positive window of the frequency cap
 * @param quietFrom start of quiet hours (local time in {@code zone}); equal to {@code quietTo}: none
 * @param quietTo end of quiet hours
 * @param zone non-null zone of the quiet hours
 */
public record Treatment(String id, Audience audience, Map<String, Action> arms, BasisPoints holdout, String salt,
        MarketingChannel channel, Money budget, int maxPerMember, Duration capWindow, LocalTime quietFrom,
        LocalTime quietTo, ZoneId zone) {

    /**
     * Validates and copies.
     *
     * @param id non-blank
     * @param audience non-null
     * @param arms at least one
     * @param holdout 0..50 %
     * @param salt non-blank
     * @param channel non-null
     * @param budget non-negative, in the currency of every action's cost
     * @param maxPerMember {@code >= 1}
     * @param capWindow positive
     * @param quietFrom non-null
     * @param quietTo non-null
     * @param zone non-null
     */
    public Treatment {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("treatment id must not be blank");
        }
        Objects.requireNonNull(audience, "audience");
        arms = Collections.unmodifiableMap(new LinkedHashMap<>(arms));
        if (arms.isEmpty() || arms.containsKey(Experiment.HOLDOUT)) {
            throw new IllegalArgumentException("treatment " + id + " needs at least one arm, none named '"
                    + Experiment.HOLDOUT + "', had " + arms.keySet());
        }
        Objects.requireNonNull(holdout, "holdout");
        if (holdout.value() > BasisPoints.ONE_HUNDRED_PERCENT / 2) {
            throw new IllegalArgumentException("treatment " + id + " holdout must be at most 50 %, was " + holdout);
        }
        Objects.requireNonNull(salt, "salt");
        if (salt.isBlank()) {
            throw new IllegalArgumentException("treatment " + id + " salt must not be blank");
        }
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(budget, "budget");
        if (budget.minorUnits() < 0) {
            throw new IllegalArgumentException("treatment " + id + " budget must not be negative, was " + budget);
        }
        for (Map.Entry<String, Action> a : arms.entrySet()) {
            if (!a.getValue().cost().currency().equals(budget.currency())) {
                throw new IllegalArgumentException("treatment " + id + " arm " + a.getKey() + " costs "
                        + a.getValue().cost() + ", not in the budget's currency " + budget.currency());
            }
        }
        if (maxPerMember < 1) {
            throw new IllegalArgumentException("treatment " + id + " maxPerMember must be >= 1, was " + maxPerMember);
        }
        Objects.requireNonNull(capWindow, "capWindow");
        if (capWindow.isNegative() || capWindow.isZero()) {
            throw new IllegalArgumentException("treatment " + id + " capWindow must be positive, was " + capWindow);
        }
        Objects.requireNonNull(quietFrom, "quietFrom");
        Objects.requireNonNull(quietTo, "quietTo");
        Objects.requireNonNull(zone, "zone");
    }

    /**
     * A builder: everyone, no holdout, salt = id, once per 30 days, quiet 21:00–09:00 Asia/Shanghai.
     *
     * @param id non-blank treatment id
     * @return the builder; set at least the channel, the budget and an arm
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Treatment settings. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private Audience audience = Audience.everyone();
        private final Map<String, Action> arms = new LinkedHashMap<>();
        private BasisPoints holdout = BasisPoints.of(0);
        private String salt;
        private MarketingChannel channel;
        private Money budget;
        private int maxPerMember = 1;
        private Duration capWindow = Duration.ofDays(30);
        private LocalTime quietFrom = LocalTime.of(21, 0);
        private LocalTime quietTo = LocalTime.of(9, 0);
        private ZoneId zone = ZoneId.of("Asia/Shanghai");

        private Builder(String id) {
            this.id = id;
            this.salt = id;
        }

        /**
         * @param audience non-null targeting
         * @return this
         */
        public Builder audience(Audience audience) {
            this.audience = audience;
            return this;
        }

        /**
         * The single action (one arm named {@code "treated"}).
         *
         * @param action non-null action
         * @return this
         */
        public Builder action(Action action) {
            return arm("treated", action);
        }

        /**
         * An experiment arm.
         *
         * @param name non-blank arm name
         * @param action non-null action
         * @return this
         */
        public Builder arm(String name, Action action) {
            if (arms.putIfAbsent(Objects.requireNonNull(name, "name"), Objects.requireNonNull(action, "action"))
                    != null) {
                throw new IllegalArgumentException("treatment " + id + " already has arm " + name);
            }
            return this;
        }

        /**
         * @param share held-out share of the audience, 0..50 %
         * @param salt non-blank assignment salt
         * @return this
         */
        public Builder holdout(BasisPoints share, String salt) {
            this.holdout = share;
            this.salt = salt;
            return this;
        }

        /**
         * @param channel non-null channel whose consent is required
         * @param budget non-null total budget
         * @return this
         */
        public Builder reach(MarketingChannel channel, Money budget) {
            this.channel = channel;
            this.budget = budget;
            return this;
        }

        /**
         * @param max grants per member within the window
         * @param window positive window
         * @return this
         */
        public Builder frequencyCap(int max, Duration window) {
            this.maxPerMember = max;
            this.capWindow = window;
            return this;
        }

        /**
         * @param from start (local)
         * @param to end (local); equal to {@code from}: no quiet hours
         * @param zone zone of the hours
         * @return this
         */
        public Builder quietHours(LocalTime from, LocalTime to, ZoneId zone) {
            this.quietFrom = from;
            this.quietTo = to;
            this.zone = zone;
            return this;
        }

        /** @return the treatment */
        public Treatment build() {
            return new Treatment(id, audience, arms, holdout, salt, channel, budget, maxPerMember, capWindow,
                    quietFrom, quietTo, zone);
        }
    }
}
