package io.github.omniretail.testkit.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.Balance;
import io.github.omniretail.loyalty.InsufficientPointsException;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.LedgerStateException;
import io.github.omniretail.loyalty.Lot;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Random sequences of earn, clock moves, holds, posts, voids, redemptions, refunds, cancellations, sweeps and
 * retries against a plain model that keeps only lots and open holds and recomputes every balance from them.
 * After every step: balances equal the model's, the ledger sums to zero, replaying the log equals the live
 * balance, available equals the open available lots, and no expired point is spendable.
 */
@PropertyDefaults(tries = 1000)
public abstract class PointsLedgerStatefulContract extends LedgerStoreFixture {

    /** For subclasses. */
    protected PointsLedgerStatefulContract() {
    }

    static final Currency CNY = Currency.getInstance("CNY");
    static final MemberId M = MemberId.of("M-1");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final long DAY = Duration.ofDays(1).toMillis();

    /** The model: lots with remaining points, open holds, redemptions, earns, and points owed. */
    static final class Model {
        static final class MLot {
            private static long created;
            /**
             * Creation order, as the ledger breaks ties between lots expiring at the same instant; a merge renumbers
             * the moved lots after every existing one.
             */
            long seq = ++created;
            final String id;
            final long points;
            long remaining;
            final long earnedAt;

            MLot(String id, long points, long earnedAt) {
                this.id = id;
                this.points = points;
                this.remaining = points;
                this.earnedAt = earnedAt;
            }

            boolean pending(long now) {
                return now < earnedAt + 7 * DAY;
            }

            boolean expired(long now) {
                return now >= earnedAt + 365 * DAY;
            }
        }

        final List<MLot> lots = new ArrayList<>();
        final Map<String, long[]> holds = new HashMap<>(); // id -> {points, expiresAt}
        final Map<String, Map<MLot, Long>> taken = new HashMap<>();
        final Map<String, Long> redeemed = new HashMap<>();
        final Map<String, long[]> earns = new HashMap<>(); // id -> {points, amountMinor, reversed}
        long owed;

        void timeOutHolds(long now) {
            for (String h : new ArrayList<>(holds.keySet())) {
                if (holds.get(h)[1] <= now) {
                    giveBack(taken.remove(h), holds.remove(h)[0]);
                }
            }
        }

        long available(long now) {
            long sum = 0;
            for (MLot l : lots) {
                if (!l.pending(now) && !l.expired(now)) {
                    sum += l.remaining;
                }
            }
            return sum - owed;
        }

        long pending(long now) {
            return lots.stream().filter(l -> l.pending(now)).mapToLong(l -> l.remaining).sum();
        }

        /** Points left per unexpired lot, by lot id (lots with none left omitted). */
        Map<String, Long> lotsLeft(long now) {
            Map<String, Long> out = new java.util.TreeMap<>();
            for (MLot l : lots) {
                if (!l.expired(now) && l.remaining != 0) {
                    out.put(l.id, l.remaining);
                }
            }
            return out;
        }

        long held() {
            return holds.values().stream().mapToLong(h -> h[0]).sum();
        }

        Map<MLot, Long> take(long points, long now) {
            Map<MLot, Long> out = new java.util.LinkedHashMap<>();
            long need = points;
            List<MLot> order = new ArrayList<>(lots);
            order.sort(Comparator.comparingLong((MLot l) -> l.earnedAt).thenComparingLong(l -> l.seq));
            for (MLot l : order) {
                if (need == 0) {
                    break;
                }
                if (l.pending(now) || l.expired(now) || l.remaining == 0) {
                    continue;
                }
                long t = Math.min(need, l.remaining);
                l.remaining -= t;
                need -= t;
                out.merge(l, t, Long::sum);
            }
            return out;
        }

        void giveBack(Map<MLot, Long> from, long points) {
            List<Map.Entry<MLot, Long>> list = new ArrayList<>(from.entrySet());
            long rest = points;
            for (int i = list.size() - 1; i >= 0 && rest > 0; i--) {
                long back = Math.min(rest, list.get(i).getValue());
                list.get(i).getKey().remaining += back;
                from.merge(list.get(i).getKey(), -back, Long::sum);
                rest -= back;
            }
        }
    }

    static final MemberId M2 = MemberId.of("M-2");

