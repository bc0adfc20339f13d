package io.github.omniretail.kafka;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldLineState;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.IllegalHoldStateException;
import io.github.omniretail.inventory.InventoryEngine;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Holds whose lines live on several partitions: a tentative hold per partition, then all confirmed or all released.
 *
 * <p><b>Placing.</b> The lines are split by partition, keeping their order. The parts on all partitions but the
 * lowest are held first (key {@code <key>#p<partition>}); if any is refused, the held ones are released and the
 * refusal is thrown, so nothing stays held. Then the lowest partition's part — the primary — is held with a
 * reference that lists the other parts and each line's partition. The order's id is the primary's with
 * {@link #SPLIT} set, so any instance can find every part. A retry with the same key replays every step.
 *
 * <p><b>Confirming</b> never confirms part of an order: first every part's time to live is extended by the confirm
 * window (which fails if a part has expired or was released — then every part still held is released and the
 * failure is thrown), then every part is confirmed, the primary last. The window covers the confirms; a caller that
 * dies between the two steps completes the order by retrying with the same key within the window.
 *
 * <p><b>Timeout.</b> Parts are ordinary holds with the order's time to live: an order never confirmed expires on every
 * partition. Near the last unit, an order can be refused although it would fit, when a concurrent order holds a
 * unit of one part for a moment before it is released: {@link #falseRefusals()} counts refusals after which a part
 * was released, an upper bound on those. Thread-safe.
 */
final class SplitHolds {
    /** Set in the id of an order held across partitions. */
    static final long SPLIT = 1L << 62;
    private static final String MARK = "omniretail.split;";
    private static final Duration CONFIRM_WINDOW = Duration.ofMinutes(2);
    private static final Method FIND = method("hold", HoldId.class);
    private static final Method EXTEND = method("extend", IdempotencyKey.class, HoldId.class, Duration.class);
    private static final Method RELEASE_ALL = method("releaseAll", IdempotencyKey.class, HoldId.class);

    private final RemoteInventory remote;
    private final java.util.concurrent.atomic.LongAdder falseRefusals = new java.util.concurrent.atomic.LongAdder();

    SplitHolds(RemoteInventory remote) {
        this.remote = remote;
    }

    static boolean isSplit(HoldId id) {
        return (id.value() & SPLIT) != 0;
    }

    /** @return refusals of orders across partitions after which a part already held was released */
    long falseRefusals() {
        return falseRefusals.sum();
    }

    /** One partition's part: its partition, and the order's line numbers it holds, in order. */
    private record Part(int partition, List<Integer> lines) {
    }

    Hold hold(HoldRequest request, Method hold) {
        Map<Integer, Part> parts = new TreeMap<>();
        List<Integer> partitionOfLine = new ArrayList<>();
        for (int i = 0; i < request.lines().size(); i++) {
            int p = remote.partitionOf(request.lines().get(i).sku());
            parts.computeIfAbsent(p, k -> new Part(k, new ArrayList<>())).lines().add(i);
            partitionOfLine.add(p);
        }
        int primary = parts.keySet().iterator().next();
        Map<Integer, Hold> held = new LinkedHashMap<>();
        RuntimeException refused = null;
        int refusedAt = Integer.MAX_VALUE;
        for (Part part : parts.values()) {
            if (part.partition() == primary) {
                continue;
            }
            try {
                held.put(part.partition(), (Hold) remote.call(part.partition(), hold,
                        new Object[] {partRequest(request, part, request.reference())}));
            } catch (RuntimeException e) {
                if (part.lines().get(0) < refusedAt) {
                    refused = e;
                    refusedAt = part.lines().get(0);
                }
            }
        }
        if (refused == null) {
            StringBuilder ref = new StringBuilder(MARK);
            held.forEach((p, h) -> ref.append(p).append(':').append(h.id().value()).append(','));
            ref.append(";lines:");
            partitionOfLine.forEach(p -> ref.append(p).append(','));
            ref.append(";ref:").append(request.reference().orElse(""));
            try {
                held.put(primary, (Hold) remote.call(primary, hold, new Object[] {partRequest(request,
                        parts.get(primary), Optional.of(ref.toString()))}));
                return merge(held, partitionOfLine, request.reference(), primary);
            } catch (RuntimeException e) {
                refused = e;
            }
        }
        if (!held.isEmpty()) {
            falseRefusals.increment();
        }
        for (Map.Entry<Integer, Hold> h : held.entrySet()) {
            release(h.getKey(), h.getValue().id(), request.idempotencyKey().value() + "#release");
        }
        throw refused;
    }

    private static HoldRequest partRequest(HoldRequest request, Part part, Optional<String> reference) {
        List<HoldLine> lines = new ArrayList<>();
        part.lines().forEach(i -> lines.add(request.lines().get(i)));
        return new HoldRequest(IdempotencyKey.of(request.idempotencyKey().value() + "#p" + part.partition()),
                request.channel(), request.ttl(), lines, reference, request.presale());
    }

    private void release(int partition, HoldId id, String key) {
        try {
            remote.call(partition, RELEASE_ALL,
                    new Object[] {IdempotencyKey.of(key + "#p" + partition), id});
        } catch (IllegalHoldStateException e) {
            // already final: nothing is held
        }
    }

    /** The order as one hold: its id, its lines in order, the least advanced status, the earliest expiry. */
    private static Hold merge(Map<Integer, Hold> parts, List<Integer> partitionOfLine, Optional<String> reference,
            int primary) {
        Map<Integer, Integer> next = new TreeMap<>();
        List<HoldLineState> lines = new ArrayList<>();
        for (int p : partitionOfLine) {
            int i = next.merge(p, 1, Integer::sum) - 1;
            lines.add(parts.get(p).lines().get(i));
        }
        Hold first = parts.get(primary);
        Instant expires = first.expiresAt();
        boolean same = true;
        boolean anyHeld = false;
        for (Hold h : parts.values()) {
            same &= h.status() == first.status();
            anyHeld |= h.status() == HoldStatus.HELD;
            expires = h.expiresAt().isBefore(expires) ? h.expiresAt() : expires;
        }
        // parts differ only mid-way through a confirm or release: the order is then still held
        HoldStatus status = same || !anyHeld ? first.status() : HoldStatus.HELD;
        return new Hold(HoldId.of(first.id().value() | SPLIT), first.channel(), status, first.createdAt(), expires,
                lines, reference);
    }

    /** A call naming an order held across partitions. */
    Object call(Method method, Object[] args, HoldId id) {
        HoldId primaryId = HoldId.of(id.value() & ~SPLIT);
        int primary = PartitionInventoryStorage.partitionOf(primaryId.value());
        Method find = FIND;
        @SuppressWarnings("unchecked")
        Optional<Hold> found = (Optional<Hold>) remote.call(primary, find, new Object[] {primaryId});
        if (method.getName().equals("hold")) {
            return found.map(h -> load(h, primary, find));
        }
        Hold primaryHold = found.orElseThrow(() -> new io.github.omniretail.inventory.UnknownHoldException(id));
        Layout layout = Layout.of(primaryHold, primary);
        String key = ((IdempotencyKey) args[0]).value();
        switch (method.getName()) {
            case "confirm" -> {
                Method extend = EXTEND;
                try {
                    for (Map.Entry<Integer, HoldId> part : layout.parts().entrySet()) {
                        remote.call(part.getKey(), extend, new Object[] {IdempotencyKey.of(key + "#extend#p"
                                + part.getKey()), part.getValue(), CONFIRM_WINDOW});
                    }
                } catch (IllegalHoldStateException e) {
                    if (e.status() != HoldStatus.CONFIRMED) {
                        layout.parts().forEach((p, h) -> release(p, h, key + "#abandon"));
                        throw new IllegalHoldStateException(id, e.status(), "confirm",
                                "a part of this order on another partition is " + e.status()
                                        + "; every part was released");
                    }
                }
                forEachPart(layout, method, key, args);
            }
            case "pin", "fulfil", "release" -> {
                int line = (Integer) args[2];
                if (line < 0 || line >= layout.lines().size()) {
                    throw new IllegalArgumentException("hold " + id + " has no line " + line);
                }
                int p = layout.lines().get(line);
                int inPart = 0;
                for (int i = 0; i < line; i++) {
                    inPart += layout.lines().get(i) == p ? 1 : 0;
                }
                Object[] a = args.clone();
                a[0] = IdempotencyKey.of(key + "#p" + p);
                a[1] = layout.parts().get(p);
                a[2] = inPart;
                remote.call(p, method, a);
            }
            default -> forEachPart(layout, method, key, args); // extend, fulfilAll, releaseAll
        }
        return load(primaryHold, primary, find);
    }

    /** Runs the call on every part, the primary last. */
    private void forEachPart(Layout layout, Method method, String key, Object[] args) {
        List<Map.Entry<Integer, HoldId>> order = new ArrayList<>(layout.parts().entrySet());
        order.sort((a, b) -> Boolean.compare(a.getKey() == layout.primary(), b.getKey() == layout.primary()));
        for (Map.Entry<Integer, HoldId> part : order) {
            Object[] a = args.clone();
            a[0] = IdempotencyKey.of(key + "#p" + part.getKey());
            a[1] = part.getValue();
            remote.call(part.getKey(), method, a);
        }
    }

    private Hold load(Hold primaryHold, int primary, Method find) {
        Layout layout = Layout.of(primaryHold, primary);
        Map<Integer, Hold> parts = new TreeMap<>();
        for (Map.Entry<Integer, HoldId> part : layout.parts().entrySet()) {
            @SuppressWarnings("unchecked")
            Optional<Hold> h = (Optional<Hold>) remote.call(part.getKey(), find, new Object[] {part.getValue()});
            parts.put(part.getKey(), h.orElseThrow(() -> new IllegalStateException("part " + part.getValue()
                    + " of split hold " + primaryHold.id() + " is no longer remembered")));
        }
        return merge(parts, layout.lines(), layout.reference(), primary);
    }

    /** What the primary's reference says: every part's id, each line's partition, the caller's reference. */
    private record Layout(int primary, Map<Integer, HoldId> parts, List<Integer> lines, Optional<String> reference) {
        static Layout of(Hold primaryHold, int primary) {
            String ref = primaryHold.reference().orElse("");
            if (!ref.startsWith(MARK)) {
                throw new IllegalStateException("hold " + primaryHold.id() + " is not the primary of a split hold");
            }
            String[] sections = ref.substring(MARK.length()).split(";", 3);
            Map<Integer, HoldId> parts = new TreeMap<>();
            parts.put(primary, primaryHold.id());
            for (String p : sections[0].split(",")) {
                if (!p.isEmpty()) {
                    String[] kv = p.split(":");
                    parts.put(Integer.parseInt(kv[0]), HoldId.of(Long.parseLong(kv[1])));
                }
            }
            List<Integer> lines = new ArrayList<>();
            for (String l : sections[1].substring("lines:".length()).split(",")) {
                if (!l.isEmpty()) {
                    lines.add(Integer.parseInt(l));
                }
            }
            String user = sections[2].substring("ref:".length());
            return new Layout(primary, parts, lines, user.isEmpty() ? Optional.empty() : Optional.of(user));
        }
    }

    private static Method method(String name, Class<?>... types) {
        try {
            return InventoryEngine.class.getMethod(name, types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
