package io.github.omniretail.engagement;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.pricing.Experiment;
import io.github.omniretail.pricing.ExperimentLog;
import io.github.omniretail.pricing.spi.PromotionLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Acts on member layers: each {@link Treatment} decides, for a member in its audience, in this order — consent for
 * its channel; the member's arm or the holdout (a hash of the salt and the member id: the same on every run and
 * every instance); the frequency cap; the budget — and grants the arm's action, to be carried out now or at the end
 * of the quiet hours. Run it in batch after the nightly scoring ({@link #evaluateAll}) and on demand
 * ({@link #evaluate}). Exposures (granted and held out) and conversions go to an {@link ExperimentLog}, from which
 * {@link #uplift} measures each arm against the holdout.
 *
 * <p>Thread-safe. A budget is never exceeded, whatever the concurrency: each grant reserves its cost atomically —
 * in this instance's memory by default, or in a shared {@link PromotionLedger} ({@link Builder#budgets}, e.g. the
 * PostgreSQL one), so that several instances running the same treatments keep one budget together. Frequency-cap
 * history lives in this instance's memory: give each instance its own members (the experiment log keeps what was
 * decided).
 */
public final class Treatments {
    private final List<Treatment> treatments;
    private final Map<String, Experiment> assignments = new LinkedHashMap<>();
    private final Map<String, AtomicLong> spent = new HashMap<>();
    private final ConsentRegistry consents;
    private final ExperimentLog log;
    private final PromotionLedger budgets; // null: budgets in this instance's memory
    private final Clock clock;
    private final ConcurrentHashMap<MemberId, Map<String, ArrayDeque<Instant>>> granted = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[64];

    private Treatments(Builder b) {
        this.treatments = List.copyOf(b.treatments);
        for (Treatment t : treatments) {
            if (assignments.containsKey(t.id())) {
                throw new IllegalArgumentException("treatment id " + t.id() + " is used twice");
            }
            Map<String, Integer> weights = new LinkedHashMap<>();
            t.arms().keySet().forEach(a -> weights.put(a, 1));
            if (weights.size() == 1) { // an experiment needs two variants; with one arm only its holdout split is used
                weights.put(t.arms().keySet().iterator().next() + "#unused", 1);
            }
            assignments.put(t.id(), new Experiment(t.id(), t.salt(), weights, t.holdout()));
            spent.put(t.id(), new AtomicLong());
        }
        this.consents = b.consents;
        this.log = b.log;
        this.budgets = b.budgets;
        this.clock = b.clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * A builder.
     *
     * @return a builder; treatments, consents, log and clock are required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The arm a member is assigned in a treatment, whether or not it is in the audience.
     *
     * @param treatment an id of this engine's treatments
     * @param member non-null member
     * @return the arm name or {@code "holdout"}
     */
    public String armOf(String treatment, MemberId member) {
        Treatment t = treatment(treatment);
        Experiment e = assignments.get(t.id());
        if (t.arms().size() > 1) {
            return e.variantOf(member);
        }
        return e.bucket(member) < t.holdout().value() ? Experiment.HOLDOUT : t.arms().keySet().iterator().next();
    }

    private Treatment treatment(String id) {
        for (Treatment t : treatments) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no treatment " + id + "; known: "
                + treatments.stream().map(Treatment::id).toList());
    }

    /**
     * Decides every treatment for one member (on demand: at sign-in, after an order…).
     *
     * @param facts non-null member facts
     * @return one decision per treatment whose audience the member is in, in the treatments' order
     */
    public List<Decision> evaluate(MemberFacts facts) {
        Objects.requireNonNull(facts, "facts");
        Instant now = clock.instant();
        List<Decision> out = new ArrayList<>();
        for (Treatment t : treatments) {
            if (t.audience().matches(facts)) {
                out.add(decide(t, facts.member(), now));
            }
        }
        return out;
    }

    /**
     * Decides every treatment for many members (the nightly batch after scoring). May be called from several
     * threads over disjoint slices.
     *
     * @param members non-null member facts
     * @return the decisions, member by member
     */
    public List<Decision> evaluateAll(Collection<MemberFacts> members) {
        List<Decision> out = new ArrayList<>();
        for (MemberFacts f : members) {
            out.addAll(evaluate(f));
        }
        return out;
    }

    private Decision decide(Treatment t, MemberId member, Instant now) {
        if (!consents.allows(member, t.channel())) {
            return new Decision(t.id(), member, Decision.Outcome.NO_CONSENT, Optional.empty(), Optional.empty(), now);
        }
        String arm = armOf(t.id(), member);
        Instant deliverAt = deliverAt(t, now);
        synchronized (locks[(member.hashCode() & 0x7fffffff) % locks.length]) {
            ArrayDeque<Instant> history = granted.computeIfAbsent(member, m -> new HashMap<>())
                    .computeIfAbsent(t.id(), k -> new ArrayDeque<>());
            while (!history.isEmpty() && !history.peekFirst().isAfter(now.minus(t.capWindow()))) {
                history.pollFirst();
            }
            if (history.size() >= t.maxPerMember()) {
                return decision(t, member, Decision.Outcome.CAPPED, arm, null, now);
            }
            if (arm.equals(Experiment.HOLDOUT)) {
                history.addLast(now);
                log.exposed(t.id(), arm, member, now);
                return decision(t, member, Decision.Outcome.HOLDOUT, arm, null, now);
            }
            Action action = t.arms().get(arm);
            if (!reserve(t, member, action.cost(), now)) {
                return decision(t, member, Decision.Outcome.BUDGET_EXHAUSTED, arm, null, now);
            }
            history.addLast(now);
            log.exposed(t.id(), arm, member, now);
            return decision(t, member, Decision.Outcome.GRANTED, arm, action, deliverAt);
        }
    }

    private static Decision decision(Treatment t, MemberId member, Decision.Outcome outcome, String arm,
            Action action, Instant at) {
        return new Decision(t.id(), member, outcome, Optional.of(arm), Optional.ofNullable(action), at);
    }

    /** The promotion id a treatment's budget is kept under in a shared ledger. */
    static String budgetId(Treatment t) {
        return "treatment:" + t.id();
    }

    private boolean reserve(Treatment t, MemberId member, Money cost, Instant now) {
        long budget = t.budget().minorUnits();
        if (cost.minorUnits() == 0) {
            return true; // spending never passes the budget, so nothing free is ever refused
        }
        if (budgets != null) {
            // one key per treatment, member and instant: a decision repeated at the same instant is paid once
            IdempotencyKey key = IdempotencyKey.of(budgetId(t) + "/" + member.value() + "/" + now);
            return budgets.redeem(key, List.of(new PromotionLedger.Redemption(budgetId(t), cost.minorUnits(),
                    Optional.of(budget), Optional.empty(), Optional.empty(), Optional.empty())),
                    Optional.of(member)) != PromotionLedger.Outcome.REFUSED;
        }
        AtomicLong s = spent.get(t.id());
        while (true) {
            long before = s.get();
            long after = before + cost.minorUnits();
            if (after > budget || after < before) {
                return false;
            }
            if (s.compareAndSet(before, after)) {
                return true;
            }
        }
    }

    static Instant deliverAt(Treatment t, Instant now) {
        if (t.quietFrom().equals(t.quietTo())) {
            return now;
        }
        ZonedDateTime local = now.atZone(t.zone());
        LocalTime time = local.toLocalTime();
        boolean quiet = t.quietFrom().isBefore(t.quietTo())
                ? !time.isBefore(t.quietFrom()) && time.isBefore(t.quietTo())
                : !time.isBefore(t.quietFrom()) || time.isBefore(t.quietTo());
        if (!quiet) {
            return now;
        }
        ZonedDateTime end = local.with(t.quietTo());
        return (end.isAfter(local) ? end : end.plusDays(1)).toInstant();
    }

    /**
     * Records a purchase by a member: a conversion for each treatment it was exposed to (granted or held out).
     *
     * @param member non-null member
     * @param revenue non-null amount paid
     */
    public void converted(MemberId member, Money revenue) {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(revenue, "revenue");
        Instant now = clock.instant();
        for (Treatment t : treatments) {
            log.converted(t.id(), armOf(t.id(), member), member, revenue, now);
        }
    }

    /**
     * What a treatment's grants have cost so far.
     *
     * @param treatment a treatment id
     * @return the amount spent, at most the budget (with a shared ledger: by every instance)
     */
    public Money spent(String treatment) {
        Treatment t = treatment(treatment);
        long minor = budgets == null ? spent.get(t.id()).get() : budgets.spent(budgetId(t));
        return Money.ofMinor(minor, t.budget().currency());
    }

    /**
     * Each arm of a treatment against its holdout, from the experiment log.
     *
     * @param treatment a treatment id
     * @return one uplift per arm, in the arms' order
     */
    public List<Uplift> uplift(String treatment) {
        Treatment t = treatment(treatment);
        Map<String, ExperimentLog.VariantResult> byArm = new HashMap<>();
        for (ExperimentLog.VariantResult r : log.summary(t.id())) {
            byArm.put(r.variant(), r);
        }
        ExperimentLog.VariantResult held = byArm.get(Experiment.HOLDOUT);
        long n0 = held == null ? 0 : held.visitors();
        long c0 = held == null ? 0 : held.conversions();
        List<Uplift> out = new ArrayList<>();
        for (String arm : t.arms().keySet()) {
            ExperimentLog.VariantResult r = byArm.get(arm);
            out.add(Uplift.of(arm, r == null ? 0 : r.visitors(), r == null ? 0 : r.conversions(), n0, c0));
        }
        return out;
    }

    /** Settings. Not thread-safe. */
    public static final class Builder {
        private final List<Treatment> treatments = new ArrayList<>();
        private ConsentRegistry consents;
        private ExperimentLog log;
        private PromotionLedger budgets;
        private Clock clock;

        private Builder() {
        }

        /**
         * @param treatment non-null treatment; ids must be unique
         * @return this
         */
        public Builder treatment(Treatment treatment) {
            treatments.add(Objects.requireNonNull(treatment, "treatment"));
            return this;
        }

        /**
         * @param consents non-null consent registry asked for each treatment's channel
         * @return this
         */
        public Builder consents(ConsentRegistry consents) {
            this.consents = Objects.requireNonNull(consents, "consents");
            return this;
        }

        /**
         * @param log non-null experiment log receiving exposures and conversions
         * @return this
         */
        public Builder experimentLog(ExperimentLog log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Where grants reserve their cost. Default: this instance's memory. A shared ledger (e.g.
         * {@code PostgresPromotionLedger}) keeps one budget for every instance running these treatments; each
         * treatment's spending is under the promotion id {@code "treatment:" + id}.
         *
         * @param budgets non-null promotion ledger
         * @return this
         */
        public Builder budgets(PromotionLedger budgets) {
            this.budgets = Objects.requireNonNull(budgets, "budgets");
            return this;
        }

        /**
         * @param clock non-null clock
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @return the engine
         * @throws IllegalStateException if consents, log or clock is missing
         * @throws IllegalArgumentException if two treatments share an id
         */
        public Treatments build() {
            if (consents == null || log == null || clock == null) {
                throw new IllegalStateException("consents, experimentLog and clock are required");
            }
            return new Treatments(this);
        }
    }
}