    static final class World {
        final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
        final PointsLedger ledger;
        Model model = new Model();
        final Model model2 = new Model();
        boolean merged;
        final List<Object[]> calls = new ArrayList<>(); // {Supplier, outcome}
        int ids;

        World(PointsLedger.Builder builder) {
            ledger = builder.clock(clock).build();
            ledger.enrol(M);
            ledger.enrol(M2);
        }

        void record(java.util.function.Supplier<Object> call, Object outcome) {
            calls.add(new Object[] {call, outcome});
        }

        long now() {
            return clock.millis();
        }

        IdempotencyKey id() {
            return IdempotencyKey.of("t" + (++ids));
        }

        @Override
        public String toString() {
            return "World[" + ids + " ids]";
        }
    }

    static void check(World w) {
        long now = w.now();
        w.model.timeOutHolds(now);
        Balance b = w.ledger.balance(M);
        assertEquals(w.model.available(now), b.available(), "available");
        assertEquals(w.model.pending(now), b.pending(), "pending");
        assertEquals(w.model.held(), b.held(), "held");
        Balance b2 = w.ledger.balance(M2); // applies what fell due for M-2 before the program totals are read
        long program = 0;
        for (AccountKind k : AccountKind.values()) {
            if (!k.memberAccount()) {
                program += w.ledger.programBalance(k);
            }
        }
        assertEquals(w.merged ? 0 : w.model2.available(now), b2.available(), "available of M-2");
        assertEquals(w.merged ? 0 : w.model2.pending(now), b2.pending(), "pending of M-2");
        assertEquals(b2, w.ledger.rebuild(M2), "rebuild of M-2");
        assertEquals(0, b.total() + b2.total() + program, "sums to zero");
        assertEquals(b, w.ledger.rebuild(M), "rebuild equals live");
        long openAvailable = w.ledger.lots(M).stream().filter(l -> !l.availableAt().isAfter(Instant.ofEpochMilli(now)))
                .mapToLong(Lot::remaining).sum();
        assertEquals(b.available() + w.model.owed, openAvailable, "available = open available lots (− owed)");
        assertTrue(w.ledger.lots(M).stream().allMatch(l -> l.expiresAt().isAfter(Instant.ofEpochMilli(now))),
                "no expired lot has points left");
        assertEquals(w.model.lotsLeft(now), lotsLeft(w.ledger.lots(M)), "points left per lot");
        assertEquals(w.merged ? Map.of() : w.model2.lotsLeft(now), lotsLeft(w.ledger.lots(M2)),
                "points left per lot of M-2");
    }

