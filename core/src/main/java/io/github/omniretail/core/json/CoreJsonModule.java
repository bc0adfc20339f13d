package io.github.omniretail.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.Identifier;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.OrderLine;
import io.github.omniretail.core.Sku;
import java.io.IOException;
import java.util.function.Function;

/**
 * Jackson support for every public core value type. Registered through {@link java.util.ServiceLoader}, so
 * {@code new ObjectMapper().findAndRegisterModules()} finds it; or register it explicitly:
 * {@code new ObjectMapper().registerModule(new CoreJsonModule())}.
 *
 * <p>Formats (field names follow the record components):
 * <ul>
 *   <li>{@link Money}: {@code {"amount":"12.34","currency":"CNY"}} — the amount is a decimal string, never a
 *       JSON number; excess decimals are rejected, not rounded.</li>
 *   <li>{@link BasisPoints}: an integer ({@code 1250} = 12.5 %).</li>
 *   <li>Identifiers ({@link Sku}, {@link NodeId}, {@link MemberId}, {@link OrderId}, {@link ChannelId}): strings.</li>
 *   <li>{@link GeoPoint}: {@code {"latitude":30.27,"longitude":120.15}}.</li>
 *   <li>{@link Channel}: {@code {"id":"tmall","kind":"MARKETPLACE"}}; enums by constant name.</li>
 *   <li>{@link DeliveryMethod}: {@code {"type":"SHIP"|"SAME_DAY","destination":{…}}} or
 *       {@code {"type":"PICKUP","node":"S1"}} — a fixed set of type names, never class names from the input.</li>
 *   <li>{@link FulfillmentNode}, {@link OrderLine}, {@link Order}: objects with their components; absent optional
 *       components are omitted; instants and zones as ISO-8601 / zone-id strings.</li>
 * </ul>
 * Reading is strict: unknown fields, wrong JSON types, invalid values and — when one of these types is the whole
 * document — anything after its value fail with {@link InvalidJsonException}, which names the JSON path; no
 * partially built value is ever returned. (A stream of several top-level values, as {@code readValues} reads, is
 * therefore refused: wrap the values in an array, or read one line at a time.)
 *
 * <p>Instances are stateless and thread-safe once registered.
 */
public final class CoreJsonModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** Creates the module; register it on an {@code ObjectMapper}. */
    public CoreJsonModule() {
        super("omniretail-core", Version.unknownVersion());
        both(Money.class, CoreCodecs::readMoney, CoreCodecs::writeMoney);
        both(BasisPoints.class, CoreCodecs::readBasisPoints, (bp, g) -> g.writeNumber(bp.value()));
        both(GeoPoint.class, CoreCodecs::readGeoPoint, CoreCodecs::writeGeoPoint);
        both(Channel.class, CoreCodecs::readChannel, CoreCodecs::writeChannel);
        both(FulfillmentNode.class, CoreCodecs::readNode, CoreCodecs::writeNode);
        both(OrderLine.class, CoreCodecs::readLine, CoreCodecs::writeLine);
        both(Order.class, CoreCodecs::readOrder, CoreCodecs::writeOrder);

        addSerializer(Identifier.class, new WriterSerializer<>(Identifier.class, (id, g) -> g.writeString(id.value())));
        read(Sku.class, CoreCodecs::readSku);
        read(NodeId.class, CoreCodecs::readNodeId);
        read(MemberId.class, CoreCodecs::readMemberId);
        read(OrderId.class, CoreCodecs::readOrderId);
        read(ChannelId.class, CoreCodecs::readChannelId);

        read(ChannelKind.class, v -> v.enumValue(ChannelKind.class));
        read(NodeType.class, v -> v.enumValue(NodeType.class));
        read(NodeCapability.class, v -> v.enumValue(NodeCapability.class));

        addSerializer(DeliveryMethod.class, new WriterSerializer<>(DeliveryMethod.class, CoreCodecs::writeDelivery));
        read(DeliveryMethod.class, CoreCodecs::readDelivery);
        read(DeliveryMethod.Ship.class, v -> CoreCodecs.readDelivery(v, DeliveryMethod.Ship.class));
        read(DeliveryMethod.Pickup.class, v -> CoreCodecs.readDelivery(v, DeliveryMethod.Pickup.class));
        read(DeliveryMethod.SameDay.class, v -> CoreCodecs.readDelivery(v, DeliveryMethod.SameDay.class));
    }

    private <T> void both(Class<T> type, Function<JsonTree, T> reader, Writer<T> writer) {
        read(type, reader);
        addSerializer(type, new WriterSerializer<>(type, writer));
    }

    private <T> void read(Class<T> type, Function<JsonTree, T> reader) {
        addDeserializer(type, new TreeDeserializer<>(type, reader));
    }

    @FunctionalInterface
    interface Writer<T> {
        void write(T value, JsonGenerator generator) throws IOException;
    }

    static final class WriterSerializer<T> extends StdSerializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient Writer<T> writer;

        WriterSerializer(Class<T> type, Writer<T> writer) {
            super(type);
            this.writer = writer;
        }

        @Override
        public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            writer.write(value, generator);
        }
    }
}
