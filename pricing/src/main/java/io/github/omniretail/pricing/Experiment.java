package io.github.omniretail.pricing;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.MemberId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An A/B test of promotions or prices: deterministic, sticky assignment of members to variants by a hash of the
 * experiment's salt and the member id, a traffic split by weights, and a holdout group that sees neither.
 * Immutable and thread-safe.
 *
 * <p>A member's bucket is the first 8 bytes of SHA-256(salt + ":" + member id) modulo 10,000. Buckets below the
 * holdout share are held out; the rest are split over the variants in proportion to their weights, in the order
 * given. The same member always gets the same variant while salt, holdout and weights stay the same; a new salt
 * reshuffles everyone.
 *
 * @param id experiment id; non-blank
 * @param salt the hash salt; non-blank
 * @param variants variant name → weight (≥ 1), in order; at least two
 * @param holdout share of members held out of the test, 0..100 %; non-null
 */
public record Experiment(String id, String salt, Map<String, Integer> variants, BasisPoints holdout) {

    /** The variant name of held-out members. */
    public static final String HOLDOUT = "holdout";

    /**
     * Validates and copies.
     *
     * @param id experiment id
     * @param salt hash salt
     * @param variants weights by variant
     * @param holdout held-out share
     */
    public Experiment {
        PricingRules.requireId(id);
        PricingRules.requireId(salt);
        Objects.requireNonNull(holdout, "holdout");
        variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
        if (variants.size() < 2) {
            throw new IllegalArgumentException("experiment " + id + " needs at least two variants, had " + variants);
        }
        for (Map.Entry<String, Integer> v : variants.entrySet()) {
            PricingRules.requireId(v.getKey());
            if (v.getKey().equals(HOLDOUT) || v.getValue() == null || v.getValue() < 1) {
                throw new IllegalArgumentException("experiment " + id + ": variant " + v.getKey()
                        + " needs a weight >= 1 and a name other than '" + HOLDOUT + "', was " + v.getValue());
            }
        }
        if (holdout.value() < 0 || holdout.value() >= BasisPoints.ONE_HUNDRED_PERCENT) {
            throw new IllegalArgumentException("experiment " + id + ": holdout must be 0 <= holdout < 100%, was "
                    + holdout);
        }
    }

    /**
     * An even split over the variants without holdout.
     *
     * @param id experiment id
     * @param salt hash salt
     * @param variants two or more names
     * @return the experiment
     */
    public static Experiment evenSplit(String id, String salt, String... variants) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String v : variants) {
            weights.put(v, 1);
        }
        return new Experiment(id, salt, weights, BasisPoints.ZERO);
    }

    /**
     * @param share held-out share; non-null
     * @return a copy with that holdout
     */
    public Experiment withHoldout(BasisPoints share) {
        return new Experiment(id, salt, variants, share);
    }

    /** @return the variant names in order */
    public List<String> variantNames() {
        return List.copyOf(variants.keySet());
    }

    /**
     * @param member non-null
     * @return the member's bucket, 0..9,999
     */
    public int bucket(MemberId member) {
        Objects.requireNonNull(member, "member");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((salt + ":" + member.value())
                    .getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xFF);
            }
            return (int) Long.remainderUnsigned(value, BasisPoints.ONE_HUNDRED_PERCENT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /**
     * @param member non-null
     * @return the member's variant, or {@link #HOLDOUT}
     */
    public String variantOf(MemberId member) {
        int bucket = bucket(member);
        int held = holdout.value();
        if (bucket < held) {
            return HOLDOUT;
        }
        long total = 0;
        for (int w : variants.values()) {
            total += w;
        }
        long position = (long) (bucket - held) * total / (BasisPoints.ONE_HUNDRED_PERCENT - held);
        long cumulative = 0;
        for (Map.Entry<String, Integer> v : variants.entrySet()) {
            cumulative += v.getValue();
            if (position < cumulative) {
                return v.getKey();
            }
        }
        throw new IllegalStateException("unreachable: bucket " + bucket);
    }
}
