package io.github.omniretail.engagement;

import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.checkout.OrderRequest;
import io.github.omniretail.checkout.OrderStatus;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.engagement.spi.GroupPayments;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.OrderId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group buying (拼团) through the checkout. A member opens a group on a {@link GroupOffer}; others join until it has
 * {@code size} members (it succeeds) or its window passes (it fails). Each join places the member's order at the
 * group price — the checkout prices, routes and <b>holds the stock</b> — and authorises the payment. Success
 * captures each payment once and confirms each order; failure, or a member leaving, cancels the order (stock
 * released) and releases the authorisation. Since every participant's units are held when they join, no more groups
 * can succeed than stock allows.
 *
 * <p>Joins are idempotent by key: the same key returns the same result and places nothing more. Call
 * {@link #expireDue} periodically; a group past its window also fails when next touched. The checkout's payment
 * window must be at least the offers' windows, or the checkout expires group orders first (such participants are
 * dropped, never captured).
 *
 * <p>Thread-safe: calls on one group are serialised; different groups run in parallel. Group state is kept in
 * this instance's memory (orders, holds and payments are in the checkout and the payment provider); drop finished
 * groups with {@link #forgetFinished}.
 */
public final class GroupBuying {
    private static final Logger LOG = LoggerFactory.getLogger(GroupBuying.class);

    /**
     * A join's result.
     *
     * @param key the join's key
     * @param joined whether the member is in the group
     * @param refusal why not, or empty
     * @param group the group after the join
     */
    public record JoinResult(IdempotencyKey key, boolean joined, Optional<String> refusal, Group group) {

        /**
         * Validates.
         *
         * @param key non-null
         * @param joined joined
         * @param refusal non-null, present iff not joined
         * @param group non-null
         */
        public JoinResult {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(group, "group");
            if (joined == refusal.isPresent()) {
                throw new IllegalArgumentException("a refusal goes with a join that failed, was " + refusal);
            }
        }
    }

    /** One group's mutable state; guarded by its own monitor. */
    private static final class State {
        final String id;
        final GroupOffer offer;
        final Instant openedAt;
        final Instant deadline;
        Group.Status status = Group.Status.OPEN;
        final List<Group.Participant> participants = new ArrayList<>();

        State(String id, GroupOffer offer, Instant openedAt) {
            this.id = id;
            this.offer = offer;
            this.openedAt = openedAt;
            this.deadline = openedAt.plus(offer.window());
        }

        Group view() {
            return new Group(id, offer.id(), status, openedAt, deadline, participants);
        }

        int indexOf(IdempotencyKey key) {
            for (int i = 0; i < participants.size(); i++) {
                if (participants.get(i).key().equals(key)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final Checkout checkout;
    private final GroupPayments payments;
    private final Clock clock;
    private final Map<String, GroupOffer> offers;
    private final ConcurrentHashMap<String, State> groups = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<IdempotencyKey, JoinResult> joins = new ConcurrentHashMap<>();

    private GroupBuying(Builder b) {
        this.checkout = b.checkout;
        this.payments = b.payments;
        this.clock = b.clock;
        this.offers = Map.copyOf(b.offers);
    }

    /**
     * A builder.
     *
     * @param checkout non-null checkout placing the orders (its pricing must have each offer's promotion)
     * @param payments non-null payment provider
     * @param clock non-null clock
     * @return a builder; add offers
     */
    public static Builder builder(Checkout checkout, GroupPayments payments, Clock clock) {
        return new Builder(checkout, payments, clock);
    }

    /**
     * Opens a group on an offer with its first member. Idempotent by the join's key.
     *
     * @param offer an offer id of this engine
     * @param first non-null the opening member's join
     * @return the result; the group's id is {@code "G-" + key}
     * @throws IllegalArgumentException if the offer is unknown or the units exceed its limit (nothing changes)
     */
    public JoinResult open(String offer, GroupJoin first) {
        Objects.requireNonNull(first, "first");
        GroupOffer o = offer(offer);
        checkUnits(o, first);
        JoinResult done = joins.get(first.key());
        if (done != null) {
            return done;
        }
        State s = groups.computeIfAbsent("G-" + first.key().value(), id -> new State(id, o, clock.instant()));
        JoinResult r = join(s, first);
        if (!r.joined()) {
            synchronized (s) {
                if (s.participants.isEmpty()) {
                    groups.remove(s.id, s); // a group whose opening was refused never opened
                }
            }
        }
        return r;
    }

    /**
     * Joins an open group. Idempotent by the join's key.
     *
     * @param group a group id
     * @param join non-null the member's join
     * @return the result: joined, or refused with the reason (the group is closed, the member is in it already, the
     *     checkout refused the order, the payment was declined)
     * @throws IllegalArgumentException if the group is unknown or the units exceed the offer's limit (nothing
     *     changes)
     */
    public JoinResult join(String group, GroupJoin join) {
        Objects.requireNonNull(join, "join");
        State s = state(group);
        checkUnits(s.offer, join);
        return join(s, join);
    }

    private JoinResult join(State s, GroupJoin join) {
        synchronized (s) {
            JoinResult done = joins.get(join.key());
            if (done != null) {
                return done;
            }
            failIfDue(s, clock.instant());
            if (s.status != Group.Status.OPEN) {
                return refuse(s, join, "group " + s.id + " is " + s.status);
            }
            boolean inGroup = s.participants.stream().anyMatch(p -> p.member().equals(join.member())
                    && p.status() == Group.ParticipantStatus.JOINED);
            if (inGroup) {
                return refuse(s, join, "member " + join.member() + " is in group " + s.id + " already");
            }
            PlacedOrder order = checkout.place(OrderRequest.builder(join.key(), join.channel(), join.delivery(),
                    join.shipping()).orderId(OrderId.of("GB-" + join.key().value())).member(join.member())
                    .line(s.offer.sku(), join.units()).coupon(s.offer.coupon()).build());
            if (order.status() != OrderStatus.PLACED) {
                return refuse(s, join, "order refused: " + order.refusal().orElse(order.status().name()));
            }
            boolean groupPrice = order.quote().map(q -> q.applied().stream()
                    .anyMatch(a -> a.promotionId().equals(s.offer.promotionId()))).orElse(false);
            if (!groupPrice) {
                checkout.cancel(join.key());
                throw new IllegalStateException("group offer " + s.offer.id() + ": pricing did not apply promotion "
                        + s.offer.promotionId() + " to order " + order.orderId() + "; add offer.promotion(..) to the "
                        + "pricing engine's promotions");
            }
            if (!payments.authorise(order)) {
                checkout.cancel(join.key());
                return refuse(s, join, "payment declined for order " + order.orderId());
            }
            s.participants.add(new Group.Participant(join.key(), join.member(), join.units(),
                    Group.ParticipantStatus.JOINED, false));
            if (s.view().active() == s.offer.size()) {
                succeed(s);
            }
            JoinResult r = new JoinResult(join.key(), true, Optional.empty(), s.view());
            joins.put(join.key(), r);
            return r;
        }
    }

    private JoinResult refuse(State s, GroupJoin join, String why) {
        JoinResult r = new JoinResult(join.key(), false, Optional.of(why), s.view());
        joins.put(join.key(), r);
        return r;
    }

    private void succeed(State s) {
        s.status = Group.Status.SUCCEEDED;
        for (int i = 0; i < s.participants.size(); i++) {
            Group.Participant p = s.participants.get(i);
            if (p.status() != Group.ParticipantStatus.JOINED) {
                continue;
            }
            PlacedOrder order = checkout.order(p.key()).orElseThrow();
            boolean captured = order.status() == OrderStatus.PLACED && payments.capture(order);
            if (captured) {
                checkout.confirm(p.key());
            } else {
                if (order.status() == OrderStatus.PLACED) {
                    checkout.cancel(p.key());
                }
                payments.release(order);
                LOG.info("group {}: participant {} dropped at capture (order {})", s.id, p.key(), order.status());
            }
            s.participants.set(i, new Group.Participant(p.key(), p.member(), p.units(),
                    captured ? Group.ParticipantStatus.JOINED : Group.ParticipantStatus.DROPPED, captured));
        }
    }

    private void failIfDue(State s, Instant now) {
        if (s.status != Group.Status.OPEN || now.isBefore(s.deadline)) {
            return;
        }
        s.status = Group.Status.FAILED;
        for (Group.Participant p : s.participants) {
            if (p.status() == Group.ParticipantStatus.JOINED) {
                release(p);
            }
        }
    }

    private void release(Group.Participant p) {
        PlacedOrder order = checkout.order(p.key()).orElseThrow();
        if (order.status() == OrderStatus.PLACED) {
            order = checkout.cancel(p.key());
        }
        payments.release(order);
    }

    /**
     * Leaves an open group: the order is cancelled and the authorisation released. Idempotent.
     *
     * @param group a group id
     * @param key the member's join key
     * @return the group after
     * @throws IllegalArgumentException if the group is unknown or the key did not join it
     * @throws IllegalStateException if the group has succeeded (return the goods instead) or failed
     */
    public Group leave(String group, IdempotencyKey key) {
        Objects.requireNonNull(key, "key");
        State s = state(group);
        synchronized (s) {
            failIfDue(s, clock.instant());
            int i = s.indexOf(key);
            if (i < 0) {
                throw new IllegalArgumentException("join " + key + " is not in group " + group);
            }
            Group.Participant p = s.participants.get(i);
            if (p.status() == Group.ParticipantStatus.LEFT) {
                return s.view();
            }
            if (s.status != Group.Status.OPEN) {
                throw new IllegalStateException("cannot leave group " + group + ": it is " + s.status);
            }
            release(p);
            s.participants.set(i, new Group.Participant(p.key(), p.member(), p.units(),
                    Group.ParticipantStatus.LEFT, false));
            return s.view();
        }
    }

    /**
     * Fails every open group past its window: orders cancelled, stock and payments released.
     *
     * @return groups failed
     */
    public int expireDue() {
        Instant now = clock.instant();
        int failed = 0;
        for (State s : groups.values()) {
            synchronized (s) {
                if (s.status == Group.Status.OPEN && !now.isBefore(s.deadline)) {
                    failIfDue(s, now);
                    failed++;
                }
            }
        }
        return failed;
    }

    /**
     * Drops finished groups (succeeded or failed) whose window ended before {@code before}, with the results of
     * their joins: call it daily so memory holds only recent groups. A join retried after its group was dropped is
     * treated as new.
     *
     * @param before non-null cut-off
     * @return groups dropped
     */
    public int forgetFinished(Instant before) {
        Objects.requireNonNull(before, "before");
        int dropped = 0;
        for (State s : groups.values()) {
            synchronized (s) {
                failIfDue(s, clock.instant());
                if (s.status != Group.Status.OPEN && s.deadline.isBefore(before) && groups.remove(s.id, s)) {
                    s.participants.forEach(p -> joins.remove(p.key()));
                    dropped++;
                }
            }
        }
        joins.values().removeIf(r -> !r.joined() && !groups.containsKey(r.group().id())
                && r.group().deadline().isBefore(before));
        return dropped;
    }

    /**
     * A group as it stands; one past its window is failed first (as {@link #expireDue} would).
     *
     * @param group a group id
     * @return the group, or empty
     */
    public Optional<Group> group(String group) {
        State s = groups.get(Objects.requireNonNull(group, "group"));
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            failIfDue(s, clock.instant()); // a group past its window reads as failed, its holds released
            return Optional.of(s.view());
        }
    }

    /**
     * The open groups of an offer, oldest first (to show members a group to join).
     *
     * @param offer an offer id
     * @return the open groups
     */
    public List<Group> openGroups(String offer) {
        offer(offer);
        Instant now = clock.instant();
        List<Group> out = new ArrayList<>();
        for (State s : groups.values()) {
            synchronized (s) {
                if (s.offer.id().equals(offer) && s.status == Group.Status.OPEN && now.isBefore(s.deadline)) {
                    out.add(s.view());
                }
            }
        }
        out.sort(java.util.Comparator.comparing(Group::openedAt).thenComparing(Group::id));
        return out;
    }

    private GroupOffer offer(String id) {
        GroupOffer o = offers.get(Objects.requireNonNull(id, "offer"));
        if (o == null) {
            throw new IllegalArgumentException("no group offer " + id + "; known: " + offers.keySet());
        }
        return o;
    }

    private State state(String group) {
        State s = groups.get(Objects.requireNonNull(group, "group"));
        if (s == null) {
            throw new IllegalArgumentException("no group " + group);
        }
        return s;
    }

    private static void checkUnits(GroupOffer o, GroupJoin join) {
        if (join.units() > o.maxUnitsPerMember()) {
            throw new IllegalArgumentException("group offer " + o.id() + " allows " + o.maxUnitsPerMember()
                    + " units per member, join " + join.key() + " asked " + join.units());
        }
    }

    /** Settings. Not thread-safe. */
    public static final class Builder {
        private final Checkout checkout;
        private final GroupPayments payments;
        private final Clock clock;
        private final Map<String, GroupOffer> offers = new LinkedHashMap<>();

        private Builder(Checkout checkout, GroupPayments payments, Clock clock) {
            this.checkout = Objects.requireNonNull(checkout, "checkout");
            this.payments = Objects.requireNonNull(payments, "payments");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /**
         * @param offer non-null offer; ids unique
         * @return this
         */
        public Builder offer(GroupOffer offer) {
            if (offers.putIfAbsent(offer.id(), offer) != null) {
                throw new IllegalArgumentException("group offer " + offer.id() + " is added twice");
            }
            return this;
        }

        /** @return the engine */
        public GroupBuying build() {
            return new GroupBuying(this);
        }
    }
}
