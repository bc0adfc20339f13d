package io.github.omniretail.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link LocationOffers} against a brute-force reference on a generated map of 2,000 stores (cities, the
 * antimeridian, near the poles; circles and polygons; zones from UTC−10 to UTC+12): every fence tested, consent,
 * segments, quiet hours by {@code java.time} in each node's zone, daily caps in a plain map, stock. Also caps under
 * concurrency.
 */
class LocationOffersOracleTest {
    static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Shanghai"), ZoneId.of("Pacific/Auckland"),
            ZoneId.of("Pacific/Honolulu"), ZoneId.of("Europe/Berlin"), ZoneId.of("America/Anchorage"));
    static final Channel LBS = Channel.of("lbs", ChannelKind.APP);

    record Key(MemberId member, String offer, LocalDate day) {
    }

    @Test
    void everyPingGetsWhatABruteForceReferenceGives() {
        Random r = new Random(7);
        List<GeoFence> fences = FenceGridTest.fences(r, 2_000);
        List<NodeOffer> all = new ArrayList<>();
        Map<Sku, Long> shelf = new HashMap<>();
        for (int i = 0; i < fences.size(); i++) {
            Optional<Sku> sku = r.nextInt(3) == 0 ? Optional.of(Sku.of("SKU-" + r.nextInt(20))) : Optional.empty();
            sku.ifPresent(s -> shelf.put(s, (long) r.nextInt(2)));
            Set<String> segments = r.nextInt(4) == 0 ? Set.of("vip") : Set.of();
            LocalTime from = LocalTime.of(r.nextInt(24), 0);
            LocalTime to = r.nextInt(3) == 0 ? from : LocalTime.of(r.nextInt(24), 30);
            all.add(new NodeOffer("o" + i, NodeId.of("N" + i), fences.get(i), ZONES.get(r.nextInt(ZONES.size())), sku,
                    segments, from, to, 1 + r.nextInt(3)));
        }
        MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T02:00:00Z"));
        ConsentRegistry consents = ConsentRegistry.of(ConsentStore.inMemory(), clock);
        List<MemberId> members = new ArrayList<>();
        Map<MemberId, Set<String>> segmentsOf = new HashMap<>();
        for (int m = 0; m < 40; m++) {
            MemberId id = MemberId.of("M-" + m);
            members.add(id);
            segmentsOf.put(id, m % 3 == 0 ? Set.of("vip") : Set.of());
            if (m % 5 != 0) {
                consents.grant(id, MarketingChannel.LOCATION, "test");
            }
        }
        StockView stock = new StockView() {
            @Override
            public long available(Sku sku, NodeId node, Channel channel) {
                return shelf.getOrDefault(sku, 0L);
            }

            @Override
            public boolean tracks(NodeId node) {
                return true;
            }
        };
        LocationOffers offers = LocationOffers.builder().offers(all).consents(consents).segments(segmentsOf::get)
                .stock(stock, LBS).clock(clock).expectedDeliveries(100).build();
        Map<Key, Integer> caps = new HashMap<>();
        int compared = 0;
        int delivered = 0;
        for (int q = 0; q < 6_000; q++) {
            if (q % 500 == 499) {
                clock.advance(Duration.ofMinutes(97 + r.nextInt(600)));
            }
            NodeOffer near = all.get(r.nextInt(all.size()));
            GeoPoint centre = near.fence() instanceof GeoFence.Circle c ? c.centre()
                    : ((GeoFence.Polygon) near.fence()).vertices().get(0);
            GeoPoint p = FenceGridTest.offset(centre, (r.nextDouble() - 0.5) * 8_000, (r.nextDouble() - 0.5) * 8_000);
            if (FenceGridTest.nearACircleEdge(fences, p)) {
                continue;
            }
            MemberId member = members.get(r.nextInt(members.size()));
            List<NodeOffer> expected = new ArrayList<>();
            if (consents.allows(member, MarketingChannel.LOCATION)) {
                for (NodeOffer o : all) {
                    if (!o.fence().contains(p)
                            || !o.segments().isEmpty() && o.segments().stream().noneMatch(segmentsOf.get(member)::contains)) {
                        continue;
                    }
                    ZonedDateTime local = clock.instant().atZone(o.zone());
                    LocalTime t = local.toLocalTime();
                    boolean quiet = !o.quietFrom().equals(o.quietTo()) && (o.quietFrom().isBefore(o.quietTo())
                            ? !t.isBefore(o.quietFrom()) && t.isBefore(o.quietTo())
                            : !t.isBefore(o.quietFrom()) || t.isBefore(o.quietTo()));
                    if (quiet || o.sku().isPresent() && shelf.get(o.sku().get()) <= 0) {
                        continue;
                    }
                    Key k = new Key(member, o.id(), local.toLocalDate());
                    if (caps.getOrDefault(k, 0) >= o.capPerDay()) {
                        continue;
                    }
                    caps.merge(k, 1, Integer::sum);
                    expected.add(o);
                }
            }
            assertEquals(expected, offers.eligible(member, p), "ping " + q + " of " + member + " at " + p);
            compared++;
            delivered += expected.size();
        }
        assertTrue(compared > 5_800 && delivered > 1_000, compared + " pings, " + delivered + " offers");
    }

    @Test
    void capsHoldUnderConcurrency() throws Exception {
        MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T02:00:00Z"));
        ConsentRegistry consents = ConsentRegistry.of(ConsentStore.inMemory(), clock);
        List<MemberId> members = new ArrayList<>();
        for (int m = 0; m < 50; m++) {
            members.add(MemberId.of("M-" + m));
            consents.grant(members.get(m), MarketingChannel.LOCATION, "test");
        }
        GeoPoint here = GeoPoint.of(30.2590, 120.1300);
        NodeOffer offer = new NodeOffer("coffee", NodeId.of("ST-1"), new GeoFence.Circle(here, 500),
                ZONES.get(0), Optional.empty(), Set.of(), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, 3);
        LocationOffers offers = LocationOffers.builder().offers(List.of(offer)).consents(consents)
                .segments(m -> Set.of()).stock(new StockView() {
                    @Override
                    public long available(Sku sku, NodeId node, Channel channel) {
                        return 0;
                    }

                    @Override
                    public boolean tracks(NodeId node) {
                        return true;
                    }
                }, LBS).clock(clock).expectedDeliveries(0).build();
        AtomicInteger delivered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    delivered.addAndGet(offers.eligible(members.get(i % members.size()), here).size());
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(50 * 3, delivered.get(), "each of 50 members exactly 3 times, whatever the interleaving");
    }
}
