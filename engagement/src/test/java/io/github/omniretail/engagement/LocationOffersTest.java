package io.github.omniretail.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.spi.StockView;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.MarketingChannel;
import io.github.omniretail.loyalty.spi.ConsentStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Consent, segments, quiet hours in the node's zone, daily caps and stock decide which fenced offers a ping gets. */
class LocationOffersTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final GeoPoint WEST_LAKE = GeoPoint.of(30.2590, 120.1300);
    static final MemberId ALICE = MemberId.of("M-ALICE");
    static final MemberId BOB = MemberId.of("M-BOB");
    static final Sku TEA = Sku.of("TEA");

    @Test
    void aPingGetsTheOffersItsFencesConsentSegmentsHoursCapsAndStockAllow() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T02:00:00Z")); // 10:00 in Shanghai
        Map<Sku, Long> shelf = new HashMap<>(Map.of(TEA, 3L));
        NodeOffer coffee = new NodeOffer("coffee-2nd-half", NodeId.of("ST-1"),
                new GeoFence.Circle(WEST_LAKE, 500), SHANGHAI, Optional.empty(), Set.of(), LocalTime.of(22, 0),
                LocalTime.of(8, 0), 2);
        NodeOffer tea = new NodeOffer("tea-vip", NodeId.of("ST-1"), new GeoFence.Circle(WEST_LAKE, 800), SHANGHAI,
                Optional.of(TEA), Set.of("high-value"), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, 1);
        NodeOffer far = new NodeOffer("far", NodeId.of("ST-9"), new GeoFence.Circle(GeoPoint.of(31.23, 121.47), 500),
                SHANGHAI, Optional.empty(), Set.of(), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, 5);
        ConsentRegistry consents = ConsentRegistry.of(ConsentStore.inMemory(), clock);
        consents.grant(ALICE, MarketingChannel.LOCATION, "app:permission-dialog");
        consents.grant(BOB, MarketingChannel.APP_PUSH, "app:onboarding"); // push, but not location
        LocationOffers offers = LocationOffers.builder().offers(List.of(coffee, tea, far))
                .consents(consents).segments(m -> m.equals(ALICE) ? Set.of("high-value") : Set.of())
                .stock(new StockView() {
                    @Override
                    public long available(Sku sku, NodeId node, Channel channel) {
                        return shelf.getOrDefault(sku, 0L);
                    }

                    @Override
                    public boolean tracks(NodeId node) {
                        return true;
                    }
                }, Channel.of("lbs", ChannelKind.APP))
                .clock(clock).build();

        assertEquals(List.of(coffee, tea), offers.eligible(ALICE, WEST_LAKE));
        assertEquals(List.of(), offers.eligible(BOB, WEST_LAKE), "no consent, no offer");
        assertEquals(List.of(coffee), offers.eligible(ALICE, WEST_LAKE), "tea capped at once a day");
        assertEquals(List.of(), offers.eligible(ALICE, WEST_LAKE), "coffee capped at twice a day");
        assertEquals(List.of(), offers.eligible(ALICE, GeoPoint.of(30.30, 120.20)), "outside every fence");

        clock.advance(Duration.ofDays(1)); // 10:00 the next day: caps start again
        shelf.put(TEA, 0L);
        assertEquals(List.of(coffee), offers.eligible(ALICE, WEST_LAKE), "no tea on the shelf, no tea offer");
        assertEquals(2, offers.forgetPastDays(), "yesterday's counters dropped: alice's coffee and tea");

        clock.advance(Duration.ofHours(13)); // 23:00 in Shanghai: quiet hours (coffee has one more left today)
        assertEquals(List.of(), offers.eligible(ALICE, WEST_LAKE));
        clock.advance(Duration.ofHours(10)); // 09:00
        consents.withdraw(ALICE, MarketingChannel.LOCATION, "app:settings");
        assertEquals(List.of(), offers.eligible(ALICE, WEST_LAKE), "consent withdrawn");
        consents.grant(ALICE, MarketingChannel.LOCATION, "app:settings");
        assertEquals(List.of(coffee), offers.eligible(ALICE, WEST_LAKE));
    }

    @Test
    void badOffersAreRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NodeOffer("x",
                NodeId.of("N"), new GeoFence.Circle(WEST_LAKE, 100), SHANGHAI, Optional.empty(), Set.of(),
                LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, 0));
        assertEquals("capPerDay of offer x must be 1..255, was 0", e.getMessage());
        assertThrows(IllegalStateException.class, () -> LocationOffers.builder().build());
    }
}
