package io.github.omniretail.engagement;

import io.github.omniretail.checkout.OrderReturn;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.PointsLedger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Referral rewards (老带新 / 分销). A member refers a new member ({@link #refer}); when the referred member's first
 * order is confirmed ({@link #confirmed}), the referrer earns points on {@code rewardRate} of what that order paid —
 * an ordinary earn in the points ledger (order reference {@code "REF-" + order id}), so the points are
 * <b>pending</b> for the ledger's pending period and follow
 * its rules. A return inside the return window ({@link #returned}) claws the points back in proportion to the refund;
 * after the window the referrer keeps them. Each referrer is rewarded for at most {@code maxRewardsPerReferrer}
 * referrals. Self-referrals, cycles, second referrers and members who bought before are refused.
 *
 * <p>Thread-safe: calls are serialised. Links and rewards are kept in this instance's memory; the points are in the
 * ledger, idempotent by keys derived from the order ids, so a repeated call never earns or claws twice.
 */
public final class Referrals {

    /**
     * A link: {@code referrer} brought {@code referred}.
     *
     * @param referrer the referrer
     * @param referred the new member
     * @param at when it was recorded
     * @param source where, e.g. {@code "share-link:wechat"}
     */
    public record Referral(MemberId referrer, MemberId referred, Instant at, String source) {
    }

    /**
     * A reward for a referred member's first order.
     *
     * @param referrer who earns
     * @param referred whose order it was
     * @param order the referred member's first confirmed order
     * @param earn the ledger earn's key
     * @param base the commission base: the order's paid amount × reward rate
     * @param confirmedAt when the order was confirmed
     * @param windowEnds the end of the return window: a return after it claws nothing back
     * @param clawedBack amount of the base clawed back so far
     */
    public record Reward(MemberId referrer, MemberId referred, OrderId order, IdempotencyKey earn, Money base,
            Instant confirmedAt, Instant windowEnds, Money clawedBack) {
    }

    private final PointsLedger ledger;
    private final Clock clock;
    private final BasisPoints rate;
    private final Duration window;
    private final int maxRewards;
    private final Predicate<MemberId> boughtBefore;
    private final Map<MemberId, Referral> referrers = new HashMap<>();
    private final Map<OrderId, Reward> rewards = new LinkedHashMap<>();
    private final Map<MemberId, Integer> rewarded = new HashMap<>();
    private final Map<IdempotencyKey, Money> claws = new HashMap<>();

    private Referrals(Builder b) {
        this.ledger = b.ledger;
        this.clock = b.clock;
        this.rate = b.rate;
        this.window = b.window;
        this.maxRewards = b.maxRewards;
        this.boughtBefore = b.boughtBefore;
    }

    /**
     * A builder: 10 % reward rate, 7-day return window, 20 rewards per referrer, every member counted new.
     *
     * @param ledger non-null points ledger the rewards are earned in
     * @param clock non-null clock
     * @return the builder
     */
    public static Builder builder(PointsLedger ledger, Clock clock) {
        return new Builder(ledger, clock);
    }

    /**
     * Records that {@code referrer} brought {@code referred}.
     *
     * @param referrer non-null referrer
     * @param referred non-null new member
     * @param source non-blank where the referral came from
     * @return the link
     * @throws ReferralRefusedException if it is a self-referral, closes a cycle, the member has a referrer already
     *     or bought before (nothing is recorded)
     */
    public synchronized Referral refer(MemberId referrer, MemberId referred, String source) {
        Objects.requireNonNull(referrer, "referrer");
        Objects.requireNonNull(referred, "referred");
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("referral source must not be blank");
        }
        if (referrer.equals(referred)) {
            throw new ReferralRefusedException(referrer, referred, ReferralRefusedException.Reason.SELF_REFERRAL,
                    "same member");
        }
        Referral existing = referrers.get(referred);
        if (existing != null) {
            if (existing.referrer().equals(referrer)) {
                return existing; // idempotent
            }
            throw new ReferralRefusedException(referrer, referred, ReferralRefusedException.Reason.ALREADY_REFERRED,
                    "referred by " + existing.referrer());
        }
        List<MemberId> chain = new ArrayList<>();
        for (MemberId up = referrer; up != null; up = referrers.containsKey(up) ? referrers.get(up).referrer() : null) {
            chain.add(up);
            if (up.equals(referred)) {
                throw new ReferralRefusedException(referrer, referred, ReferralRefusedException.Reason.CYCLE,
                        "chain " + chain);
            }
        }
        if (boughtBefore.test(referred)) {
            throw new ReferralRefusedException(referrer, referred, ReferralRefusedException.Reason.NOT_NEW,
                    "bought before");
        }
        Referral r = new Referral(referrer, referred, clock.instant(), source);
        referrers.put(referred, r);
        return r;
    }

    /**
     * The referrer of a member.
     *
     * @param referred non-null member
     * @return the link, or empty
     */
    public synchronized Optional<Referral> referrerOf(MemberId referred) {
        return Optional.ofNullable(referrers.get(Objects.requireNonNull(referred, "referred")));
    }

    /**
     * A confirmed order: if it is a referred member's first, the referrer earns pending points. Idempotent by order.
     *
     * @param order non-null order, confirmed
     * @return the reward, or empty if the order earns none (no member or referrer, not the first order, the referrer
     *     is capped, nothing paid)
     */
    public synchronized Optional<Reward> confirmed(PlacedOrder order) {
        Objects.requireNonNull(order, "order");
        Reward done = rewards.get(order.orderId());
        if (done != null) {
            return Optional.of(done);
        }
        Optional<MemberId> member = order.request().member();
        Referral link = member.map(referrers::get).orElse(null);
        if (link == null || rewards.values().stream().anyMatch(r -> r.referred().equals(link.referred()))) {
            return Optional.empty();
        }
        if (rewarded.getOrDefault(link.referrer(), 0) >= maxRewards) {
            return Optional.empty();
        }
        Money paid = order.payable().orElse(Money.zero(order.quote().orElseThrow().total().currency()));
        Money base = paid.timesFraction(rate.value(), BasisPoints.ONE_HUNDRED_PERCENT, RoundingMode.DOWN);
        if (base.minorUnits() <= 0) {
            return Optional.empty();
        }
        IdempotencyKey key = IdempotencyKey.of("referral-earn-" + order.orderId().value());
        // its own order reference: the ledger lets one order earn once, and the referred member earned on it
        ledger.earn(key, link.referrer(), OrderId.of("REF-" + order.orderId().value()), order.request().channel(),
                base);
        Instant now = clock.instant();
        Reward r = new Reward(link.referrer(), link.referred(), order.orderId(), key, base, now, now.plus(window),
                Money.zero(base.currency()));
        rewards.put(order.orderId(), r);
        rewarded.merge(link.referrer(), 1, Integer::sum);
        return Optional.of(r);
    }

    /**
     * A return of a rewarded order: inside the window the reward is clawed back in proportion to the refund.
     * Idempotent by the return's key.
     *
     * @param order non-null order
     * @param returned non-null return of it
     * @return the ledger's refund entry, or empty if nothing was clawed back (no reward, or after the window)
     */
    public synchronized Optional<LedgerEntry> returned(PlacedOrder order, OrderReturn returned) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(returned, "returned");
        Reward r = rewards.get(order.orderId());
        if (r == null || !returned.at().isBefore(r.windowEnds()) || returned.refund().minorUnits() <= 0) {
            return Optional.empty();
        }
        IdempotencyKey key = IdempotencyKey.of("referral-claw-" + returned.key().value());
        Money claw = returned.refund().timesFraction(rate.value(), BasisPoints.ONE_HUNDRED_PERCENT, RoundingMode.UP);
        Money left = r.base().minus(r.clawedBack());
        if (claw.compareTo(left) > 0) {
            claw = left;
        }
        if (claws.containsKey(key) || claw.minorUnits() <= 0) {
            return Optional.empty();
        }
        LedgerEntry entry = ledger.refund(key, r.earn(), claw);
        claws.put(key, claw);
        rewards.put(order.orderId(), new Reward(r.referrer(), r.referred(), r.order(), r.earn(), r.base(),
                r.confirmedAt(), r.windowEnds(), r.clawedBack().plus(claw)));
        return Optional.of(entry);
    }

    /**
     * A referrer's rewards, oldest first.
     *
     * @param referrer non-null referrer
     * @return the rewards
     */
    public synchronized List<Reward> rewards(MemberId referrer) {
        Objects.requireNonNull(referrer, "referrer");
        return rewards.values().stream().filter(r -> r.referrer().equals(referrer)).toList();
    }

    /** Settings. Not thread-safe. */
    public static final class Builder {
        private final PointsLedger ledger;
        private final Clock clock;
        private BasisPoints rate = BasisPoints.of(1_000);
        private Duration window = Duration.ofDays(7);
        private int maxRewards = 20;
        private Predicate<MemberId> boughtBefore = m -> false;

        private Builder(PointsLedger ledger, Clock clock) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /**
         * @param rate share of the referred order's paid amount the referrer earns points on, 0..100 %
         * @return this
         */
        public Builder rewardRate(BasisPoints rate) {
            Objects.requireNonNull(rate, "rate");
            if (rate.value() > BasisPoints.ONE_HUNDRED_PERCENT) {
                throw new IllegalArgumentException("rewardRate must be at most 100 %, was " + rate);
            }
            this.rate = rate;
            return this;
        }

        /**
         * @param window positive return window; use the ledger's pending period so points mature as it closes
         * @return this
         */
        public Builder returnWindow(Duration window) {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("returnWindow must be positive, was " + window);
            }
            this.window = window;
            return this;
        }

        /**
         * @param max rewarded referrals per referrer, {@code >= 1}
         * @return this
         */
        public Builder maxRewardsPerReferrer(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxRewardsPerReferrer must be >= 1, was " + max);
            }
            this.maxRewards = max;
            return this;
        }

        /**
         * @param boughtBefore non-null: whether a member bought before (such members are not new)
         * @return this
         */
        public Builder boughtBefore(Predicate<MemberId> boughtBefore) {
            this.boughtBefore = Objects.requireNonNull(boughtBefore, "boughtBefore");
            return this;
        }

        /** @return the engine */
        public Referrals build() {
            return new Referrals(this);
        }
    }
}
