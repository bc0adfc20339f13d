package io.github.omniretail.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When an earned lot expires, fixed when the lot is created (merges and cancelled redemptions keep it).
 * Implementations are immutable values and thread-safe.
 */
public sealed interface ExpiryPolicy permits ExpiryPolicy.Rolling, ExpiryPolicy.EndOfYear, ExpiryPolicy.PerTier,
        ExpiryPolicy.AfterInactivity {

    /**
     * The expiry of a lot.
     *
     * @param earnedAt non-null instant the lot was earned
     * @param tier non-null member tier at earning
     * @return the instant the lot expires, after {@code earnedAt}
     */
    Instant expiresAt(Instant earnedAt, Tier tier);

    /**
     * The shortest lifetime any lot can get under this policy; the return window must be shorter.
     *
     * @return a positive duration
     */
    Duration shortestLifetime();

    /**
     * How long a member of {@code tier} may stay inactive (no earn, hold or redemption) before all of the member's
     * points expire; empty when inactivity does not expire points.
     *
     * @param tier non-null current tier of the member
     * @return the limit, or empty
     */
    default Optional<Duration> inactivityLimit(Tier tier) {
        return Optional.empty();
    }

    /**
     * Rolling expiry: {@code lifetime} after earning.
     *
     * @param lifetime non-null, positive
     * @return the policy
     */
    static ExpiryPolicy rolling(Duration lifetime) {
        return new Rolling(lifetime);
    }

    /**
     * Fixed-date expiry: at the end of the calendar year {@code yearsAfter} years after the year of earning, in
     * {@code zone} ({@code endOfYear(1, zone)}: points earned any time in 2026 expire at 2028-01-01T00:00 local).
     *
     * @param yearsAfter {@code >= 1}
     * @param zone non-null zone whose calendar is used
     * @return the policy
     */
    static ExpiryPolicy endOfYear(int yearsAfter, ZoneId zone) {
        return new EndOfYear(yearsAfter, zone);
    }

    /**
     * A policy per tier id, with a fallback for tiers not listed.
     *
     * @param byTierId non-null policy per tier id (copied)
     * @param otherwise non-null policy for other tiers
     * @return the policy
     */
    static ExpiryPolicy perTier(Map<String, ExpiryPolicy> byTierId, ExpiryPolicy otherwise) {
        return new PerTier(byTierId, otherwise);
    }

    /**
     * Inactivity-based expiry: every point of a member expires once the member has had no earn, hold or redemption
     * for {@code idle}; each lot also expires by {@code lots} (use a long rolling policy for "only inactivity").
     *
     * @param idle non-null positive inactivity limit
     * @param lots non-null policy for each lot
     * @return the policy
     */
    static ExpiryPolicy afterInactivity(Duration idle, ExpiryPolicy lots) {
        return new AfterInactivity(idle, lots);
    }

    /**
     * Rolling expiry.
     *
     * @param lifetime non-null positive duration from earning to expiry
     */
    record Rolling(Duration lifetime) implements ExpiryPolicy {
        /**
         * Validates.
         *
         * @param lifetime non-null positive duration
         */
        public Rolling {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
            }
        }

        @Override
        public Instant expiresAt(Instant earnedAt, Tier tier) {
            return earnedAt.plus(lifetime);
        }

        @Override
        public Duration shortestLifetime() {
            return lifetime;
        }
    }

    /**
     * Expiry at the start of the year after year-of-earning + {@code yearsAfter}, local to {@code zone}.
     *
     * @param yearsAfter {@code >= 1} whole calendar years kept after the year of earning
     * @param zone non-null zone
     */
    record EndOfYear(int yearsAfter, ZoneId zone) implements ExpiryPolicy {
        /**
         * Validates.
         *
         * @param yearsAfter {@code >= 1}
         * @param zone non-null zone
         */
        public EndOfYear {
            Objects.requireNonNull(zone, "zone");
            if (yearsAfter < 1 || yearsAfter > 100) {
                throw new IllegalArgumentException("yearsAfter must be in 1..100, was " + yearsAfter);
            }
        }

        @Override
        public Instant expiresAt(Instant earnedAt, Tier tier) {
            int year = earnedAt.atZone(zone).getYear();
            return LocalDate.of(year + yearsAfter + 1, 1, 1).atStartOfDay(zone).toInstant();
        }

        @Override
        public Duration shortestLifetime() {
            return Duration.ofDays(365L * yearsAfter);
        }
    }

    /**
     * A policy per tier.
     *
     * @param byTierId non-null policy per tier id (copied)
     * @param otherwise non-null fallback
     */
    record PerTier(Map<String, ExpiryPolicy> byTierId, ExpiryPolicy otherwise) implements ExpiryPolicy {
        /**
         * Validates and copies.
         *
         * @param byTierId non-null policy per tier id
         * @param otherwise non-null fallback
         */
        public PerTier {
            byTierId = Map.copyOf(byTierId);
            Objects.requireNonNull(otherwise, "otherwise");
        }

        @Override
        public Instant expiresAt(Instant earnedAt, Tier tier) {
            return byTierId.getOrDefault(tier.id(), otherwise).expiresAt(earnedAt, tier);
        }

        @Override
        public Optional<Duration> inactivityLimit(Tier tier) {
            return byTierId.getOrDefault(tier.id(), otherwise).inactivityLimit(tier);
        }

        @Override
        public Duration shortestLifetime() {
            Duration min = otherwise.shortestLifetime();
            for (ExpiryPolicy p : byTierId.values()) {
                Duration d = p.shortestLifetime();
                if (d.compareTo(min) < 0) {
                    min = d;
                }
            }
            return min;
        }
    }

    /**
     * All points expire after a period without activity; lots also expire by their own policy.
     *
     * @param idle non-null positive inactivity limit
     * @param lots non-null policy for each lot
     */
    record AfterInactivity(Duration idle, ExpiryPolicy lots) implements ExpiryPolicy {
        /**
         * Validates.
         *
         * @param idle non-null positive duration
         * @param lots non-null policy
         */
        public AfterInactivity {
            Objects.requireNonNull(idle, "idle");
            Objects.requireNonNull(lots, "lots");
            if (idle.isNegative() || idle.isZero()) {
                throw new IllegalArgumentException("inactivity limit must be positive, was " + idle);
            }
        }

        @Override
        public Instant expiresAt(Instant earnedAt, Tier tier) {
            return lots.expiresAt(earnedAt, tier);
        }

        @Override
        public Duration shortestLifetime() {
            Duration l = lots.shortestLifetime();
            return idle.compareTo(l) < 0 ? idle : l;
        }

        @Override
        public Optional<Duration> inactivityLimit(Tier tier) {
            return Optional.of(idle);
        }
    }
}
