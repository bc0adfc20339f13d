package io.github.omniretail.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.OrderLine;
import io.github.omniretail.core.Sku;
import java.io.PrintWriter;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The minimal demo of the foundation: a small Hangzhou network, one order, and the core value operations a
 * retailer's systems use every day. The full retailer's day replaces it when the engines land.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Builds a small Hangzhou network and one order with the core domain model and prints them.")
final class DemoCommand implements Callable<Integer> {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--json", description = "Also print the order as JSON.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<FulfillmentNode> network = network();
        out.println("OmniRetail demo — core domain model");
        out.println();
        out.println("Network (Hangzhou):");
        for (FulfillmentNode node : network) {
            out.printf("  %-8s %-20s %-19s %-22s %s%n", node.id(), node.name(), node.type(), node.location(),
                    node.capabilities());
        }

        GeoPoint customer = GeoPoint.of(30.2592, 120.1302); // near the West Lake, Hubin
        Order order = Order.builder(OrderId.of("HZ-20261122-0001"), Channel.of("wechat-mini", ChannelKind.MINI_PROGRAM),
                        Instant.parse("2026-11-22T12:05:00Z"), DeliveryMethod.sameDay(customer))
                .member(MemberId.of("M-000042"))
                .promisedBy(Instant.parse("2026-11-22T12:05:00Z").plus(Duration.ofMinutes(30)))
                .line(Sku.of("MILK-1L"), 2, Money.parse("12.80", CNY))
                .line(Sku.of("BREAD-SOUR"), 1, Money.parse("18.00", CNY))
                .line(Sku.of("STRAWBERRY-500G"), 1, Money.parse("39.90", CNY))
                .build();
        out.println();
        out.printf("Order %s via %s (%s), member %s, same-day to %s%n", order.id(), order.channel().id(),
                order.channel().kind(), order.member().orElseThrow(), customer);
        for (OrderLine line : order.lines()) {
            out.printf("  %-16s %3d × %-11s = %s%n", line.sku(), line.quantity(), line.unitPrice(), line.total());
        }
        Money subtotal = order.subtotal();
        out.printf("  subtotal %s%n", subtotal);

        out.println();
        out.println("Distance to each node, and whether same-day reaches the customer:");
        network.stream()
                .sorted(Comparator.comparingDouble(n -> n.location().distanceMetres(customer)))
                .forEach(n -> out.printf("  %-8s %8.0f m  same-day: %s%n", n.id(), n.location().distanceMetres(customer),
                        n.can(NodeCapability.SAME_DAY) ? (n.sameDayReaches(customer) ? "yes" : "out of radius") : "n/a"));

        // 满200减50-style discount spread over the lines exactly, in proportion to line totals.
        Money discount = Money.parse("15.00", CNY);
        long[] weights = order.lines().stream().mapToLong(l -> l.total().minorUnits()).toArray();
        Money[] shares = discount.allocate(weights);
        out.println();
        out.printf("A %s order discount allocated to lines (largest remainder, sums exactly):%n", discount);
        for (int i = 0; i < shares.length; i++) {
            out.printf("  %-16s %s%n", order.lines().get(i).sku(), shares[i]);
        }
        Money memberPrice = BasisPoints.of(9_500).applyTo(subtotal, RoundingMode.HALF_EVEN);
        out.printf("95%% member price on the subtotal: %s (rounded HALF_EVEN once)%n", memberPrice);

        if (json) {
            ObjectMapper mapper = new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT);
            out.println();
            out.println(mapper.writeValueAsString(order));
        }
        out.flush();
        return 0;
    }

    static List<FulfillmentNode> network() {
        return List.of(
                FulfillmentNode.builder(NodeId.of("DC-XS"), NodeType.DISTRIBUTION_CENTER, GeoPoint.of(30.1780, 120.2640))
                        .name("Xiaoshan DC").zone(SHANGHAI).capabilities(NodeCapability.SHIP).priority(1).build(),
                FulfillmentNode.builder(NodeId.of("ST-WL"), NodeType.STORE, GeoPoint.of(30.2590, 120.1630))
                        .name("West Lake store").zone(SHANGHAI)
                        .capabilities(NodeCapability.SHIP, NodeCapability.PICKUP, NodeCapability.RECEIVE_TRANSFER)
                        .dailyOrderCapacity(400).build(),
                FulfillmentNode.builder(NodeId.of("ST-BJ"), NodeType.STORE, GeoPoint.of(30.2080, 120.2110))
                        .name("Binjiang store").zone(SHANGHAI)
                        .capabilities(NodeCapability.SHIP, NodeCapability.PICKUP).dailyOrderCapacity(300).build(),
                FulfillmentNode.builder(NodeId.of("DS-HB"), NodeType.DARK_STORE, GeoPoint.of(30.2650, 120.1560))
                        .name("Hubin dark store").zone(SHANGHAI).capabilities(NodeCapability.SHIP).sameDay(3_000)
                        .dailyOrderCapacity(900).build(),
                FulfillmentNode.builder(NodeId.of("PP-XX"), NodeType.PICKUP_POINT, GeoPoint.of(30.2700, 120.1300))
                        .name("Xixi pickup locker").zone(SHANGHAI).capabilities(NodeCapability.PICKUP).build());
    }
}
