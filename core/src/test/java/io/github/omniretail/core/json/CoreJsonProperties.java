package io.github.omniretail.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.CoreArbitraries;
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
import java.util.Currency;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every public core value type survives a JSON round trip unchanged. */
class CoreJsonProperties {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new CoreJsonModule());

    private static <T> void roundTrips(T value, Class<T> type) throws Exception {
        String json = JSON.writeValueAsString(value);
        assertEquals(value, JSON.readValue(json, type), json);
        // And the output is stable: writing what was read gives the same text.
        assertEquals(json, JSON.writeValueAsString(JSON.readValue(json, type)));
    }

    @Provide Arbitrary<Money> money() {
        return CoreArbitraries.money();
    }

    @Provide Arbitrary<BasisPoints> basisPoints() {
        return CoreArbitraries.basisPoints();
    }

    @Provide Arbitrary<String> ids() {
        return CoreArbitraries.identifierText();
    }

    @Provide Arbitrary<GeoPoint> points() {
        return CoreArbitraries.geoPoints();
    }

    @Provide Arbitrary<Channel> channels() {
        return CoreArbitraries.channels();
    }

    @Provide Arbitrary<FulfillmentNode> nodes() {
        return CoreArbitraries.nodes();
    }

    @Provide Arbitrary<OrderLine> lines() {
        return CoreArbitraries.lines(Currency.getInstance("EUR"));
    }

    @Provide Arbitrary<DeliveryMethod> deliveries() {
        return CoreArbitraries.deliveries();
    }

    @Provide Arbitrary<Order> orders() {
        return CoreArbitraries.orders();
    }

    @Property
    void money(@ForAll("money") Money value) throws Exception {
        roundTrips(value, Money.class);
    }

    @Property
    void basisPoints(@ForAll("basisPoints") BasisPoints value) throws Exception {
        roundTrips(value, BasisPoints.class);
    }

    @Property
    void identifiers(@ForAll("ids") String text) throws Exception {
        roundTrips(Sku.of(text), Sku.class);
        roundTrips(NodeId.of(text), NodeId.class);
        roundTrips(MemberId.of(text), MemberId.class);
        roundTrips(OrderId.of(text), OrderId.class);
        roundTrips(ChannelId.of(text), ChannelId.class);
    }

    @Property
    void geoPoints(@ForAll("points") GeoPoint value) throws Exception {
        roundTrips(value, GeoPoint.class);
    }

    @Property
    void channels(@ForAll("channels") Channel value) throws Exception {
        roundTrips(value, Channel.class);
        roundTrips(value.kind(), ChannelKind.class);
    }

    @Property
    void nodes(@ForAll("nodes") FulfillmentNode value) throws Exception {
        roundTrips(value, FulfillmentNode.class);
        roundTrips(value.type(), NodeType.class);
        for (NodeCapability c : value.capabilities()) {
            roundTrips(c, NodeCapability.class);
        }
    }

    @Property
    void orderLines(@ForAll("lines") OrderLine value) throws Exception {
        roundTrips(value, OrderLine.class);
    }

    @Property
    void deliveries(@ForAll("deliveries") DeliveryMethod value) throws Exception {
        roundTrips(value, DeliveryMethod.class);
        @SuppressWarnings("unchecked")
        Class<DeliveryMethod> concrete = (Class<DeliveryMethod>) value.getClass();
        roundTrips(value, concrete);
    }

    @Property(tries = 300)
    void orders(@ForAll("orders") Order value) throws Exception {
        roundTrips(value, Order.class);
    }
}
