package io.github.omniretail.inventory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A lot (batch) of units received together: its id and, for perishable goods, the instant it expires. Holds take
 * the lot that expires first unless told otherwise; a lot past its expiry is no longer available and its units are
 * written off as waste by {@link InventoryEngine#expireLots()}.
 *
 * @param id non-null lot id: 1 to 64 characters, no control characters (the supplier's batch number, say)
 * @param expiresAt the instant the lot may no longer be sold; empty for goods that do not expire
 */
public record Lot(String id, Optional<Instant> expiresAt) {

    /**
     * Validates the id.
     *
     * @param id non-null lot id: 1 to 64 characters, no control characters
     * @param expiresAt non-null; empty for goods that do not expire
     */
    public Lot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (id.isEmpty() || id.length() > 64 || id.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a lot id is 1 to 64 characters without control characters, was \""
                    + id.replaceAll("\\p{Cntrl}", "?") + "\"");
        }
    }

    /**
     * A lot that expires at an instant.
     *
     * @param id non-null lot id
     * @param expiresAt non-null instant it may no longer be sold
     * @return the lot
     */
    public static Lot expiring(String id, Instant expiresAt) {
        return new Lot(id, Optional.of(Objects.requireNonNull(expiresAt, "expiresAt")));
    }

    /**
     * A lot with a best-before date: it may be sold until the end of that day in the node's zone.
     *
     * @param id non-null lot id
     * @param bestBefore non-null last day it may be sold
     * @param zone non-null zone of the node that sells it
     * @return the lot, expiring at the start of the next day in {@code zone}
     */
    public static Lot bestBefore(String id, LocalDate bestBefore, ZoneId zone) {
        return expiring(id, bestBefore.plusDays(1).atStartOfDay(Objects.requireNonNull(zone, "zone")).toInstant());
    }

    /**
     * A lot of goods that do not expire (tracked for recalls and FIFO).
     *
     * @param id non-null lot id
     * @return the lot
     */
    public static Lot withoutExpiry(String id) {
        return new Lot(id, Optional.empty());
    }
}
