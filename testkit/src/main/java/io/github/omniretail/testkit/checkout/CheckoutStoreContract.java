package io.github.omniretail.testkit.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.checkout.OrderRequest;
import io.github.omniretail.checkout.OrderReturn;
import io.github.omniretail.checkout.OrderStatus;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.HoldId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@link CheckoutStore} contract: an order reads back equal to what was saved; {@link CheckoutStore#save} is a
 * compare-and-set on the version (exactly one of many racing writers of a version wins); unpaid orders are found by
 * expiry, soonest first, and drop out once paid or ended; a member who paid once stays a paying member. Extend it
 * and return a store on fresh storage from {@link #newStore()}.
 */
public abstract class CheckoutStoreContract {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Channel APP = Channel.of("app", ChannelKind.APP);
    private static final MemberId ALICE = MemberId.of("M-ALICE");
    private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");

    /** For subclasses. */
    protected CheckoutStoreContract() {
    }

    /**
     * A store on fresh, empty storage; two calls must not share orders.
     *
     * @return a new store, never null
     */
    protected abstract CheckoutStore newStore();

    private static PlacedOrder order(String key, Optional<MemberId> member, OrderStatus status, long version,
            Instant expiresAt) {
        OrderRequest.Builder b = OrderRequest.builder(IdempotencyKey.of(key), APP,
                DeliveryMethod.ship(GeoPoint.of(30.259, 120.130)), Money.parse("6.00", CNY))
                .line(Sku.of("RICE-5KG"), 2).line(Sku.of("TEA-250G"), 1).coupon("TEA5");
        member.ifPresent(b::member);
        return new PlacedOrder(b.build(), status, version, T0, expiresAt, Optional.empty(), Optional.empty(), 1,
                Optional.of(HoldId.of(key.length())), Money.zero(CNY), 0,
                EnumSet.of(PlacedOrder.Step.STOCK_HELD), Optional.empty(), Set.of(), List.of());
    }

    private static PlacedOrder next(PlacedOrder o, OrderStatus status) {
        return new PlacedOrder(o.request(), status, o.version() + 1, o.placedAt(), o.expiresAt(), o.quote(),
                o.routing(), o.attempt(), o.stockHold(), o.pointsValue(), o.pointsEarned(), o.done(), o.refusal(),
                o.fulfilled(), o.returns());
    }

    @Test
    public void anOrderReadsBackEqualToWhatWasSaved() {
        CheckoutStore store = newStore();
        assertEquals(Optional.empty(), store.find(IdempotencyKey.of("o-1")));
        PlacedOrder placed = order("o-1", Optional.of(ALICE), OrderStatus.PLACED, 1, T0.plusSeconds(900));
        assertTrue(store.save(placed));
        assertEquals(Optional.of(placed), store.find(placed.key()));
        PlacedOrder returned = new PlacedOrder(placed.request(), OrderStatus.FULFILLED, 2, placed.placedAt(),
                placed.expiresAt(), Optional.empty(), Optional.empty(), 2, placed.stockHold(),
                Money.parse("1.50", CNY), 187, EnumSet.allOf(PlacedOrder.Step.class), Optional.of("a reason"),
                Set.of(0, 1), List.of(new OrderReturn(IdempotencyKey.of("rma-1"), Map.of(Sku.of("RICE-5KG"), 1),
                        NodeId.of("DC-1"), Money.parse("31.55", CNY), Money.parse("30.05", CNY), 150, 31,
                        T0.plusSeconds(3_600))));
        assertTrue(store.save(returned));
        assertEquals(Optional.of(returned), store.find(placed.key()));
    }

    @Test
    public void saveIsACompareAndSetOnTheVersion() {
        CheckoutStore store = newStore();
        PlacedOrder v1 = order("o-1", Optional.empty(), OrderStatus.PLACING, 1, T0.plusSeconds(900));
        assertFalse(store.save(next(v1, OrderStatus.PLACED)), "version 2 of an order never saved");
        assertTrue(store.save(v1));
        assertFalse(store.save(v1), "version 1 again");
        PlacedOrder v2 = next(v1, OrderStatus.PLACED);
        assertFalse(store.save(next(v2, OrderStatus.CONFIRMING)), "a skipped version");
        assertTrue(store.save(v2));
        assertFalse(store.save(next(v1, OrderStatus.REFUSED)), "a lost update");
        assertEquals(Optional.of(v2), store.find(v1.key()));
    }

    @Test
    public void unpaidOrdersAreFoundByExpirySoonestFirstUntilPaidOrEnded() {
        CheckoutStore store = newStore();
        PlacedOrder late = order("o-late", Optional.empty(), OrderStatus.PLACED, 1, T0.plusSeconds(1_800));
        PlacedOrder soon = order("o-soon", Optional.empty(), OrderStatus.PLACING, 1, T0.plusSeconds(600));
        PlacedOrder mid = order("o-mid", Optional.empty(), OrderStatus.PLACED, 1, T0.plusSeconds(900));
        for (PlacedOrder o : List.of(late, soon, mid)) {
            assertTrue(store.save(o));
        }
        assertEquals(List.of(), store.unpaidBy(T0.plusSeconds(599), 10));
        assertEquals(List.of(soon.key()), store.unpaidBy(T0.plusSeconds(600), 10), "due at exactly its expiry");
        assertEquals(List.of(soon.key(), mid.key(), late.key()), store.unpaidBy(T0.plusSeconds(7_200), 10));
        assertEquals(List.of(soon.key(), mid.key()), store.unpaidBy(T0.plusSeconds(7_200), 2), "the limit");
        assertTrue(store.save(next(soon, OrderStatus.PLACED)));
        assertTrue(store.save(next(next(soon, OrderStatus.PLACED), OrderStatus.CONFIRMING)));
        assertTrue(store.save(next(mid, OrderStatus.EXPIRED)));
        assertEquals(List.of(late.key()), store.unpaidBy(T0.plusSeconds(7_200), 10));
    }

    @Test
    public void aMemberWhoPaidOnceStaysAPayingMember() {
        CheckoutStore store = newStore();
        PlacedOrder o = order("o-1", Optional.of(ALICE), OrderStatus.PLACED, 1, T0.plusSeconds(900));
        assertTrue(store.save(o));
        assertFalse(store.hasPaidOrder(ALICE), "placed is not paid");
        PlacedOrder confirming = next(o, OrderStatus.CONFIRMING);
        assertTrue(store.save(confirming));
        assertFalse(store.hasPaidOrder(ALICE), "paying is not paid yet");
        PlacedOrder paid = next(confirming, OrderStatus.CONFIRMED);
        assertTrue(store.save(paid));
        assertTrue(store.hasPaidOrder(ALICE));
        assertTrue(store.save(next(paid, OrderStatus.CANCELLED)));
        assertTrue(store.hasPaidOrder(ALICE), "cancelled after payment: still paid once");
        assertFalse(store.hasPaidOrder(MemberId.of("M-BOB")));
    }

    @Test
    public void exactlyOneOfEightRacingWritersSavesEachVersion() throws Exception {
        CheckoutStore store = newStore();
        PlacedOrder v1 = order("o-1", Optional.empty(), OrderStatus.PLACED, 1, T0.plusSeconds(900));
        assertTrue(store.save(v1));
        int threads = 8;
        int versions = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> wins = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                wins.add(pool.submit(() -> {
                    start.await();
                    int won = 0;
                    for (int i = 0; i < versions * 4; i++) {
                        PlacedOrder now = store.find(v1.key()).orElseThrow();
                        if (now.version() > versions) {
                            break;
                        }
                        if (store.save(next(now, OrderStatus.PLACED))) {
                            won++;
                        }
                    }
                    return won;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : wins) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            long stored = store.find(v1.key()).orElseThrow().version();
            assertEquals(stored - 1, total, "each saved version was won by exactly one writer");
            assertTrue(stored > 1, "some writer won");
        } finally {
            pool.shutdownNow();
        }
    }
}
