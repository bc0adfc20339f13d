package io.github.omniretail.checkout;

import static io.github.omniretail.checkout.Shop.ALICE;
import static io.github.omniretail.checkout.Shop.APP;
import static io.github.omniretail.checkout.Shop.BOB;
import static io.github.omniretail.checkout.Shop.DARK;
import static io.github.omniretail.checkout.Shop.DC;
import static io.github.omniretail.checkout.Shop.HOME;
import static io.github.omniretail.checkout.Shop.MILK;
import static io.github.omniretail.checkout.Shop.POS;
import static io.github.omniretail.checkout.Shop.RICE;
import static io.github.omniretail.checkout.Shop.STORE;
import static io.github.omniretail.checkout.Shop.TEA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.checkout.PlacedOrder.Step;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.inventory.Disposition;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.pricing.AppliedPromotion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
 * Random journeys — place (shipped, same-day or a till sale at the counter), confirm, cancel, fulfil, return, clock
 * moves, expiry sweeps, retries — run twice: once
 * plainly, once with a crash injected at a random engine or store call of each step (before or after the call takes
 * effect) and the same call made again. After every step both runs agree on every order and on every engine's
 * state (so a crash then a retry ends where an uninterrupted run does), and the crashed run keeps the invariants:
 * stock never oversold and conserved, daily capacity taken only by live orders, the points ledger sums to zero,
 * points earned are the rules applied to net amounts, each promotion's spending is what the live orders reserved,
 * and a retry returns the original outcome.
 */
@PropertyDefaults(tries = 1000)
class CheckoutProperties {

    /** @return a fresh shop; the integration suite runs this property on PostgreSQL stores */
    Shop newShop() {
        return new Shop();
    }

    static final List<Sku> SKUS = List.of(RICE, TEA, MILK);
    static final List<NodeId> NODES = List.of(DC, DARK, STORE);
    static final Map<Sku, Integer> INITIAL = Map.of(RICE, 20, TEA, 24, MILK, 39);

    /** One run: a shop, its checkout, and the outcome of each call for retries. */
    static final class Run {
        final Shop shop;
        final Faults faults;
        final Checkout checkout;

        Run(Shop shop, boolean crashing) {
            this.shop = shop;
            shop.givePoints(ALICE, "g-alice", "3000.00");
            shop.givePoints(BOB, "g-bob", "3000.00");
            faults = crashing ? new Faults() : null;
            checkout = crashing ? shop.checkout(faults) : shop.checkout();
        }
    }

    static final class World {
        final Run plain;
        final Run crashing;
        final List<IdempotencyKey> orders = new ArrayList<>();
        final List<Object[]> calls = new ArrayList<>(); // {op, outcome}
        int returns;

        World(java.util.function.Supplier<Shop> shops) {
            plain = new Run(shops.get(), false);
            crashing = new Run(shops.get(), true);
        }

        /** Runs {@code op} in both runs (the crashing one crashes at call {@code at} then retries) and compares. */
        Object both(Function<Run, Object> op, int at, boolean after) {
            Object expected = outcome(plain, op);
            crashing.faults.arm(at, after);
            Object got;
            try {
                got = outcome(crashing, op);
            } finally {
                crashing.faults.disarm();
            }
            boolean crashed = got instanceof Faults.Crash;
            net.jqwik.api.statistics.Statistics.label("steps").collect(crashed ? "crashed, then retried"
                    : "ran without a crash");
            if (crashed) {
                got = outcome(crashing, op); // the caller retries the same call
            }
            assertEquals(view(expected), view(got), "the crashed run ends where the plain one did");
            calls.add(new Object[] {op, got});
            return got;
        }

        @Override
        public String toString() {
            return "World[" + orders.size() + " orders]";
        }
    }

