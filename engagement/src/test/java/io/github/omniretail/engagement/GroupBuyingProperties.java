package io.github.omniretail.engagement;

import static io.github.omniretail.engagement.GroupShop.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.checkout.OrderStatus;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.OrderId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Group buying against a plain model: random opens, joins (some declined at authorisation or capture), retried
 * joins, leaves, time passing and expiry sweeps. After every step the engine agrees with the model on every group
 * and participant, stock held equals the model's (never more than received: never oversold), every failed group's
 * orders are cancelled and released, and every success is captured exactly once.
 */
class GroupBuyingProperties {

    /** One step: kind 0 open, 1 join, 2 retry a join, 3 leave, 4 pass hours, 5 expiry sweep. */
    record Act(int kind, int a, int b, int c) {
    }

    @Provide
    Arbitrary<List<Act>> scripts() {
        Arbitrary<Act> act = Combinators.combine(Arbitraries.frequency(
                net.jqwik.api.Tuple.of(3, 0), net.jqwik.api.Tuple.of(6, 1), net.jqwik.api.Tuple.of(1, 2),
                net.jqwik.api.Tuple.of(2, 3), net.jqwik.api.Tuple.of(2, 4), net.jqwik.api.Tuple.of(1, 5)),
                Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(1, 2)).as(Act::new);
        return act.list().ofMinSize(5).ofMaxSize(40);
    }

    /** The model's participant. */
    static final class P {
        final String key;
        final MemberId member;
        final int units;
        Group.ParticipantStatus status = Group.ParticipantStatus.JOINED;
        boolean captured;
        boolean released;

        P(String key, MemberId member, int units) {
            this.key = key;
            this.member = member;
            this.units = units;
        }
    }

    /** The model's group. */
    static final class G {
        final String id;
        final Instant deadline;
        Group.Status status = Group.Status.OPEN;
        final List<P> participants = new ArrayList<>();

        G(String id, Instant deadline) {
            this.id = id;
            this.deadline = deadline;
        }

        boolean activeMember(MemberId m) {
            return participants.stream().anyMatch(p -> p.member.equals(m) && p.status == Group.ParticipantStatus.JOINED);
        }
    }

    @Property(tries = 200)
    void theEngineAgreesWithTheModel(@ForAll("scripts") List<Act> script, @ForAll @IntRange(min = 0, max = 8) int stock,
            @ForAll @Size(max = 2) Set<@IntRange(min = 0, max = 5) Integer> declineAuth,
            @ForAll @Size(max = 2) Set<@IntRange(min = 0, max = 5) Integer> declineCapture) {
        GroupShop shop = new GroupShop(stock);
        declineAuth.forEach(i -> shop.payments.declineAuthorisation.add(MemberId.of("M-" + i)));
        declineCapture.forEach(i -> shop.payments.declineCapture.add(MemberId.of("M-" + i)));
        List<G> groups = new ArrayList<>();
        Map<String, GroupBuying.JoinResult> results = new HashMap<>();
        List<String> keys = new ArrayList<>();
        int n = 0;
        for (Act act : script) {
            String key = "k" + n++;
            MemberId member = MemberId.of("M-" + act.b());
            switch (act.kind()) {
                case 0: {
                    G g = new G("G-" + key, shop.clock.instant().plus(GroupShop.OFFER.window()));
                    GroupBuying.JoinResult r = shop.groups.open("durian-3", join(key, member.value(), act.c()));
                    boolean ok = modelJoin(g, key, member, act.c(), stock, groups, shop);
                    assertEquals(ok, r.joined(), r.toString());
                    if (ok) {
                        groups.add(g);
                    }
                    results.put(key, r);
                    keys.add(key);
                    break;
                }
                case 1: {
                    if (groups.isEmpty()) {
                        break;
                    }
                    G g = groups.get(act.a() % groups.size());
                    failIfDue(g, shop.clock.instant());
                    GroupBuying.JoinResult r = shop.groups.join(g.id, join(key, member.value(), act.c()));
                    assertEquals(modelJoin(g, key, member, act.c(), stock, groups, shop), r.joined(), r.toString());
                    results.put(key, r);
                    keys.add(key);
                    break;
                }
                case 2: {
                    if (keys.isEmpty()) {
                        break;
                    }
                    String again = keys.get(act.a() % keys.size());
                    GroupBuying.JoinResult first = results.get(again);
                    GroupBuying.JoinResult r = first.group().participants().isEmpty() && !first.joined()
                            ? shop.groups.open("durian-3", join(again, "M-0", 1))
                            : shop.groups.join(first.group().id(), join(again, "M-0", 1));
                    assertEquals(first, r, "a retried key returns its first result");
                    break;
                }
                case 3: {
                    if (groups.isEmpty()) {
                        break;
                    }
                    G g = groups.get(act.a() % groups.size());
                    P p = g.participants.get(act.b() % g.participants.size());
                    failIfDue(g, shop.clock.instant());
                    if (p.status == Group.ParticipantStatus.LEFT) {
                        shop.groups.leave(g.id, IdempotencyKey.of(p.key));
                    } else if (g.status != Group.Status.OPEN) {
                        assertThrows(IllegalStateException.class, () -> shop.groups.leave(g.id, IdempotencyKey.of(p.key)));
                    } else {
                        shop.groups.leave(g.id, IdempotencyKey.of(p.key));
                        p.status = Group.ParticipantStatus.LEFT;
                        p.released = true;
                    }
                    break;
                }
                case 4:
                    shop.clock.advance(Duration.ofHours(1 + act.a() * 4L));
                    break;
                default: {
                    int due = 0;
                    for (G g : groups) {
                        due += failIfDue(g, shop.clock.instant()) ? 1 : 0;
                    }
                    assertEquals(due, shop.groups.expireDue());
                }
            }
            check(shop, groups, stock);
        }
        groups.forEach(g -> net.jqwik.api.statistics.Statistics.label("groups").collect(g.status));
    }

