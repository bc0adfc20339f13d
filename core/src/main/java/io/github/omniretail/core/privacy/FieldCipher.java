package io.github.omniretail.core.privacy;

import io.github.omniretail.core.spi.KeyProvider;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM encryption of single personal values, for stores that keep them at rest. A sealed value is
 * {@code version (1) · key id length (1) · key id (UTF-8) · nonce (12) · ciphertext and 128-bit tag}: it names its
 * key, so values under old keys stay readable while a rotation re-encrypts them. The associated data (typically the
 * member id and the field) binds a ciphertext to its row: a value copied to another row does not decrypt.
 * Thread-safe.
 */
public final class FieldCipher {
    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final KeyProvider keys;
    private final SecureRandom random = new SecureRandom();

    /**
     * A cipher over keys.
     *
     * @param keys non-null key provider
     */
    public FieldCipher(KeyProvider keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Encrypts under the current key.
     *
     * @param clear non-null clear text
     * @param associated non-null associated data, needed again to decrypt
     * @return the sealed value
     * @throws IllegalStateException if the provider has no current key
     */
    public byte[] seal(String clear, String associated) {
        Objects.requireNonNull(clear, "clear");
        Objects.requireNonNull(associated, "associated");
        String keyId = keys.currentKeyId();
        SecretKey key = keys.key(keyId)
                .orElseThrow(() -> new IllegalStateException("key provider has no key for current id " + keyId));
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        if (id.length == 0 || id.length > 255) {
            throw new IllegalStateException("key id must be 1-255 UTF-8 bytes, was " + id.length);
        }
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
            byte[] body = c.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(2 + id.length + NONCE + body.length).put(VERSION).put((byte) id.length).put(id)
                    .put(nonce).put(body).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed under key " + keyId, e);
        }
    }

    /**
     * Decrypts a sealed value under whichever key it names.
     *
     * @param sealed non-null sealed value
     * @param associated non-null associated data it was sealed with
     * @return the clear text
     * @throws IllegalArgumentException if the value is malformed, its key unknown, or it fails authentication
     *     (tampered, or sealed with other associated data)
     */
    public String open(byte[] sealed, String associated) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(associated, "associated");
        String keyId = keyIdOf(sealed);
        SecretKey key = keys.key(keyId)
                .orElseThrow(() -> new IllegalArgumentException("sealed value names unknown key " + keyId));
        int offset = 2 + (sealed[1] & 0xFF);
        if (sealed.length < offset + NONCE + TAG_BITS / 8) {
            throw new IllegalArgumentException("sealed value too short: " + sealed.length + " bytes");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, offset, NONCE));
            c.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
            byte[] clear = c.doFinal(sealed, offset + NONCE, sealed.length - offset - NONCE);
            return new String(clear, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("sealed value under key " + keyId + " fails authentication for '"
                    + associated + "'");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed under key " + keyId, e);
        }
    }

    /**
     * The id of the key a value was sealed with.
     *
     * @param sealed non-null sealed value
     * @return its key id
     * @throws IllegalArgumentException if malformed
     */
    public static String keyIdOf(byte[] sealed) {
        if (sealed.length < 2 || sealed[0] != VERSION || sealed.length < 2 + (sealed[1] & 0xFF)) {
            throw new IllegalArgumentException("not a sealed value (version " + (sealed.length > 0 ? sealed[0] : -1)
                    + ", " + sealed.length + " bytes)");
        }
        return new String(sealed, 2, sealed[1] & 0xFF, StandardCharsets.UTF_8);
    }

    /**
     * The id of the key {@link #seal} uses now.
     *
     * @return the provider's current key id
     */
    public String currentKeyId() {
        return keys.currentKeyId();
    }

    /**
     * Whether a value is sealed under the current key (else a rotation should re-seal it).
     *
     * @param sealed non-null sealed value
     * @return true if current
     */
    public boolean isCurrent(byte[] sealed) {
        return keyIdOf(sealed).equals(keys.currentKeyId());
    }
}
