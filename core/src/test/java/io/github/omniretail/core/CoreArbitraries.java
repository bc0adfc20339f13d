package io.github.omniretail.core;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid core values for property tests. */
public final class CoreArbitraries {

    private CoreArbitraries() {
    }

    public static Arbitrary<Currency> currencies() {
        return Arbitraries.of("CNY", "USD", "EUR", "JPY", "GBP", "KRW", "BHD", "CLF").map(Currency::getInstance);
    }

    public static Arbitrary<Money> money() {
        return Combinators.combine(Arbitraries.oneOf(
                Arbitraries.longs().between(-1_000_000_00L, 1_000_000_00L),
                Arbitraries.longs()), currencies()).as(Money::ofMinor);
    }

    public static Arbitrary<Money> nonNegativeMoney(Currency currency) {
        return Arbitraries.longs().between(0, 100_000_000L).map(m -> Money.ofMinor(m, currency));
    }

    public static Arbitrary<BasisPoints> basisPoints() {
        return Arbitraries.integers().between(BasisPoints.MIN_VALUE, BasisPoints.MAX_VALUE).map(BasisPoints::of);
    }

    /** Identifier text: ASCII, CJK and spaces inside, never at the ends. */
    public static Arbitrary<String> identifierText() {
        Arbitrary<Character> inner = Arbitraries.oneOf(
                Arbitraries.chars().range('a', 'z'), Arbitraries.chars().range('0', '9'),
                Arbitraries.of('-', '_', '.', ' ', ':', '/'), Arbitraries.chars().range('\u4e00', '\u4e2f'));
        Arbitrary<Character> edge = Arbitraries.oneOf(Arbitraries.chars().range('A', 'Z'),
                Arbitraries.chars().range('\u4e00', '\u4e2f'));
        return Combinators.combine(edge, inner.list().ofMaxSize(40), edge).as((a, mid, b) -> {
            StringBuilder sb = new StringBuilder().append(a);
            mid.forEach(sb::append);
            return sb.append(b).toString();
        });
    }

    public static Arbitrary<Sku> skus() {
        return identifierText().map(Sku::of);
    }

    public static Arbitrary<NodeId> nodeIds() {
        return identifierText().map(NodeId::of);
    }

    public static Arbitrary<MemberId> memberIds() {
        return identifierText().map(MemberId::of);
    }

    public static Arbitrary<OrderId> orderIds() {
        return identifierText().map(OrderId::of);
    }

    public static Arbitrary<ChannelId> channelIds() {
        return identifierText().map(ChannelId::of);
    }

    public static Arbitrary<GeoPoint> geoPoints() {
        Arbitrary<Double> lat = Arbitraries.oneOf(Arbitraries.doubles().between(-90, 90),
                Arbitraries.of(-90.0, 90.0, 0.0, -0.0, 89.9999999, -89.9999999));
        Arbitrary<Double> lon = Arbitraries.oneOf(Arbitraries.doubles().between(-180, 180),
                Arbitraries.of(-180.0, 180.0, 0.0, 179.9999999, -179.9999999));
        return Combinators.combine(lat, lon).as(GeoPoint::of);
    }

    public static Arbitrary<Channel> channels() {
        return Combinators.combine(channelIds(), Arbitraries.of(ChannelKind.class)).as(Channel::new);
    }

    public static Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
    }

    public static Arbitrary<FulfillmentNode> nodes() {
        Arbitrary<ZoneId> zones = Arbitraries.of("Asia/Shanghai", "UTC", "Europe/Paris", "America/New_York",
                "Asia/Kolkata").map(ZoneId::of);
        Arbitrary<Set<NodeCapability>> capabilities = Arbitraries.of(NodeCapability.class).set();
        Arbitrary<OptionalInt> capacity = Arbitraries.integers().between(0, 100_000).optional()
                .map(o -> o.map(OptionalInt::of).orElse(OptionalInt.empty()));
        return Combinators.combine(nodeIds(), identifierText(), Arbitraries.of(NodeType.class), geoPoints(), zones,
                capabilities, Arbitraries.longs().between(1, 50_000), capacity)
                .as((id, name, type, loc, zone, caps, radius, cap) -> new FulfillmentNode(id, name, type, loc, zone,
                        caps, caps.contains(NodeCapability.SAME_DAY) ? OptionalLong.of(radius) : OptionalLong.empty(),
                        cap, radius.intValue() % 7 - 3));
    }

    public static Arbitrary<OrderLine> lines(Currency currency) {
        return Combinators.combine(skus(), Arbitraries.integers().between(1, 10_000), nonNegativeMoney(currency),
                Arbitraries.integers().between(0, 100)).as((sku, quantity, price, pct) -> {
                    // a discount of 0..100 % of the line total (zero most often, as on real orders)
                    Money total = price.times(quantity);
                    Money discount = pct > 60 ? total.timesFraction(pct - 60, 40, java.math.RoundingMode.FLOOR)
                            : Money.zero(currency);
                    return new OrderLine(sku, quantity, price, discount);
                });
    }

    public static Arbitrary<DeliveryMethod> deliveries() {
        return Arbitraries.oneOf(geoPoints().map(DeliveryMethod::ship), geoPoints().map(DeliveryMethod::sameDay),
                nodeIds().map(DeliveryMethod::pickup));
    }

    public static Arbitrary<Order> orders() {
        return currencies().flatMap(currency -> Combinators.combine(orderIds(), channels(),
                memberIds().optional(), instants(), deliveries(), lines(currency).list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.longs().between(0, 7 * 86_400_000L).optional())
                .as((id, channel, member, placedAt, delivery, lines, promiseMillis) -> new Order(id, channel, member,
                        placedAt, delivery, List.copyOf(lines),
                        promiseMillis.map(placedAt::plusMillis).or(Optional::empty))));
    }
}
