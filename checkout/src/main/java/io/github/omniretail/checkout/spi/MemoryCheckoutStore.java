package io.github.omniretail.checkout.spi;

import io.github.omniretail.checkout.OrderStatus;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The in-memory {@link CheckoutStore}: one lock; unpaid orders indexed by expiry. */
final class MemoryCheckoutStore implements CheckoutStore {

    private record Due(Instant at, IdempotencyKey key) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    private final Map<IdempotencyKey, PlacedOrder> orders = new HashMap<>();
    private final TreeSet<Due> unpaid = new TreeSet<>();
    private final Set<MemberId> paid = new HashSet<>();

    @Override
    public synchronized Optional<PlacedOrder> find(IdempotencyKey key) {
        return Optional.ofNullable(orders.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public synchronized boolean save(PlacedOrder order) {
        PlacedOrder before = orders.get(order.key());
        long stored = before == null ? 0 : before.version();
        if (stored != order.version() - 1) {
            return false;
        }
        orders.put(order.key(), order);
        if (before != null) {
            unpaid.remove(new Due(before.expiresAt(), before.key())); // a paid deposit moves the due date
        }
        Due due = new Due(order.expiresAt(), order.key());
        if (order.status() == OrderStatus.PLACING || order.status() == OrderStatus.PLACED) {
            unpaid.add(due);
        } else {
            unpaid.remove(due);
        }
        if (order.status() == OrderStatus.CONFIRMED || order.status() == OrderStatus.FULFILLED) {
            order.request().member().ifPresent(paid::add);
        }
        return true;
    }

    @Override
    public synchronized List<IdempotencyKey> unpaidBy(Instant instant, int limit) {
        List<IdempotencyKey> out = new ArrayList<>();
        for (Due d : unpaid) {
            if (d.at.isAfter(instant) || out.size() == limit) {
                break;
            }
            out.add(d.key);
        }
        return out;
    }

    @Override
    public synchronized boolean hasPaidOrder(MemberId member) {
        return paid.contains(member);
    }
}
