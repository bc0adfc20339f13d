package io.github.omniretail.checkout;

import static io.github.omniretail.checkout.Shop.ALICE;
import static io.github.omniretail.checkout.Shop.APP;
import static io.github.omniretail.checkout.Shop.BOB;
import static io.github.omniretail.checkout.Shop.DARK;
import static io.github.omniretail.checkout.Shop.DC;
import static io.github.omniretail.checkout.Shop.HOME;
import static io.github.omniretail.checkout.Shop.MILK;
import static io.github.omniretail.checkout.Shop.RICE;
import static io.github.omniretail.checkout.Shop.TEA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.checkout.PlacedOrder.Step;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.pricing.AppliedPromotion;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Eight threads place, retry, confirm and cancel orders for the same scarce SKUs with the same two members and the
 * same single-use coupon: afterwards stock is never oversold and every held unit belongs to a live order, the
 * ledger sums to zero, the coupon was used at most once, and the promotion's budget holds.
 */
class CheckoutConcurrencyTest {

    /** @return a fresh shop; the integration suite runs this on PostgreSQL stores */
    Shop newShop() {
        return new Shop();
    }

    @Test
    void ordersRacingForTheSameStockPointsAndCouponKeepEveryInvariant() throws Exception {
        Shop shop = newShop();
        shop.givePoints(ALICE, "g-alice", "400.00");
        shop.givePoints(BOB, "g-bob", "400.00");
        Checkout checkout = shop.checkout();
        int threads = 8;
        int perThread = 40;
        ConcurrentLinkedQueue<IdempotencyKey> keys = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    SplittableRandom r = new SplittableRandom(thread);
                    for (int i = 0; i < perThread; i++) {
                        IdempotencyKey key = IdempotencyKey.of("t" + thread + "-" + i);
                        MemberId member = r.nextBoolean() ? ALICE : BOB;
                        OrderRequest.Builder b = OrderRequest.builder(key, APP, DeliveryMethod.ship(HOME),
                                Shop.yuan("6.00")).member(member).line(TEA, 1 + r.nextInt(3));
                        if (r.nextBoolean()) {
                            b.line(RICE, 1 + r.nextInt(3));
                        }
                        if (r.nextInt(4) == 0) {
                            b.coupon("TEA5");
                        }
                        if (r.nextInt(3) == 0) {
                            b.payWithPoints(100 + r.nextInt(200));
                        }
                        OrderRequest request = b.build();
                        keys.add(key);
                        PlacedOrder placed = checkout.place(request);
                        assertEquals(placed, checkout.place(request), "a retry is the same order");
                        if (placed.status() == OrderStatus.PLACED) {
                            switch (r.nextInt(3)) {
                                case 0 -> checkout.confirm(key);
                                case 1 -> checkout.cancel(key);
                                default -> { } // left unpaid
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long liveTea = 0;
        long liveRice = 0;
        long reserved = 0;
        int placed = 0;
        int refused = 0;
        for (IdempotencyKey key : keys) {
            PlacedOrder o = checkout.order(key).orElseThrow();
            if (o.status() == OrderStatus.REFUSED) {
                refused++;
                assertTrue(o.did(Step.STOCK_RELEASED) || o.plan().isEmpty() || !o.did(Step.STOCK_HELD));
                continue;
            }
            placed++;
            boolean live = o.status() == OrderStatus.PLACED || o.status() == OrderStatus.CONFIRMED;
            if (live) {
                liveTea += units(o, TEA);
                liveRice += units(o, RICE);
                reserved += o.quote().orElseThrow().applied().stream()
                        .filter(a -> a.promotionId().equals("full-200-50")).map(AppliedPromotion::amount)
                        .mapToLong(Money::minorUnits).sum();
            }
        }
        assertTrue(placed > 0 && refused > 0, "stock ran out: " + placed + " placed, " + refused + " refused");
        assertEquals(liveTea, held(shop, TEA), "every held unit of tea belongs to a live order");
        assertEquals(liveRice, held(shop, RICE));
        for (NodeId node : List.of(DC, DARK)) {
            for (Sku sku : List.of(TEA, RICE, MILK)) {
                Position p = shop.inventory.position(sku, node);
                assertTrue(p.held() <= p.onHand(), "never oversold: " + p);
            }
        }
        assertTrue(shop.promotionLedger.uses("TEA5") <= 1, "the single-use coupon was used at most once");
        assertEquals(reserved, shop.promotionLedger.spent("full-200-50"));
        assertTrue(reserved <= Shop.BUDGET_MINOR, "the budget holds");
        assertEquals(0, shop.ledgerSum());
        assertTrue(shop.ledger.balance(ALICE).available() >= 0 && shop.ledger.balance(BOB).available() >= 0);
    }

    private static long units(PlacedOrder o, Sku sku) {
        return o.request().lines().stream().filter(l -> l.sku().equals(sku)).mapToLong(l -> l.quantity()).sum();
    }

    private static long held(Shop shop, Sku sku) {
        return shop.inventory.position(sku, DC).held() + shop.inventory.position(sku, DARK).held();
    }
}
