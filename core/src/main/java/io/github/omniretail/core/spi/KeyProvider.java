package io.github.omniretail.core.spi;

import io.github.omniretail.core.privacy.FieldCipher;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The keys a {@link FieldCipher} encrypts personal data with, by id: typically backed by a KMS or a vault. Rotation
 * without downtime: make the new key current (new writes use it) while the old ones stay readable, re-encrypt
 * stored values (the stores' {@code reencrypt}), then retire the old keys. Implementations must be thread-safe.
 */
public interface KeyProvider {

    /**
     * The id of the key new values are encrypted with.
     *
     * @return non-blank key id, at most 255 UTF-8 bytes
     */
    String currentKeyId();

    /**
     * A key by id, current or retired.
     *
     * @param keyId non-null key id
     * @return the AES key (128, 192 or 256 bits), or empty if this provider does not know it
     */
    Optional<SecretKey> key(String keyId);
}
