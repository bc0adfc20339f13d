package io.github.omniretail.loyalty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.json.CoreJsonModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON forms a stored ledger writes (entries, failures, events, amounts): what {@link
 * io.github.omniretail.loyalty.spi.LedgerStorage} rows carry as strings. Stateless; thread-safe.
 */
final class LedgerCodec {

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new CoreJsonModule())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private LedgerCodec() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored ledger JSON is not in the form this version writes", e);
        }
    }

    static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored ledger JSON is not a " + type.getSimpleName(), e);
        }
    }

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    static String entry(LedgerEntry e) {
        return entryNode(e).toString();
    }

    static ObjectNode entryNode(LedgerEntry e) {
        ObjectNode o = object();
        o.put("id", e.id().value());
        o.put("type", e.type().name());
        o.put("member", e.member().value());
        o.put("at", e.at().toString());
        ArrayNode postings = o.putArray("postings");
        for (Posting p : e.postings()) {
            ObjectNode po = postings.addObject();
            po.put("account", p.account().name());
            p.member().ifPresent(m -> po.put("member", m.value()));
            po.put("points", p.points());
        }
        e.reference().ifPresent(r -> o.put("reference", r));
        e.reverses().ifPresent(r -> o.put("reverses", r.value()));
        return o;
    }

    static LedgerEntry entry(JsonNode o) {
        List<Posting> postings = new ArrayList<>();
        for (JsonNode p : o.get("postings")) {
            postings.add(new Posting(AccountKind.valueOf(p.get("account").asText()),
                    Optional.ofNullable(p.get("member")).map(m -> MemberId.of(m.asText())), p.get("points").asLong()));
        }
        return new LedgerEntry(IdempotencyKey.of(o.get("id").asText()), entryType(o.get("type").asText()),
                MemberId.of(o.get("member").asText()), Instant.parse(o.get("at").asText()), postings,
                Optional.ofNullable(o.get("reference")).map(JsonNode::asText),
                Optional.ofNullable(o.get("reverses")).map(r -> IdempotencyKey.of(r.asText())));
    }

    /** A failure as JSON, or null for an exception that is not an outcome of the request. */
    static String failure(RuntimeException e) {
        ObjectNode o = object();
        o.put("message", String.valueOf(e.getMessage()));
        if (e instanceof InsufficientPointsException x) {
            o.put("type", "insufficientPoints");
            o.put("member", x.member().value());
            o.put("requested", x.requested());
            o.put("available", x.available());
        } else if (e instanceof UnknownMemberException x) {
            o.put("type", "unknownMember");
            o.put("member", x.member().value());
        } else if (e instanceof LedgerStateException) {
            o.put("type", "state");
        } else if (e instanceof IllegalArgumentException) {
            o.put("type", "illegalArgument");
        } else if (e instanceof IllegalStateException) {
            o.put("type", "illegalState");
        } else {
            return null;
        }
        return o.toString();
    }

    static RuntimeException failure(JsonNode o) {
        String message = o.get("message").asText();
        return switch (o.get("type").asText()) {
            case "insufficientPoints" -> new InsufficientPointsException(MemberId.of(o.get("member").asText()),
                    o.get("requested").asLong(), o.get("available").asLong());
            case "unknownMember" -> new UnknownMemberException(MemberId.of(o.get("member").asText()));
            case "state" -> new LedgerStateException(message);
            case "illegalArgument" -> new IllegalArgumentException(message);
            default -> new IllegalStateException(message);
        };
    }

    static IdempotencyConflictException conflict(IdempotencyKey id, String original, String attempted) {
        return new IdempotencyConflictException(id, original, attempted);
    }

    static String money(Money money) {
        try {
            return MAPPER.writeValueAsString(money);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Money money(String json) {
        return read(parse(json), Money.class);
    }

    static String event(PointsEvent event) {
        ObjectNode o = object();
        o.put("occurredAt", event.occurredAt().toString());
        if (event instanceof PointsEvent.EntryWritten w) {
            o.set("entry", entryNode(w.entry()));
        } else if (event instanceof PointsEvent.TierChanged t) {
            o.put("member", t.member().value());
            o.put("from", t.from());
            o.put("to", t.to());
        }
        return o.toString();
    }

    static PointsEvent event(String type, String json) {
        JsonNode o = parse(json);
        Instant at = Instant.parse(o.get("occurredAt").asText());
        if (type.equals("loyalty.tier.changed")) {
            return new PointsEvent.TierChanged(at, MemberId.of(o.get("member").asText()), o.get("from").asText(),
                    o.get("to").asText());
        }
        return new PointsEvent.EntryWritten(at, entry(o.get("entry")));
    }

    /** An entry type by name; {@code POST}, the redemption entry's name in stored logs before 0.1, is {@code REDEEM}. */
    static EntryType entryType(String name) {
        return "POST".equals(name) ? EntryType.REDEEM : EntryType.valueOf(name);
    }
}