    static Object outcome(Run run, Function<Run, Object> op) {
        try {
            return op.apply(run);
        } catch (Faults.Crash e) {
            return e;
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** What must agree between runs (hold ids and explanation texts may not). */
    static Object view(Object outcome) {
        if (outcome instanceof PlacedOrder o) {
            return List.of(o.status(), o.version(), o.refusal().isPresent(), o.payable(), o.pointsValue(),
                    o.pointsEarned(), o.done(), o.fulfilled(), o.returns(), o.plan().map(p -> p.shipments().size()));
        }
        return outcome;
    }

    // ---- actions

    static Arbitrary<Integer> crashAt() {
        return Arbitraries.integers().between(1, 12);
    }

    static Action.Independent<World> place() {
        Arbitrary<Map<Sku, Integer>> lines = Arbitraries.maps(Arbitraries.of(SKUS), Arbitraries.integers()
                .between(1, 7)).ofMinSize(1).ofMaxSize(3);
        Arbitrary<Optional<MemberId>> member = Arbitraries.of(Optional.empty(), Optional.of(ALICE),
                Optional.of(BOB));
        Arbitrary<Long> points = Arbitraries.of(0L, 0L, 300L, 2_500L);
        Arbitrary<Boolean> coupon = Arbitraries.of(false, false, true);
        Arbitrary<String> how = Arbitraries.of("ship", "ship", "same-day", "counter");
        return () -> Combinators.combine(lines, member, points, coupon, how, crashAt(), Arbitraries.of(false,
                true)).as((l, m, p, c, h, at, after) -> Transformer.mutate("place " + l + " " + m.map(MemberId::value)
                .orElse("guest") + " pts=" + p + (c ? " TEA5" : "") + " " + h + " crash@" + at
                + (after ? "+" : "-"), w -> {
                    IdempotencyKey key = IdempotencyKey.of("o-" + (w.orders.size() + 1));
                    OrderRequest.Builder b = switch (h) {
                        case "counter" -> OrderRequest.builder(key, POS, DeliveryMethod.pickup(STORE),
                                Shop.yuan("0.00")).atCounter();
                        case "same-day" -> OrderRequest.builder(key, APP, DeliveryMethod.sameDay(HOME),
                                Shop.yuan("6.00"));
                        default -> OrderRequest.builder(key, APP, DeliveryMethod.ship(HOME), Shop.yuan("6.00"));
                    };
                    l.forEach(b::line);
                    m.ifPresent(b::member);
                    if (m.isPresent()) {
                        b.payWithPoints(p);
                    }
                    if (c) {
                        b.coupon("TEA5");
                    }
                    OrderRequest request = b.build();
                    w.orders.add(key);
                    w.both(run -> run.checkout.place(request), at, after);
                }));
    }

    /** A step on one of the orders placed so far: order key, a small number, crash point, before or after. */
    interface OnOrder {
        void apply(World w, IdempotencyKey key, int n, int at, boolean after);
    }

    static Action.Dependent<World> onOrder(String name, OnOrder step) {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(World w) {
                return !w.orders.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<World>> transformer(World w) {
                return Combinators.combine(Arbitraries.of(List.copyOf(w.orders)), Arbitraries.integers()
                        .between(0, 5), crashAt(), Arbitraries.of(false, true)).as((key, n, at, after) ->
                        Transformer.mutate(name + " " + key + " #" + n + " crash@" + at + (after ? "+" : "-"),
                                world -> step.apply(world, key, n, at, after)));
            }
        };
    }

    /** The same checkout call in both runs. */
    interface Call {
        Object apply(Run run, IdempotencyKey key, int n);
    }

    static Action.Dependent<World> onOrder(String name, Call call) {
        return onOrder(name, (OnOrder) (w, key, n, at, after) -> w.both(run -> call.apply(run, key, n), at, after));
    }

    /**
     * A return of some of what left, decided from the state before the call (the same in both runs), so a retry
     * after a crash repeats the same return under the same key, as a caller would.
     */
    static void returnSome(World w, IdempotencyKey key, int n, int at, boolean after) {
        Optional<PlacedOrder> found = w.plain.checkout.order(key);
        if (found.isEmpty()) {
            return;
        }
        PlacedOrder o = found.get();
        Map<Sku, Integer> open = new LinkedHashMap<>(o.shipped());
        o.returned().forEach((sku, u) -> open.merge(sku, -u, Integer::sum));
        open.values().removeIf(u -> u <= 0);
        Map<Sku, Integer> units = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<Sku, Integer> e : open.entrySet()) {
            if (i++ % 2 == n % 2 || units.isEmpty()) {
                units.put(e.getKey(), Math.min(e.getValue(), 1 + n % 2));
            }
        }
        if (units.isEmpty()) {
            units.put(SKUS.get(n % 3), 1); // refused: nothing of it left
        }
        NodeId node = NODES.get(n % 3);
        IdempotencyKey rma = key.derive("rma-" + (++w.returns));
        Disposition disposition = Disposition.values()[(n / 3) % 3];
        w.both(run -> run.checkout.returnLines(key, rma, node, units, disposition), at, after);
    }

    static Action.Independent<World> advance() {
        return () -> Arbitraries.of(Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofMinutes(20),
                Duration.ofDays(8)).map(d -> Transformer.mutate("advance " + d, w -> {
                    w.plain.shop.clock.advance(d);
                    w.crashing.shop.clock.advance(d);
                }));
    }

    static Action.Independent<World> sweep() {
        return () -> Combinators.combine(crashAt(), Arbitraries.of(false, true)).as((at, after) ->
                Transformer.mutate("expireDue crash@" + at + (after ? "+" : "-"), w -> w.both(run -> {
                    run.checkout.expireDue();
                    return "swept"; // how many expired differs when a crash split the sweep in two
                }, at, after)));
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
                return Arbitraries.of(List.copyOf(w.calls)).map(c -> Transformer.mutate("retry", world -> {
                    Object original = c[1];
                    if (!(original instanceof PlacedOrder o) || o.status() == OrderStatus.PLACING) {
                        return;
                    }
                    // calls that return a settled order return it again unchanged, whenever retried
                    Object again = outcome(world.crashing, (Function<Run, Object>) c[0]);
                    if (again instanceof PlacedOrder p && p.key().equals(o.key()) && p.version() == o.version()) {
                        assertEquals(o, p, "a retry returns the original outcome");
                    }
                }));
            }
        };
    }

    // ---- invariants

    static void check(World w) {
        Run run = w.crashing;
        Shop shop = run.shop;
        for (Sku sku : SKUS) {
            for (NodeId node : NODES) {
                Position p = shop.inventory.position(sku, node);
                assertTrue(p.held() <= p.onHand() && p.onHand() >= 0,
                        "never oversold: " + sku + " at " + node + " " + p);
                assertEquals(w.plain.shop.inventory.position(sku, node), p, "the runs agree on " + sku + "@" + node);
            }
        }
        java.time.LocalDate today = java.time.LocalDate.ofInstant(shop.clock.instant(), Shop.HANGZHOU);
        int darkLeft = shop.routing.capacityLeft(DARK, today);
        assertEquals(w.plain.shop.routing.capacityLeft(DARK, today), darkLeft, "the runs agree on capacity");
        long darkOrdersToday = 0;
        Map<Sku, Integer> shipped = new LinkedHashMap<>();
        Map<Sku, Integer> restocked = new LinkedHashMap<>();
        long reserved = 0;
        for (IdempotencyKey key : w.orders) {
            Optional<PlacedOrder> found = run.checkout.order(key);
            assertEquals(w.plain.checkout.order(key).map(CheckoutProperties::view), found.map(CheckoutProperties::view),
                    "the runs agree on order " + key);
            if (found.isEmpty()) {
                continue;
            }
            PlacedOrder o = found.get();
            if (o.did(Step.CAPACITY_TAKEN) && !o.did(Step.CAPACITY_RELEASED) && java.time.LocalDate.ofInstant(
                    o.placedAt(), Shop.HANGZHOU).equals(today) && o.plan().orElseThrow().shipments().stream()
                    .anyMatch(x -> x.node().equals(DARK))) {
                darkOrdersToday++;
            }
            o.shipped().forEach((sku, u) -> shipped.merge(sku, u, Integer::sum));
            for (OrderReturn r : o.returns()) {
                if (r.disposition() != Disposition.DAMAGED) { // written off: never back in stock
                    r.units().forEach((sku, u) -> restocked.merge(sku, u, Integer::sum));
                }
            }
            if (o.did(Step.PROMOTIONS_RESERVED) && !o.did(Step.PROMOTIONS_RELEASED)) {
                reserved += o.quote().orElseThrow().applied().stream().filter(a -> a.promotionId()
                        .equals("full-200-50")).map(AppliedPromotion::amount).mapToLong(Money::minorUnits).sum();
            }
            if (o.did(Step.POINTS_EARNED)) {
                io.github.omniretail.core.Order order = EngineSteps.order(o);
                long tea = order.lines().stream().filter(l -> l.sku().equals(TEA)).mapToLong(l -> l.quantity())
                        .sum();
                long expected = order.net().isPositive() ? order.net().minorUnits() / 100 + 2 * tea : 0;
                assertEquals(expected, o.pointsEarned(), "points earned on the net amount of " + key);
            }
        }
        for (Sku sku : SKUS) {
            long onHand = NODES.stream().mapToLong(n -> shop.inventory.position(sku, n).onHand()
                    + shop.inventory.quarantined(sku, n)).sum(); // quarantined units are still at the node
            assertEquals(INITIAL.get(sku) - shipped.getOrDefault(sku, 0) + restocked.getOrDefault(sku, 0), onHand,
                    "stock of " + sku + " conserved");
        }
        assertEquals(Shop.DARK_CAPACITY - darkOrdersToday, darkLeft, "the dark store's capacity = live orders today");
        assertEquals(reserved, shop.promotionLedger.spent("full-200-50"), "promotion spending = live reservations");
        assertEquals(0, shop.ledgerSum(), "the points ledger sums to zero");
        for (MemberId m : List.of(ALICE, BOB)) {
            assertEquals(w.plain.shop.ledger.balance(m), shop.ledger.balance(m), "the runs agree on " + m);
        }
        for (AccountKind k : AccountKind.values()) {
            if (!k.memberAccount()) {
                assertEquals(w.plain.shop.ledger.programBalance(k), shop.ledger.programBalance(k));
            }
        }
    }

    @Provide
    Arbitrary<ActionChain<World>> journeys() {
        return ActionChain.startWith(() -> new World(this::newShop))
                .withAction(5, place())
                .withAction(4, onOrder("confirm", (run, key, n) -> run.checkout.confirm(key)))
                .withAction(1, onOrder("cancel", (run, key, n) -> run.checkout.cancel(key)))
                .withAction(3, onOrder("fulfil", (run, key, n) -> run.checkout.fulfil(key, n % 2)))
                .withAction(2, onOrder("return", (OnOrder) CheckoutProperties::returnSome))
                .withAction(2, advance())
                .withAction(1, sweep())
                .withAction(2, retry())
                .withMaxTransformations(40);
    }

    @Property
    void aCrashThenARetryEndsWhereAnUninterruptedRunDoes(@ForAll("journeys") ActionChain<World> chain) {
        chain.withInvariant("runs agree and invariants hold", CheckoutProperties::check).run();
    }
}
