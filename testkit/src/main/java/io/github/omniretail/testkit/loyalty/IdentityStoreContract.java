package io.github.omniretail.testkit.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.loyalty.IdentityTakenException;
import io.github.omniretail.loyalty.IdentityType;
import io.github.omniretail.loyalty.MemberDirectory;
import io.github.omniretail.loyalty.spi.IdentityNormaliser;
import io.github.omniretail.loyalty.spi.IdentityStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The {@link IdentityStore} contract: atomic operations, an identity linked to at most one member, and the
 * {@link MemberDirectory} behaviour on top. Extend it and return a store on fresh storage from {@link #newStore()}.
 * Covers examples, a jqwik comparison against a map, and racing links from 8 threads.
 */
public abstract class IdentityStoreContract {

    private static final IdentityNormaliser NORMALISER =
            IdentityNormaliser.saltedSha256("contract-salt".getBytes(StandardCharsets.UTF_8));
    private static final MemberId ALICE = MemberId.of("M-ALICE");
    private static final MemberId BOB = MemberId.of("M-BOB");

    /** For subclasses. */
    protected IdentityStoreContract() {
    }

    /**
     * A store on fresh, empty storage; two calls must not share links.
     *
     * @return a new store, never null
     */
    protected abstract IdentityStore newStore();

    private static MemberDirectory.Identity identity(IdentityType type, String raw) {
        return new MemberDirectory.Identity(type, NORMALISER.key(type, raw));
    }

    @Test
    void putIfAbsentLinksOnceAndReportsTheOwner() {
        IdentityStore store = newStore();
        MemberDirectory.Identity phone = identity(IdentityType.PHONE, "13800138000");
        assertEquals(Optional.empty(), store.putIfAbsent(phone, ALICE));
        assertEquals(Optional.of(ALICE), store.putIfAbsent(phone, BOB));
        assertEquals(Optional.of(ALICE), store.get(phone));
        assertEquals(Map.of(phone, ALICE), store.all());
    }

    @Test
    void removeAndReplaceOnlyActOnTheExpectedMember() {
        IdentityStore store = newStore();
        MemberDirectory.Identity card = identity(IdentityType.POS_CARD, "62220001");
        store.putIfAbsent(card, ALICE);
        assertFalse(store.remove(card, BOB));
        assertFalse(store.replace(card, BOB, ALICE));
        assertTrue(store.replace(card, ALICE, BOB));
        assertEquals(Optional.of(BOB), store.get(card));
        assertTrue(store.remove(card, BOB));
        assertEquals(Optional.empty(), store.get(card));
        assertFalse(store.remove(card, BOB), "already gone");
        assertTrue(store.all().isEmpty());
    }

    @Test
    void theDirectoryOnTheStoreFindsMembersAndRefusesTakenIdentities() {
        MemberDirectory directory = new MemberDirectory(NORMALISER, newStore());
        directory.link(ALICE, IdentityType.PHONE, "+86 138-0013-8000");
        directory.link(ALICE, IdentityType.EMAIL, "Alice@Example.COM ");
        assertEquals(Optional.of(ALICE), directory.lookup(IdentityType.PHONE, "008613800138000"));
        IdentityTakenException e = assertThrows(IdentityTakenException.class,
                () -> directory.link(BOB, IdentityType.EMAIL, "alice@example.com"));
        assertEquals(ALICE, e.owner());
        directory.moveAll(ALICE, BOB);
        assertEquals(Optional.of(BOB), directory.lookup(IdentityType.EMAIL, "alice@example.com"));
        assertEquals(2, directory.identities(BOB).size());
        assertTrue(directory.identities(ALICE).isEmpty());
    }

    @Test
    void racingLinksOfOneIdentityHaveExactlyOneWinner() throws Exception {
        IdentityStore store = newStore();
        int threads = 8;
        int rounds = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                MemberDirectory.Identity id = identity(IdentityType.APP_USER, "user-" + round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<MemberId>>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    MemberId member = MemberId.of("M-" + t);
                    results.add(pool.submit(() -> {
                        start.await();
                        return store.putIfAbsent(id, member);
                    }));
                }
                start.countDown();
                int winners = 0;
                Map<MemberId, Integer> reported = new HashMap<>();
                for (Future<Optional<MemberId>> f : results) {
                    Optional<MemberId> r = f.get(30, TimeUnit.SECONDS);
                    if (r.isEmpty()) {
                        winners++;
                    } else {
                        reported.merge(r.get(), 1, Integer::sum);
                    }
                }
                assertEquals(1, winners, "round " + round);
                MemberId owner = store.get(id).orElseThrow();
                assertEquals(Map.of(owner, threads - 1), reported, "losers all see the winner, round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One operation against the store and the reference map. */
    public record Op(int kind, int identity, int member, int other) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2))
                .as(Op::new).list().ofMaxSize(40);
    }

    @Property(tries = 100)
    void agreesWithAMap(@ForAll("ops") List<Op> ops) {
        IdentityStore store = newStore();
        Map<MemberDirectory.Identity, MemberId> model = new ConcurrentHashMap<>();
        for (Op op : ops) {
            MemberDirectory.Identity id = identity(IdentityType.APP_USER, "u" + op.identity());
            MemberId member = MemberId.of("M" + op.member());
            MemberId other = MemberId.of("M" + op.other());
            switch (op.kind()) {
                case 0 -> assertEquals(Optional.ofNullable(model.putIfAbsent(id, member)), store.putIfAbsent(id, member));
                case 1 -> assertEquals(model.remove(id, member), store.remove(id, member));
                case 2 -> assertEquals(model.replace(id, member, other), store.replace(id, member, other));
                default -> assertEquals(Optional.ofNullable(model.get(id)), store.get(id));
            }
        }
        assertEquals(Map.copyOf(model), store.all());
    }
}
