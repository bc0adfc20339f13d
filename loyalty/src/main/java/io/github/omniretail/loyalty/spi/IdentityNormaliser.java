package io.github.omniretail.loyalty.spi;

import io.github.omniretail.core.privacy.PersonalField;
import io.github.omniretail.loyalty.IdentityType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns a raw channel identity (a phone number, an e-mail, an open id) into the key the directory stores, so the
 * ledger never needs raw personal data. Equal identities written differently ({@code "+86 138-0013-8000"} and
 * {@code "8613800138000"}) must give equal keys. Implementations must be thread-safe and deterministic.
 */
@FunctionalInterface
public interface IdentityNormaliser {

    /**
     * The stored key of an identity.
     *
     * @param type non-null identity type
     * @param raw non-null raw value
     * @return non-blank key
     * @throws IllegalArgumentException if the value is not a valid identity of that type
     */
    String key(IdentityType type, String raw);

    /**
     * The default: normalises (phone: digits only; e-mail: trimmed, lower case; others: trimmed) and then hashes
     * with SHA-256 over the salt, the type and the normalised value, hex-encoded. Keep the salt secret and stable.
     *
     * @param salt non-empty secret salt
     * @return the normaliser
     */
    static IdentityNormaliser saltedSha256(byte[] salt) {
        Objects.requireNonNull(salt, "salt");
        if (salt.length == 0) {
            throw new IllegalArgumentException("salt must not be empty");
        }
        byte[] secret = salt.clone();
        return (type, raw) -> {
            String value = normalise(type, raw);
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(secret);
                sha.update(type.name().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(value.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(sha.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java platform", e);
            }
        };
    }

    /**
     * The normal form of a raw value, before hashing.
     *
     * @param type non-null type
     * @param raw non-null raw value
     * @return the normal form
     * @throws IllegalArgumentException if blank or, for phones and e-mails, malformed
     */
    static String normalise(IdentityType type, String raw) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(raw, "raw");
        String v = raw.strip();
        switch (type) {
            case PHONE:
                v = v.replaceAll("[\\s\\-().]", "");
                if (v.startsWith("+")) {
                    v = v.substring(1);
                } else if (v.startsWith("00")) {
                    v = v.substring(2);
                }
                if (!v.matches("\\d{6,15}")) {
                    throw new IllegalArgumentException("not a phone number: '" + PersonalField.PHONE.mask(raw)
                            + "' (masked)");
                }
                return v;
            case EMAIL:
                v = v.toLowerCase(Locale.ROOT);
                if (!v.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    throw new IllegalArgumentException("not an e-mail address: '" + PersonalField.EMAIL.mask(raw)
                            + "' (masked)");
                }
                return v;
            default:
                if (v.isEmpty()) {
                    throw new IllegalArgumentException(type + " identity must not be blank");
                }
                return v;
        }
    }
}
