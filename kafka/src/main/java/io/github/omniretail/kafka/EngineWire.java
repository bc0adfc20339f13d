package io.github.omniretail.kafka;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.UnknownSkuException;
import io.github.omniretail.core.json.CoreJsonModule;
import io.github.omniretail.inventory.ExpectedReceipt;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.IllegalHoldStateException;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.InventorySnapshot;
import io.github.omniretail.inventory.PoolId;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.inventory.SafetyStockPolicy;
import io.github.omniretail.inventory.Transfer;
import io.github.omniretail.inventory.TransferId;
import io.github.omniretail.inventory.UnknownHoldException;
import io.github.omniretail.inventory.UnknownNodeException;
import io.github.omniretail.inventory.UnknownPoolException;
import io.github.omniretail.inventory.UnknownTransferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The wire form of engine calls: a call is its method's signature and its arguments as JSON, typed by the method's
 * declared parameter types; a result is typed by the declared return type; a failure keeps its type and fields, so
 * a caller catches exactly the exception the owner's engine threw. Every abstract method of the engine interface
 * ({@link InventoryEngine}, {@link io.github.omniretail.loyalty.PointsLedger}) has a form; default methods run on
 * the caller over these. Immutable; thread-safe.
 */
final class EngineWire {

    static final ObjectMapper JSON = mapper();

    /** Every abstract engine method, by {@link #signature}. */
    private final Map<String, Method> methods;

    private EngineWire(Class<?> api) {
        this.methods = java.util.Collections.unmodifiableMap(Arrays.stream(api.getMethods())
                .filter(m -> Modifier.isAbstract(m.getModifiers()))
                .collect(Collectors.toMap(EngineWire::signature, Function.identity(), (a, b) -> a, TreeMap::new)));
    }

    /**
     * @param api an engine interface
     * @return its calls' wire form
     */
    static EngineWire of(Class<?> api) {
        return new EngineWire(api);
    }

    /** {@code name(Type,Type)} with simple type names: unique among the engine's methods. */
    static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    Method method(String signature) {
        Method m = methods.get(signature);
        if (m == null) {
            throw new IllegalArgumentException("no engine method '" + signature + "'");
        }
        return m;
    }

