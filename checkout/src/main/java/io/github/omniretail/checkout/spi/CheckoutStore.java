package io.github.omniretail.checkout.spi;

import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the checkout keeps its orders. Each change of an order is saved before the next engine call, so a crashed
 * journey resumes from its last saved step. Implementations must be thread-safe and make {@link #save} a
 * compare-and-set on the version. {@link #inMemory()} is the default.
 */
public interface CheckoutStore {

    /**
     * @param key non-null order key
     * @return the order's latest version, if any
     */
    Optional<PlacedOrder> find(IdempotencyKey key);

    /**
     * Saves a new version of an order: stored only if the stored version is {@code order.version() - 1} (or
     * nothing is stored and {@code order.version() == 1}).
     *
     * @param order non-null new version
     * @return false, storing nothing, when another version was saved meanwhile
     */
    boolean save(PlacedOrder order);

    /**
     * Orders still unpaid ({@code PLACING} or {@code PLACED}) that expire at or before {@code instant}, soonest first.
     *
     * @param instant non-null
     * @param limit most keys returned, {@code > 0}
     * @return their keys
     */
    List<IdempotencyKey> unpaidBy(Instant instant, int limit);

    /**
     * @param member non-null
     * @return whether the member has an order that was paid ({@code CONFIRMED} or {@code FULFILLED}, even if
     *     returned since) — first-order promotions then no longer apply
     */
    boolean hasPaidOrder(MemberId member);

    /** @return a new, empty, thread-safe in-memory store */
    static CheckoutStore inMemory() {
        return new MemoryCheckoutStore();
    }
}
