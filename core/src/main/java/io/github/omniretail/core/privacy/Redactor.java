package io.github.omniretail.core.privacy;

import io.github.omniretail.core.spi.PrivacyPolicy;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Renders personal values for a reader: clear, masked or hashed as the {@link PrivacyPolicy} grades the reader's
 * {@link AccessLevel}. Hashes are HMAC-SHA-256 over the field and the clear value under a secret, so they are stable
 * (records join on them) but cannot be reversed by hashing guesses without the secret. Thread-safe.
 */
public final class Redactor {
    private final PrivacyPolicy policy;
    private final SecretKeySpec secret;

    private Redactor(PrivacyPolicy policy, byte[] secret) {
        this.policy = Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 16) {
            throw new IllegalArgumentException("hash secret must be at least 16 bytes, was " + secret.length);
        }
        this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /**
     * A redactor.
     *
     * @param policy non-null policy, e.g. {@link PrivacyPolicy#standard()}
     * @param hashSecret non-null secret of at least 16 bytes, kept apart from the data
     * @return the redactor
     */
    public static Redactor of(PrivacyPolicy policy, byte[] hashSecret) {
        return new Redactor(policy, hashSecret);
    }

    /**
     * A value as a reader at {@code level} may see it.
     *
     * @param level non-null reader's level
     * @param value non-null value
     * @return clear, masked or hashed text
     */
    public String render(AccessLevel level, PersonalValue value) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(value, "value");
        switch (policy.disclosure(level, value.field())) {
            case CLEAR:
                return value.clear();
            case MASKED:
                return value.masked();
            case HASHED:
                return hash(value);
            default:
                throw new AssertionError();
        }
    }

    /**
     * How much of a field a level sees.
     *
     * @param level non-null level
     * @param field non-null field
     * @return the policy's answer
     */
    public Disclosure disclosure(AccessLevel level, PersonalField field) {
        return policy.disclosure(level, field);
    }

    /**
     * The keyed hash of a value: {@code "h:"} and 16 hex digits (64 bits).
     *
     * @param value non-null value
     * @return its hash
     */
    public String hash(PersonalValue value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            mac.update(value.field().name().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] digest = mac.doFinal(value.clear().getBytes(StandardCharsets.UTF_8));
            return "h:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
