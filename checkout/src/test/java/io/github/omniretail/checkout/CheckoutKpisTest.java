package io.github.omniretail.checkout;

import static io.github.omniretail.checkout.Shop.ALICE;
import static io.github.omniretail.checkout.Shop.APP;
import static io.github.omniretail.checkout.Shop.BOB;
import static io.github.omniretail.checkout.Shop.DC;
import static io.github.omniretail.checkout.Shop.HANGZHOU;
import static io.github.omniretail.checkout.Shop.HOME;
import static io.github.omniretail.checkout.Shop.MILK;
import static io.github.omniretail.checkout.Shop.POS;
import static io.github.omniretail.checkout.Shop.RICE;
import static io.github.omniretail.checkout.Shop.STORE;
import static io.github.omniretail.checkout.Shop.TEA;
import static io.github.omniretail.checkout.Shop.yuan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.analytics.KpiTracker;
import io.github.omniretail.analytics.Kpis;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checkout's order events feed the KPI tracker with no glue: quotes, orders, hand-overs, returns, refusals. */
class CheckoutKpisTest {
    static final NodeId ONLINE = NodeId.of("ONLINE");

    private final Shop shop = new Shop();
    private final KpiTracker tracker = KpiTracker.builder().currency(Shop.CNY).zone(HANGZHOU).build();
    private final CheckoutKpis feed = CheckoutKpis.into(tracker, sku -> Optional.of(yuan("5.00")), ONLINE);
    private final Checkout checkout = shop.checkout(b -> b.events(feed));

    {
        feed.reading(checkout);
    }

    @Test
    void ordersQuotesHandOversReturnsAndRefusalsBecomeKpis() {
        // an online order: quoted, paid, shipped, one unit back
        PlacedOrder placed = checkout.place(OrderRequest.builder(IdempotencyKey.of("o-1"), APP, DeliveryMethod.ship(HOME),
                yuan("6.00")).member(ALICE).line(RICE, 1).line(TEA, 2).build());
        PlacedOrder paid = checkout.confirm(placed.key());
        for (int s = 0; s < paid.plan().orElseThrow().shipments().size(); s++) {
            checkout.fulfil(paid.key(), s);
        }
        PlacedOrder back = checkout.returnLines(paid.key(), IdempotencyKey.of("rma-1"), DC, Map.of(TEA, 1));
        // a cart left unpaid: a quote that did not convert
        checkout.place(OrderRequest.builder(IdempotencyKey.of("o-2"), APP, DeliveryMethod.ship(HOME), yuan("6.00"))
                .line(MILK, 1).build());
        // a till sale: no quote, handed over when paid
        PlacedOrder till = checkout.confirm(checkout.place(OrderRequest.builder(IdempotencyKey.of("till-1"), POS,
                DeliveryMethod.pickup(STORE), yuan("0.00")).atCounter().member(BOB).line(MILK, 2).build()).key());
        // more rice than there is
        checkout.place(OrderRequest.builder(IdempotencyKey.of("o-3"), APP, DeliveryMethod.ship(HOME), yuan("6.00"))
                .line(RICE, 99).build());

        Kpis k = tracker.kpis(shop.clock.instant().plus(Duration.ofDays(1)));
        assertEquals(2, k.total().orders());
        long lines = paid.quote().orElseThrow().lines().stream().mapToLong(l -> l.net().minorUnits()).sum()
                + till.quote().orElseThrow().lines().stream().mapToLong(l -> l.net().minorUnits()).sum();
        assertEquals(lines, k.total().grossRevenue(), "revenue is the lines' net, shipping and points apart");
        assertEquals(back.returns().get(0).refund().minorUnits(), k.total().refunds());
        assertEquals(1, k.total().unitsReturned());
        assertEquals(1, k.byChannel().get(ChannelKind.APP).orders());
        assertEquals(1, k.byStore().get(STORE).orders(), "the till sale counts at its store");
        assertEquals(new Kpis.Conversion(2, 1), k.conversion().get(ChannelKind.APP), "o-1 converted, o-2 did not");
        assertEquals(2, k.fulfilment().fulfilled());
        assertEquals(Map.of("out_of_stock", 1L), k.rejections());
        assertEquals(2, k.members().members());
        Money cost = yuan("5.00").times(3 + 2 - 1);
        assertEquals(lines - back.returns().get(0).refund().minorUnits() - cost.minorUnits(),
                k.total().costedRevenue() - k.total().costOfGoods(), "margin on the lines' known costs");
    }

    @Test
    void anEventBeforeTheCheckoutIsKnownIsRefusedAndTheOrderIsUnaffected() {
        KpiTracker other = KpiTracker.builder().currency(Shop.CNY).zone(HANGZHOU).build();
        CheckoutKpis early = CheckoutKpis.into(other, sku -> Optional.empty(), ONLINE);
        Checkout unread = shop.checkout(b -> b.events(early));
        PlacedOrder placed = unread.place(OrderRequest.builder(IdempotencyKey.of("o-9"), APP, DeliveryMethod.ship(HOME),
                yuan("6.00")).line(MILK, 1).build());
        assertEquals(OrderStatus.PLACED, placed.status(), "the checkout logs the sink's failure; the order stands");
        assertEquals(0, other.events());
        assertThrows(IllegalStateException.class, () -> feed.reading(checkout));
        assertTrue(tracker.events() == 0);
    }
}
