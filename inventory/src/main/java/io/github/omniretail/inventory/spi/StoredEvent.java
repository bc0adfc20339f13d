package io.github.omniretail.inventory.spi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.json.InvalidJsonException;
import io.github.omniretail.core.json.JsonTree;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.StockEvent;
import io.github.omniretail.inventory.TransferId;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An event as a storage keeps it in its outbox: the type name ({@link StockEvent#type()}), when it happened, and
 * the event's fields as JSON (one field per record component, identifiers as their text or number, instants in ISO
 * form, enums by name, an empty optional text as an absent field). {@link #of} and {@link #event()} convert; the
 * JSON is stable across releases as the type names are.
 *
 * @param type non-null type name, such as {@code inventory.hold.placed}
 * @param occurredAt non-null instant of the change
 * @param body non-null JSON of the event's fields
 */
public record StoredEvent(String type, Instant occurredAt, String body) {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Map<String, Class<? extends StockEvent>> TYPES = new HashMap<>();

    static {
        for (Class<?> c : StockEvent.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            Class<? extends StockEvent> type = (Class<? extends StockEvent>) c;
            TYPES.put(sample(type), type);
        }
    }

    /** Checks for nulls. */
    public StoredEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(body, "body");
    }

    /**
     * The stored form of an event.
     *
     * @param event non-null event
     * @return its stored form
     */
    public static StoredEvent of(StockEvent event) {
        ObjectNode o = F.objectNode();
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            Object v = read(c, event);
            String name = c.getName();
            if (v instanceof Integer i) {
                o.put(name, i);
            } else if (v instanceof Long l) {
                o.put(name, l);
            } else if (v instanceof HoldId h) {
                o.put(name, h.value());
            } else if (v instanceof TransferId t) {
                o.put(name, t.value());
            } else if (v instanceof Sku s) {
                o.put(name, s.value());
            } else if (v instanceof NodeId n) {
                o.put(name, n.value());
            } else if (v instanceof ChannelId ch) {
                o.put(name, ch.value());
            } else if (v instanceof java.util.Optional<?> opt) {
                opt.ifPresent(x -> o.put(name, String.valueOf(x))); // Optional<String|Instant>: absent when empty
            } else if (v instanceof Enum<?> e) {
                o.put(name, e.name());
            } else {
                o.put(name, String.valueOf(v)); // Instant (ISO form) and String
            }
        }
        return new StoredEvent(event.type(), event.occurredAt(), o.toString());
    }

    /**
     * The event again.
     *
     * @return the event this was made from
     * @throws IllegalStateException if the type is unknown or the body does not fit it
     */
    public StockEvent event() {
        Class<? extends StockEvent> c = TYPES.get(type);
        if (c == null) {
            throw new IllegalStateException("unknown stored event type " + type);
        }
        try {
            return JsonTree.read(body, o -> {
                RecordComponent[] components = c.getRecordComponents();
                Object[] args = new Object[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    if (types[i] == java.util.Optional.class) {
                        boolean instant = components[i].getGenericType() instanceof java.lang.reflect.ParameterizedType p
                                && p.getActualTypeArguments()[0] == Instant.class;
                        args[i] = o.optionalField(components[i].getName())
                                .map(instant ? JsonTree::instant : JsonTree::text);
                        continue;
                    }
                    JsonTree v = o.field(components[i].getName());
                    args[i] = value(types[i], v);
                }
                try {
                    Constructor<? extends StockEvent> k = c.getDeclaredConstructor(types);
                    return k.newInstance(args);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot rebuild " + type + ": " + e, e);
                }
            });
        } catch (InvalidJsonException e) {
            throw new IllegalStateException("stored " + type + " event is not in the form this version writes: "
                    + e.getMessage(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(Class<?> type, JsonTree v) {
        if (type.isEnum()) {
            return Enum.valueOf((Class) type, v.text());
        } else if (type == int.class) {
            return v.intValue();
        } else if (type == long.class) {
            return v.longValue();
        } else if (type == Instant.class) {
            return v.instant();
        } else if (type == HoldId.class) {
            return HoldId.of(v.longValue());
        } else if (type == TransferId.class) {
            return new TransferId(v.longValue());
        } else if (type == Sku.class) {
            return Sku.of(v.text());
        } else if (type == NodeId.class) {
            return NodeId.of(v.text());
        } else if (type == ChannelId.class) {
            return ChannelId.of(v.text());
        }
        return v.text();
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The type name of an event class, read from an instance built with placeholder values. */
    private static String sample(Class<? extends StockEvent> c) {
        RecordComponent[] components = c.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            Class<?> t = types[i];
            args[i] = t == int.class ? (Object) 0 : t == long.class ? (Object) 0L : t == Instant.class ? Instant.EPOCH
                    : t == HoldId.class ? HoldId.of(1) : t == TransferId.class ? new TransferId(1)
                    : t == Sku.class ? Sku.of("S") : t == NodeId.class ? NodeId.of("N")
                    : t == ChannelId.class ? ChannelId.of("C") : t == java.util.Optional.class ? java.util.Optional.empty()
                    : t.isEnum() ? t.getEnumConstants()[0] : "x";
        }
        try {
            return c.getDeclaredConstructor(types).newInstance(args).type();
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
