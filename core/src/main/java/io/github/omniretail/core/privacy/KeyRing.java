package io.github.omniretail.core.privacy;

import io.github.omniretail.core.spi.KeyProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link KeyProvider} holding its keys in memory: for tests, and for hosts that load keys from their own vault at
 * start. {@link #add} a new key, {@link #rotateTo} it, re-encrypt, then {@link #retire} the old one. Thread-safe.
 */
public final class KeyRing implements KeyProvider {
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private String current;

    private KeyRing(String id, byte[] key) {
        add(id, key);
        this.current = id;
    }

    /**
     * A ring with one key, current.
     *
     * @param id non-blank key id
     * @param aesKey 16, 24 or 32 bytes
     * @return the ring
     */
    public static KeyRing of(String id, byte[] aesKey) {
        return new KeyRing(id, aesKey);
    }

    /**
     * Adds a key, not yet current.
     *
     * @param id non-blank id not in the ring
     * @param aesKey 16, 24 or 32 bytes
     * @return this
     */
    public synchronized KeyRing add(String id, byte[] aesKey) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(aesKey, "aesKey");
        if (id.isBlank()) {
            throw new IllegalArgumentException("key id must not be blank");
        }
        if (aesKey.length != 16 && aesKey.length != 24 && aesKey.length != 32) {
            throw new IllegalArgumentException("AES key " + id + " must be 16, 24 or 32 bytes, was " + aesKey.length);
        }
        if (keys.containsKey(id)) {
            throw new IllegalArgumentException("key " + id + " is already in the ring");
        }
        keys.put(id, new SecretKeySpec(aesKey.clone(), "AES"));
        return this;
    }

    /**
     * Makes a key current: new values are sealed with it.
     *
     * @param id an id in the ring
     * @return this
     */
    public synchronized KeyRing rotateTo(String id) {
        if (!keys.containsKey(id)) {
            throw new IllegalArgumentException("key " + id + " is not in the ring " + keys.keySet());
        }
        current = id;
        return this;
    }

    /**
     * Removes a key that is not current: values still sealed with it no longer open.
     *
     * @param id an id in the ring, not current
     * @return this
     */
    public synchronized KeyRing retire(String id) {
        if (id.equals(current)) {
            throw new IllegalArgumentException("key " + id + " is current and cannot be retired");
        }
        if (keys.remove(id) == null) {
            throw new IllegalArgumentException("key " + id + " is not in the ring " + keys.keySet());
        }
        return this;
    }

    @Override
    public synchronized String currentKeyId() {
        return current;
    }

    @Override
    public synchronized Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    @Override
    public synchronized String toString() {
        return "KeyRing" + keys.keySet() + " current " + current;
    }
}
