package io.github.omniretail.checkout.spi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.json.CoreJsonModule;
import io.github.omniretail.routing.RoutingPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON form of a {@link PlacedOrder}, for stores that keep orders in a database: every record component as a
 * field, money as decimal strings, instants as ISO-8601, absent optionals as {@code null}. Reading rebuilds the
 * same order ({@code equals} to the one written) through each record's validating constructor, and refuses unknown
 * fields.
 *
 * <p>A {@link RoutingPolicy} holds code (its strategy), so an order's own policy is written by name and read back
 * from the policies this codec knows: the three built-in ones, plus those given to {@link #of(Collection)}. An
 * order naming a policy the codec does not know cannot be read ({@link IllegalStateException} naming it): give the
 * store the same policies the checkout's callers use.
 *
 * <p>The document carries a format number ({@code "format":1}); a later format will read this one. Fields added
 * since format 1 was first written read as their defaults when absent: a request's {@code atCounter} as
 * {@code false} and its {@code presaleBy} as empty, a quote's {@code deposit} as empty, a return's {@code disposition} as {@code SELLABLE}.
 *
 * <p>Immutable and thread-safe.
 */
public final class PlacedOrderCodec {

    /** The format this codec writes. */
    public static final int FORMAT = 1;

    private final ObjectMapper mapper;
    private final Map<String, RoutingPolicy> policies;

    private PlacedOrderCodec(Map<String, RoutingPolicy> policies) {
        this.policies = policies;
        SimpleModule module = new SimpleModule("omniretail-checkout-store");
        module.addSerializer(RoutingPolicy.class, new StdSerializer<>(RoutingPolicy.class) {
            @Override
            public void serialize(RoutingPolicy policy, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(policy.name());
            }
        });
        module.addDeserializer(RoutingPolicy.class, new StdDeserializer<>(RoutingPolicy.class) {
            @Override
            public RoutingPolicy deserialize(JsonParser p, DeserializationContext c) throws IOException {
                String name = p.getValueAsString();
                RoutingPolicy policy = policies.get(name);
                if (policy == null) {
                    throw new IllegalStateException("the stored order names routing policy '" + name
                            + "', which this store was not given (it knows " + policies.keySet() + ")");
                }
                return policy;
            }
        });
        module.addKeyDeserializer(Sku.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext c) {
                return Sku.of(key);
            }
        });
        this.mapper = JsonMapper.builder()
                .addModule(new CoreJsonModule())
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addModule(module)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.OVERRIDE_PUBLIC_ACCESS_MODIFIERS)
                .build();
    }

    /** @return a codec that knows the built-in routing policies */
    public static PlacedOrderCodec standard() {
        return of(List.of());
    }

    /**
     * @param policies non-null routing policies orders may name besides the built-in ones; a name given twice keeps
     *     the last
     * @return the codec
     */
    public static PlacedOrderCodec of(Collection<RoutingPolicy> policies) {
        Map<String, RoutingPolicy> byName = new LinkedHashMap<>();
        for (RoutingPolicy p : List.of(RoutingPolicy.nearestWithStock(), RoutingPolicy.priorityThenDistance(),
                RoutingPolicy.costOptimal())) {
            byName.put(p.name(), p);
        }
        for (RoutingPolicy p : Objects.requireNonNull(policies, "policies")) {
            byName.put(p.name(), p);
        }
        return new PlacedOrderCodec(Map.copyOf(byName));
    }

    /**
     * @param order non-null
     * @return its JSON text
     * @throws IllegalArgumentException if the order's routing policy is not one this codec knows by its name (a
     *     variant of a known policy needs a name of its own: {@link RoutingPolicy#withName})
     */
    public String write(PlacedOrder order) {
        order.request().policy().ifPresent(p -> {
            if (!p.equals(policies.get(p.name()))) {
                throw new IllegalArgumentException("routing policy '" + p.name() + "' of order " + order.key()
                        + " is not the one this store knows by that name; give the store the policy (and a variant "
                        + "its own name, RoutingPolicy.withName): it knows " + policies.keySet());
            }
        });
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.set("order", mapper.valueToTree(Objects.requireNonNull(order, "order")));
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param json non-null text {@link #write} produced
     * @return the order
     * @throws IllegalArgumentException if the text is not a stored order of a known format
     * @throws IllegalStateException if it names a routing policy this codec does not know
     */
    public PlacedOrder read(String json) {
        JsonNode root;
        try {
            root = mapper.readTree(Objects.requireNonNull(json, "json"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored order: " + e.getOriginalMessage(), e);
        }
        int format = root.path("format").asInt(-1);
        if (format != FORMAT || !root.path("order").isObject()) {
            throw new IllegalArgumentException("not a stored order of format " + FORMAT + " (format was "
                    + root.path("format") + ")");
        }
        JsonNode request = root.get("order").path("request");
        if (request.isObject() && !request.has("atCounter")) {
            ((ObjectNode) request).put("atCounter", false); // written before sales at the counter existed
        }
        if (request.isObject() && !request.has("presaleBy")) {
            ((ObjectNode) request).putNull("presaleBy"); // written before pre-sales
        }
        for (JsonNode r : root.get("order").path("returns")) {
            if (r.isObject() && !r.has("disposition")) {
                ((ObjectNode) r).put("disposition", "SELLABLE"); // written before returns had dispositions
            }
        }
        try {
            return mapper.treeToValue(root.get("order"), PlacedOrder.class);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof IllegalStateException unknownPolicy) {
                throw unknownPolicy;
            }
            throw new IllegalArgumentException("not a stored order: " + e.getOriginalMessage(), e);
        }
    }
}