    static ArrayNode args(Method m, Object[] args) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        Type[] types = m.getGenericParameterTypes();
        for (int i = 0; i < types.length; i++) {
            out.add(args[i] == null ? JsonNodeFactory.instance.nullNode() : tree(types[i], args[i]));
        }
        return out;
    }

    static Object[] args(Method m, JsonNode args) {
        Type[] types = m.getGenericParameterTypes();
        if (!args.isArray() || args.size() != types.length) {
            throw new IllegalArgumentException(signature(m) + " takes " + types.length + " arguments, got " + args);
        }
        Object[] out = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            out[i] = read(args.get(i), JSON.getTypeFactory().constructType(types[i]));
        }
        return out;
    }

    static JsonNode result(Method m, Object result) {
        if (m.getReturnType() == void.class || result == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        return tree(m.getGenericReturnType(), result);
    }

    /** The value's JSON as its declared type writes it (so a list's element type is the declared one). */
    private static JsonNode tree(Type type, Object value) {
        try {
            com.fasterxml.jackson.databind.util.TokenBuffer buffer = new com.fasterxml.jackson.databind.util.TokenBuffer(
                    JSON, false);
            JSON.writerFor(JSON.getTypeFactory().constructType(type)).writeValue(buffer, value);
            try (JsonParser parser = buffer.asParser()) {
                return JSON.readTree(parser);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no JSON form for " + value, e);
        }
    }

    static Object result(Method m, JsonNode result) {
        if (m.getReturnType() == void.class) {
            return null;
        }
        return read(result, JSON.getTypeFactory().constructType(m.getGenericReturnType()));
    }

    private static Object read(JsonNode n, JavaType type) {
        if (n == null || n.isNull()) {
            return type.getRawClass() == Optional.class ? Optional.empty() : null; // an empty optional is written null
        }
        try {
            return JSON.treeToValue(n, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not a " + type + ": " + n, e);
        }
    }

    // ---- failures

    /** The failure's type and fields; an exception the engine does not throw travels as an illegal state. */
    static ObjectNode failure(RuntimeException e) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("message", String.valueOf(e.getMessage()));
        if (e instanceof InsufficientStockException x) {
            o.put("type", "insufficientStock").put("sku", x.sku().value()).put("channel", x.channel().value())
                    .put("requested", x.requested()).put("available", x.available());
            x.node().ifPresent(n -> o.put("node", n.value()));
            x.pool().ifPresent(p -> o.put("pool", p.value()));
        } else if (e instanceof IllegalHoldStateException x) {
            o.put("type", "illegalHoldState").put("hold", x.hold().value()).put("status", x.status().name())
                    .put("operation", x.operation());
        } else if (e instanceof UnknownHoldException x) {
            o.put("type", "unknownHold").put("hold", x.hold().value());
        } else if (e instanceof UnknownTransferException x) {
            o.put("type", "unknownTransfer").put("transfer", x.transfer().value());
        } else if (e instanceof UnknownSkuException x) {
            o.put("type", "unknownSku").put("sku", x.sku().value());
        } else if (e instanceof UnknownNodeException x) {
            o.put("type", "unknownNode").put("node", x.node().value());
        } else if (e instanceof UnknownPoolException x) {
            o.put("type", "unknownPool").put("pool", x.pool().value());
        } else if (e instanceof io.github.omniretail.loyalty.InsufficientPointsException x) {
            o.put("type", "insufficientPoints").put("member", x.member().value()).put("requested", x.requested())
                    .put("available", x.available());
        } else if (e instanceof io.github.omniretail.loyalty.UnknownMemberException x) {
            o.put("type", "unknownMember").put("member", x.member().value());
        } else if (e instanceof io.github.omniretail.loyalty.LedgerStateException) {
            o.put("type", "ledgerState");
        } else if (e instanceof io.github.omniretail.core.CurrencyMismatchException x) {
            o.put("type", "currencyMismatch").put("expected", x.expected().getCurrencyCode())
                    .put("actual", x.actual().getCurrencyCode());
        } else if (e instanceof IdempotencyConflictException x) {
            o.put("type", "idempotencyConflict").put("key", x.key().value());
            x.original().ifPresent(v -> o.put("original", String.valueOf(v)));
            x.attempted().ifPresent(v -> o.put("attempted", String.valueOf(v)));
        } else if (e instanceof ArithmeticException) {
            o.put("type", "arithmetic");
        } else if (e instanceof IllegalArgumentException) {
            o.put("type", "illegalArgument");
        } else if (e instanceof NullPointerException) {
            o.put("type", "nullPointer");
        } else if (e instanceof UnsupportedOperationException) {
            o.put("type", "unsupported");
        } else {
            o.put("type", "illegalState").put("message", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return o;
    }

    static RuntimeException failure(JsonNode o) {
        String message = o.path("message").asText();
        return switch (o.path("type").asText()) {
            case "insufficientStock" -> new InsufficientStockException(Sku.of(o.get("sku").asText()),
                    Optional.ofNullable(o.get("node")).map(n -> NodeId.of(n.asText())),
                    Optional.ofNullable(o.get("pool")).map(p -> PoolId.of(p.asText())),
                    ChannelId.of(o.get("channel").asText()), o.get("requested").asLong(), o.get("available").asLong());
            case "illegalHoldState" -> illegalHoldState(o, message);
            case "unknownHold" -> new UnknownHoldException(HoldId.of(o.get("hold").asLong()));
            case "unknownTransfer" -> new UnknownTransferException(new TransferId(o.get("transfer").asLong()));
            case "unknownSku" -> new UnknownSkuException(Sku.of(o.get("sku").asText()),
                    "register it first or build the engine with autoRegister(true)");
            case "unknownNode" -> new UnknownNodeException(NodeId.of(o.get("node").asText()));
            case "unknownPool" -> new UnknownPoolException(PoolId.of(o.get("pool").asText()));
            case "idempotencyConflict" -> o.has("original") && o.has("attempted")
                    ? new IdempotencyConflictException(IdempotencyKey.of(o.get("key").asText()),
                            (Object) o.get("original").asText(), (Object) o.get("attempted").asText())
                    : new IdempotencyConflictException(IdempotencyKey.of(o.get("key").asText()),
                            message.replaceFirst("^key '[^']*': ", ""));
            case "arithmetic" -> new ArithmeticException(message);
            case "insufficientPoints" -> new io.github.omniretail.loyalty.InsufficientPointsException(
                    io.github.omniretail.core.MemberId.of(o.get("member").asText()), o.get("requested").asLong(),
                    o.get("available").asLong());
            case "unknownMember" -> new io.github.omniretail.loyalty.UnknownMemberException(
                    io.github.omniretail.core.MemberId.of(o.get("member").asText()));
            case "ledgerState" -> new io.github.omniretail.loyalty.LedgerStateException(message);
            case "currencyMismatch" -> new io.github.omniretail.core.CurrencyMismatchException(
                    java.util.Currency.getInstance(o.get("expected").asText()),
                    java.util.Currency.getInstance(o.get("actual").asText()));
            case "illegalArgument" -> new IllegalArgumentException(message);
            case "nullPointer" -> new NullPointerException(message);
            case "unsupported" -> new UnsupportedOperationException(message);
            default -> new IllegalStateException(message);
        };
    }

    private static IllegalHoldStateException illegalHoldState(JsonNode o, String message) {
        HoldId hold = HoldId.of(o.get("hold").asLong());
        HoldStatus status = HoldStatus.valueOf(o.get("status").asText());
        String operation = o.get("operation").asText();
        String prefix = new IllegalHoldStateException(hold, status, operation, "").getMessage();
        String detail = message.startsWith(prefix + ": ") ? message.substring(prefix.length() + 2) : "";
        return new IllegalHoldStateException(hold, status, operation, detail);
    }

    // ---- the mapper

    /** {@link SafetyStockPolicy}'s two forms, by a fixed name. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = SafetyStockPolicy.Fixed.class, name = "fixed"),
            @JsonSubTypes.Type(value = SafetyStockPolicy.DaysOfCover.class, name = "daysOfCover")})
    private interface PolicyMixin {
    }

    private static ObjectMapper mapper() {
        SimpleModule m = new SimpleModule("omniretail-kafka-wire");
        text(m, PoolId.class, PoolId::value, PoolId::of);
        number(m, HoldId.class, HoldId::value, HoldId::of);
        number(m, TransferId.class, TransferId::value, TransferId::new);
        key(m, Sku.class, Sku::of);
        key(m, NodeId.class, NodeId::of);
        key(m, ChannelId.class, ChannelId::of);
        key(m, PoolId.class, PoolId::of);
        key(m, io.github.omniretail.core.MemberId.class, io.github.omniretail.core.MemberId::of);
        key(m, io.github.omniretail.core.OrderId.class, io.github.omniretail.core.OrderId::of);
        key(m, IdempotencyKey.class, IdempotencyKey::of);
        text(m, IdempotencyKey.class, IdempotencyKey::value, IdempotencyKey::of);
        // A hold line's kit() (its components) and isKit() (derived) would collide: write the components only.
        m.addSerializer(io.github.omniretail.inventory.HoldLineState.class, new StdSerializer<>(
                io.github.omniretail.inventory.HoldLineState.class) {
            @Override
            public void serialize(io.github.omniretail.inventory.HoldLineState v, JsonGenerator g,
                    SerializerProvider p) throws IOException {
                g.writeStartObject();
                for (java.lang.reflect.RecordComponent c : v.getClass().getRecordComponents()) {
                    g.writeFieldName(c.getName());
                    try {
                        p.defaultSerializeValue(c.getAccessor().invoke(v), g);
                    } catch (ReflectiveOperationException e) {
                        throw new IOException("cannot read " + c.getName() + " of a hold line", e);
                    }
                }
                g.writeEndObject();
            }
        });
        m.addSerializer(InventorySnapshot.IdempotencyEntry.class, new StdSerializer<>(
                InventorySnapshot.IdempotencyEntry.class) {
            @Override
            public void serialize(InventorySnapshot.IdempotencyEntry e, JsonGenerator g, SerializerProvider p)
                    throws IOException {
                g.writeTree(entry(e));
            }
        });
        m.addDeserializer(InventorySnapshot.IdempotencyEntry.class, new StdDeserializer<>(
                InventorySnapshot.IdempotencyEntry.class) {
            @Override
            public InventorySnapshot.IdempotencyEntry deserialize(JsonParser p, DeserializationContext c)
                    throws IOException {
                return entry((JsonNode) p.readValueAsTree());
            }
        });
        return JsonMapper.builder()
                .addModule(new CoreJsonModule())
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addModule(m)
                .addMixIn(SafetyStockPolicy.class, PolicyMixin.class)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** A remembered outcome, typed: a hold, position, transfer, receipt(s), or a failure. */
    private static ObjectNode entry(InventorySnapshot.IdempotencyEntry e) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("key", e.key()).put("request", String.valueOf(e.request())).put("recordedAt", e.recordedAt().toString());
        Object v = e.outcome();
        String type = v instanceof Hold ? "hold" : v instanceof Position ? "position" : v instanceof Transfer
                ? "transfer" : v instanceof ExpectedReceipt ? "receipt" : v instanceof List ? "receipts"
                : v instanceof RuntimeException ? "failure" : null;
        if (type == null) {
            throw new IllegalArgumentException("no wire form for the remembered outcome " + v);
        }
        o.put("type", type);
        o.set("outcome", v instanceof RuntimeException x ? failure(x) : JSON.valueToTree(v));
        return o;
    }

    private static InventorySnapshot.IdempotencyEntry entry(JsonNode o) {
        JsonNode v = o.get("outcome");
        Object outcome = switch (o.get("type").asText()) {
            case "hold" -> read(v, JSON.constructType(Hold.class));
            case "position" -> read(v, JSON.constructType(Position.class));
            case "transfer" -> read(v, JSON.constructType(Transfer.class));
            case "receipt" -> read(v, JSON.constructType(ExpectedReceipt.class));
            case "receipts" -> read(v, JSON.getTypeFactory().constructCollectionType(List.class,
                    ExpectedReceipt.class));
            default -> failure(v);
        };
        return new InventorySnapshot.IdempotencyEntry(o.get("key").asText(), o.get("request").asText(), outcome,
                Instant.parse(o.get("recordedAt").asText()));
    }

    private static <T> void text(SimpleModule m, Class<T> type, Function<T, String> value, Function<String, T> of) {
        m.addSerializer(type, new StdSerializer<>(type) {
            @Override
            public void serialize(T v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(value.apply(v));
            }
        });
        m.addDeserializer(type, new StdDeserializer<>(type) {
            @Override
            public T deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return of.apply(p.getValueAsString());
            }
        });
    }

    private static <T> void number(SimpleModule m, Class<T> type, java.util.function.ToLongFunction<T> value,
            java.util.function.LongFunction<T> of) {
        m.addSerializer(type, new StdSerializer<>(type) {
            @Override
            public void serialize(T v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeNumber(value.applyAsLong(v));
            }
        });
        m.addDeserializer(type, new StdDeserializer<>(type) {
            @Override
            public T deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return of.apply(p.getValueAsLong());
            }
        });
    }

    private static <T> void key(SimpleModule m, Class<T> type, Function<String, T> of) {
        m.addKeyDeserializer(type, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext c) {
                return of.apply(key);
            }
        });
    }
}