    private static boolean failIfDue(G g, Instant now) {
        if (g.status != Group.Status.OPEN || now.isBefore(g.deadline)) {
            return false;
        }
        g.status = Group.Status.FAILED;
        g.participants.stream().filter(p -> p.status == Group.ParticipantStatus.JOINED).forEach(p -> p.released = true);
        return true;
    }

    private static int committed(List<G> groups) {
        int units = 0;
        for (G g : groups) {
            for (P p : g.participants) {
                boolean holding = g.status == Group.Status.OPEN && p.status == Group.ParticipantStatus.JOINED;
                units += holding || p.captured ? p.units : 0;
            }
        }
        return units;
    }

    private static boolean modelJoin(G g, String key, MemberId member, int units, int stock, List<G> groups,
            GroupShop shop) {
        if (g.status != Group.Status.OPEN || g.activeMember(member) || units > stock - committed(groups)
                || shop.payments.declineAuthorisation.contains(member)) {
            return false;
        }
        g.participants.add(new P(key, member, units));
        if (g.participants.stream().filter(p -> p.status == Group.ParticipantStatus.JOINED).count() == 3) {
            g.status = Group.Status.SUCCEEDED;
            for (P p : g.participants) {
                if (p.status != Group.ParticipantStatus.JOINED) {
                    continue;
                }
                if (shop.payments.declineCapture.contains(p.member)) {
                    p.status = Group.ParticipantStatus.DROPPED;
                    p.released = true;
                } else {
                    p.captured = true;
                }
            }
        }
        return true;
    }

    private static void check(GroupShop shop, List<G> groups, int stock) {
        groups.forEach(g -> failIfDue(g, shop.clock.instant())); // reading a group fails it when due
        groups.forEach(g -> shop.groups.group(g.id));
        int held = shop.committed();
        assertEquals(committed(groups), held, "units held");
        assertTrue(held <= stock, "never oversold: " + held + " of " + stock);
        for (G g : groups) {
            Group actual = shop.groups.group(g.id).orElseThrow();
            assertEquals(g.status, actual.status(), g.id);
            assertEquals(g.participants.size(), actual.participants().size(), g.id);
            for (int i = 0; i < g.participants.size(); i++) {
                P p = g.participants.get(i);
                assertEquals(p.status, actual.participants().get(i).status(), p.key);
                OrderId order = OrderId.of("GB-" + p.key);
                int captures = shop.payments.captures.containsKey(order) ? shop.payments.captures.get(order).get() : 0;
                int releases = shop.payments.releases.containsKey(order) ? shop.payments.releases.get(order).get() : 0;
                assertEquals(p.captured ? 1 : 0, captures, "captured once, only on success: " + p.key);
                assertEquals(p.released ? 1 : 0, releases, "released once on failure or leaving: " + p.key);
                OrderStatus status = shop.checkout.order(IdempotencyKey.of(p.key)).orElseThrow().status();
                OrderStatus expected = p.captured ? OrderStatus.CONFIRMED
                        : p.released ? OrderStatus.CANCELLED : OrderStatus.PLACED;
                assertEquals(expected, status, p.key);
            }
        }
    }
}