    private static Map<String, Long> lotsLeft(List<Lot> lots) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Lot l : lots) {
            if (l.remaining() != 0) {
                out.put(l.id().value(), l.remaining());
            }
        }
        return out;
    }

    static Action.Independent<World> earn() {
        return () -> Arbitraries.integers().between(1, 500).map(yuan -> Transformer.mutate("earn " + yuan,
                w -> earn(w, yuan)));
    }

    static Action.Independent<World> advance() {
        return () -> Arbitraries.of(1L, 6L, 8L, 30L, 200L).flatMap(days -> Arbitraries.integers().between(0, 23)
                .map(h -> Transformer.mutate("advance " + days + "d" + h + "h", w -> advance(w, days, h))));
    }

    static Action.Independent<World> redeem() {
        return () -> Arbitraries.integers().between(1, 400).map(points -> Transformer.mutate("redeem " + points,
                w -> redeem(w, points)));
    }

    static Action.Independent<World> hold() {
        return () -> Arbitraries.integers().between(1, 300).map(points -> Transformer.mutate("hold " + points,
                w -> hold(w, points)));
    }

    static Action.Dependent<World> settle() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(World w) {
                return !w.model.holds.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<World>> transformer(World w) {
                return Combinators.combine(Arbitraries.of(List.copyOf(w.model.holds.keySet())),
                        Arbitraries.integers().between(0, 100)).as((hold, pct) -> Transformer.mutate(
                        "settle " + hold + " " + pct + "%", world -> settle(world, hold, pct)));
            }
        };
    }

    static Action.Dependent<World> cancel() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(World w) {
                return !w.model.redeemed.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<World>> transformer(World w) {
                return Combinators.combine(Arbitraries.of(List.copyOf(w.model.redeemed.keySet())),
                        Arbitraries.of(0, 0, 30, 50, 100, 150)).as((r, pct) -> Transformer.mutate(
                        pct == 0 ? "cancel " + r : "cancel " + pct + "% of " + r, world -> cancel(world, r, pct)));
            }
        };
    }

    static Action.Dependent<World> refund() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(World w) {
                return !w.model.earns.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<World>> transformer(World w) {
                return Combinators.combine(Arbitraries.of(List.copyOf(w.model.earns.keySet())),
                        Arbitraries.integers().between(1, 100)).as((earn, pct) -> Transformer.mutate(
                        "refund " + earn + " " + pct + "%", world -> refund(world, earn, pct)));
            }
        };
    }

    static Action.Independent<World> earnSecond() {
        return () -> Arbitraries.integers().between(1, 300).map(yuan -> Transformer.mutate("earn M-2 " + yuan,
                w -> earnSecond(w, yuan)));
    }

    static Action.Independent<World> merge() {
        return () -> Arbitraries.just(Transformer.mutate("merge M-2 into M-1", PointsLedgerStatefulContract::merge));
    }

    static Action.Dependent<World> retry() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(World w) {
                return !w.calls.isEmpty();
            }

            @Override
            @SuppressWarnings("unchecked")
            public Arbitrary<Transformer<World>> transformer(World w) {
                return Arbitraries.of(List.copyOf(w.calls)).map(c -> Transformer.mutate("retry", world ->
                        assertEquals(c[1], ((java.util.function.Supplier<Object>) c[0]).get(),
                                "a retry returns the original entry")));
            }
        };
    }

    static Action.Independent<World> sweep() {
        return () -> Arbitraries.just(Transformer.mutate("sweep", w -> w.ledger.expireDue()));
    }

    // The steps themselves, callable on their own to replay a shrunk sequence.

    static void earn(World w, int yuan) {
        IdempotencyKey id = w.id();
        java.util.function.Supplier<Object> call = () -> w.ledger.earn(id, M, OrderId.of("O-" + id), APP,
                Money.ofMinor(yuan * 100L, CNY));
        LedgerEntry e = (LedgerEntry) call.get();
        w.record(call, e);
        assertEquals((long) yuan, e.change(AccountKind.PENDING));
        Model.MLot lot = new Model.MLot(id.value(), yuan, w.now());
        w.model.lots.add(lot);
        w.model.earns.put(id.value(), new long[] {yuan, yuan * 100L, 0});
    }

    static void advance(World w, long days, int hours) {
        w.clock.advance(Duration.ofDays(days).plusHours(hours));
    }

    static void redeem(World w, int points) {
        long now = w.now();
        w.model.timeOutHolds(now);
        IdempotencyKey id = w.id();
        if (points > w.model.available(now)) {
            assertThrows(InsufficientPointsException.class, () -> w.ledger.redeem(id, M, points));
            return;
        }
        java.util.function.Supplier<Object> call = () -> w.ledger.redeem(id, M, points);
        w.record(call, call.get());
        w.model.taken.put(id.value(), w.model.take(points, now));
        w.model.redeemed.put(id.value(), (long) points);
    }

    static void hold(World w, int points) {
        long now = w.now();
        w.model.timeOutHolds(now);
        IdempotencyKey id = w.id();
        if (points > w.model.available(now)) {
            assertThrows(InsufficientPointsException.class,
                    () -> w.ledger.hold(id, M, points, Duration.ofHours(2)));
            return;
        }
        w.ledger.hold(id, M, points, Duration.ofHours(2));
        w.model.taken.put(id.value(), w.model.take(points, now));
        w.model.holds.put(id.value(), new long[] {points, now + Duration.ofHours(2).toMillis()});
    }

    static void settle(World world, String hold, int pct) {
        long now = world.now();
        world.model.timeOutHolds(now);
        long[] h = world.model.holds.get(hold);
        IdempotencyKey id = world.id();
        if (h == null) {
            assertThrows(LedgerStateException.class, () -> world.ledger.voidHold(id, IdempotencyKey.of(hold)));
            return;
        }
        long post = h[0] * pct / 100;
        if (post == 0) {
            world.ledger.voidHold(id, IdempotencyKey.of(hold));
            world.model.giveBack(world.model.taken.remove(hold), h[0]);
        } else {
            world.ledger.post(id, IdempotencyKey.of(hold), post);
            Map<Model.MLot, Long> t = world.model.taken.remove(hold);
            world.model.giveBack(t, h[0] - post);
            world.model.taken.put(id.value(), t);
            world.model.redeemed.put(id.value(), post);
        }
        world.model.holds.remove(hold);
    }

    /** Cancels what is left of a redemption ({@code pct == 0}), or gives back {@code pct} % of what is left. */
    static void cancel(World world, String redemption, int pct) {
        long left = world.model.redeemed.get(redemption);
        if (pct == 0) {
            world.ledger.cancelRedemption(world.id(), IdempotencyKey.of(redemption));
            world.model.giveBack(world.model.taken.remove(redemption), world.model.redeemed.remove(redemption));
            return;
        }
        long points = Math.max(1, left * pct / 100);
        IdempotencyKey id = world.id();
        if (points > left) {
            assertThrows(LedgerStateException.class, () -> world.ledger.cancelRedemption(id,
                    IdempotencyKey.of(redemption), points), "more than is left");
            return;
        }
        world.ledger.cancelRedemption(id, IdempotencyKey.of(redemption), points);
        world.model.giveBack(world.model.taken.get(redemption), points);
        if (points == left) {
            world.model.taken.remove(redemption);
            world.model.redeemed.remove(redemption);
        } else {
            world.model.redeemed.put(redemption, left - points);
        }
    }

    static void refund(World world, String earn, int pct) {
        long now = world.now();
        world.model.timeOutHolds(now);
        long[] e = world.model.earns.get(earn);
        long refundedMinor = Math.max(1, e[1] * pct / 100);
        long due = Math.min(e[0] - e[2], e[0] * refundedMinor / e[1]);
        IdempotencyKey id = world.id();
        if (due <= 0) {
            assertThrows(LedgerStateException.class, () -> world.ledger.refund(id,
                    IdempotencyKey.of(earn), Money.ofMinor(refundedMinor, CNY)));
            return;
        }
        world.ledger.refund(id, IdempotencyKey.of(earn), Money.ofMinor(refundedMinor, CNY));
        e[2] += due;
        Model.MLot lot = world.model.lots.stream().filter(l -> l.id.equals(earn)).findFirst().orElseThrow();
        boolean lotUsable = !lot.expired(now);
        long fromLot = lotUsable ? Math.min(due, lot.remaining) : 0;
        lot.remaining -= fromLot;
        long shortfall = due - fromLot;
        if (shortfall > 0) {
            long claw = Math.min(shortfall, Math.max(0, world.model.available(now)));
            world.model.take(claw, now);
            shortfall -= claw;
        }
        world.model.owed += shortfall;
    }

    static void earnSecond(World w, int yuan) {
        IdempotencyKey id = w.id();
        if (w.merged) {
            assertThrows(LedgerStateException.class, () -> w.ledger.earn(id, M2, OrderId.of("O-" + id), APP,
                    Money.ofMinor(yuan * 100L, CNY)));
            return;
        }
        w.ledger.earn(id, M2, OrderId.of("O-" + id), APP, Money.ofMinor(yuan * 100L, CNY));
        w.model2.lots.add(new Model.MLot(id.value(), yuan, w.now()));
        w.model2.earns.put(id.value(), new long[] {yuan, yuan * 100L, 0});
    }

    static void merge(World w) {
        IdempotencyKey id = w.id();
        if (w.merged) {
            assertThrows(LedgerStateException.class, () -> w.ledger.merge(id, M2, M));
            return;
        }
        w.ledger.merge(id, M2, M);
        w.merged = true;
        w.model2.lots.sort(Comparator.comparingLong(l -> l.seq));
        for (Model.MLot l : w.model2.lots) {
            l.seq = ++Model.MLot.created;
        }
        w.model.lots.addAll(w.model2.lots);
        w.model.earns.putAll(w.model2.earns);
        w.model.owed += w.model2.owed;
        w.model2.lots.clear();
        w.model2.earns.clear();
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return ActionChain.startWith(() -> new World(builder()))
                .withAction(5, earn())
                .withAction(3, advance())
                .withAction(3, redeem())
                .withAction(3, hold())
                .withAction(3, settle())
                .withAction(1, cancel())
                .withAction(2, refund())
                .withAction(1, sweep())
                .withAction(2, earnSecond())
                .withAction(1, merge())
                .withAction(2, retry())
                .withMaxTransformations(50);
    }

    @Property
    void ledgerAgreesWithTheModel(@ForAll("chains") ActionChain<World> chain) {
        chain.withInvariant("ledger equals model", PointsLedgerStatefulContract::check).run();
    }
}
