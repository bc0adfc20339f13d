package io.github.omniretail.checkout;

import static io.github.omniretail.checkout.Shop.ALICE;
import static io.github.omniretail.checkout.Shop.APP;
import static io.github.omniretail.checkout.Shop.BOB;
import static io.github.omniretail.checkout.Shop.DC;
import static io.github.omniretail.checkout.Shop.HOME;
import static io.github.omniretail.checkout.Shop.MILK;
import static io.github.omniretail.checkout.Shop.RICE;
import static io.github.omniretail.checkout.Shop.TEA;
import static io.github.omniretail.checkout.Shop.yuan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.checkout.spi.PlacedOrderCodec;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.routing.RoutingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacedOrderCodecTest {

    private static final RoutingPolicy TWO_AT_MOST = RoutingPolicy.nearestWithStock().withMaxShipments(1)
            .withSplitLines(false).withName("one parcel");

    private final PlacedOrderCodec codec = PlacedOrderCodec.of(List.of(TWO_AT_MOST));
    private final Shop shop = new Shop();
    private final RoundTrips store = new RoundTrips();
    private final Checkout checkout = shop.checkout(b -> b.store(store));

    /** Keeps orders in memory and checks, on every save, that the JSON form reads back equal. */
    private final class RoundTrips implements CheckoutStore {
        final CheckoutStore inner = CheckoutStore.inMemory();
        final Set<OrderStatus> seen = EnumSet.noneOf(OrderStatus.class);
        int saves;

        @Override
        public Optional<PlacedOrder> find(IdempotencyKey key) {
            return inner.find(key);
        }

        @Override
        public boolean save(PlacedOrder order) {
            String json = codec.write(order);
            assertEquals(order, codec.read(json), json);
            seen.add(order.status());
            saves++;
            return inner.save(order);
        }

        @Override
        public List<IdempotencyKey> unpaidBy(Instant instant, int limit) {
            return inner.unpaidBy(instant, limit);
        }

        @Override
        public boolean hasPaidOrder(MemberId member) {
            return inner.hasPaidOrder(member);
        }
    }

    private static OrderRequest.Builder order(String key) {
        return OrderRequest.builder(IdempotencyKey.of(key), APP, DeliveryMethod.ship(HOME), yuan("6.00"));
    }

    @Test
    void everyStateOfEveryJourneyReadsBackEqual() {
        shop.givePoints(BOB, "e-bob", "3000.00");
        PlacedOrder a = checkout.place(order("o-1").member(ALICE).line(RICE, 3).line(TEA, 3).build());
        PlacedOrder paid = checkout.confirm(a.key());
        for (int s = 0; s < paid.plan().orElseThrow().shipments().size(); s++) {
            checkout.fulfil(a.key(), s);
        }
        checkout.returnLines(a.key(), IdempotencyKey.of("rma-1"), DC, Map.of(RICE, 1, TEA, 1));
        PlacedOrder b = checkout.place(order("o-2").member(BOB).line(TEA, 1).line(MILK, 2).coupon("TEA5")
                .coupon("NOPE").payWithPoints(500).policy(TWO_AT_MOST).build());
        checkout.confirm(b.key());
        checkout.cancel(b.key());
        checkout.place(order("o-3").line(RICE, 99).build());
        checkout.place(order("o-4").line(MILK, 1).build());
        shop.clock.advance(Duration.ofDays(2));
        checkout.expireDue();
        assertEquals(EnumSet.allOf(OrderStatus.class), store.seen, "every status went through the codec");
        assertTrue(store.saves > 20, "saves: " + store.saves);
    }

    @Test
    void ordersWrittenBeforeDepositsAndCounterSalesReadBackAsOrdersWithoutThem() {
        PlacedOrder placed = checkout.place(order("o-1").member(ALICE).line(MILK, 1).build());
        String json = codec.write(placed);
        assertTrue(json.contains("\"deposit\":null") && json.contains("\"atCounter\":false"), json);
        String older = json.replace("\"deposit\":null,", "").replace(",\"deposit\":null", "")
                .replace("\"atCounter\":false,", "").replace(",\"atCounter\":false", "");
        assertFalse(older.contains("deposit") || older.contains("atCounter"), older);
        assertEquals(placed, codec.read(older));
    }

    @Test
    void returnsWrittenBeforeDispositionsReadBackAsSellable() {
        PlacedOrder placed = checkout.place(order("o-2").member(ALICE).line(MILK, 2).build());
        checkout.confirm(placed.key());
        checkout.fulfil(placed.key(), 0);
        PlacedOrder back = checkout.returnLines(placed.key(), IdempotencyKey.of("rma-1"), DC, Map.of(MILK, 1));
        String json = codec.write(back);
        assertTrue(json.contains("\"disposition\":\"SELLABLE\""), json);
        String older = json.replace("\"disposition\":\"SELLABLE\",", "");
        assertFalse(older.contains("disposition"), older);
        assertEquals(back, codec.read(older));
        PlacedOrder damaged = checkout.returnLines(placed.key(), IdempotencyKey.of("rma-2"), DC, Map.of(MILK, 1),
                io.github.omniretail.inventory.Disposition.DAMAGED);
        assertEquals(damaged, codec.read(codec.write(damaged)));
    }

    @Test
    void anOrderNamingAPolicyTheCodecWasNotGivenCannotBeRead() {
        PlacedOrder placed = checkout.place(order("o-1").line(MILK, 1).policy(TWO_AT_MOST).build());
        String json = codec.write(placed);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PlacedOrderCodec.standard().read(json));
        assertTrue(e.getMessage().contains(TWO_AT_MOST.name()), e.getMessage());
    }

    @Test
    void aVariantOfAKnownPolicyUnderItsOldNameIsRefusedBeforeAnythingIsHeld() {
        Checkout strict = shop.checkout(b -> b.store(new RoundTrips()));
        long before = shop.inventory.atp(MILK, List.of(DC, Shop.DARK), APP);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> strict.place(order("o-9")
                .line(MILK, 1).policy(RoutingPolicy.nearestWithStock().withMaxShipments(1)).build()));
        assertTrue(e.getMessage().contains("nearest with stock"), e.getMessage());
        assertEquals(before, shop.inventory.atp(MILK, List.of(DC, Shop.DARK), APP), "nothing held");
        assertEquals(RoutingPolicy.nearestWithStock(), RoutingPolicy.nearestWithStock(), "built-ins are values");
    }

    @Test
    void textThatIsNotAStoredOrderIsRefused() {
        PlacedOrder placed = checkout.place(order("o-1").line(MILK, 1).build());
        String json = codec.write(placed);
        assertThrows(IllegalArgumentException.class, () -> codec.read(json.replace("\"format\":1", "\"format\":9")));
        assertThrows(IllegalArgumentException.class, () -> codec.read(json.replace("\"status\":",
                "\"colour\":\"red\",\"status\":")));
        assertThrows(IllegalArgumentException.class, () -> codec.read(json.replace("\"version\":" + placed.version(),
                "\"version\":0")), "the record's own validation runs");
        assertThrows(IllegalArgumentException.class, () -> codec.read(json + "{}"));
        assertThrows(IllegalArgumentException.class, () -> codec.read("[]"));
    }
}
