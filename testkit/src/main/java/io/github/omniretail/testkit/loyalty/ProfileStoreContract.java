package io.github.omniretail.testkit.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.privacy.KeyRing;
import io.github.omniretail.core.privacy.PersonalField;
import io.github.omniretail.loyalty.MemberProfile;
import io.github.omniretail.loyalty.spi.ProfileStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The {@link ProfileStore} contract: profiles round-trip (every field, replaced whole, erased ones), and a key
 * rotation runs beside reads and writes without a wrong or failed read. Stores that encrypt also show, through
 * {@link #atRest}, that no clear value reaches the disk, and that values under a retired key no longer open. Extend
 * it and return a store on fresh storage from {@link #newStore}.
 */
public abstract class ProfileStoreContract {

    /**
     * A store on fresh storage.
     *
     * @param keys the keys it must encrypt with (stores that do not encrypt ignore them)
     * @return the store
     */
    protected abstract ProfileStore newStore(KeyRing keys);

    /**
     * Everything the store wrote for its profiles, as text (bytes as ISO-8859-1), to search for clear values; empty
     * for stores that keep nothing at rest.
     *
     * @param store a store from {@link #newStore}
     * @return the dump, or empty
     */
    protected Optional<String> atRest(ProfileStore store) {
        return Optional.empty();
    }

    static byte[] key(int b) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) b);
        return k;
    }

    static MemberProfile alice() {
        return MemberProfile.of(MemberId.of("M-ALICE")).with(PersonalField.NAME, "王小明")
                .with(PersonalField.PHONE, "13812348000").with(PersonalField.EMAIL, "xm.wang@example.com")
                .with(PersonalField.ADDRESS, "浙江省杭州市西湖区文三路90号").with(PersonalField.LOCATION, "30.27412,120.15513")
                .with(PersonalField.BIRTHDAY, "1990-05-17");
    }

    @Test
    void profilesRoundTripAndAreReplacedWhole() {
        ProfileStore store = newStore(KeyRing.of("k1", key(1)));
        assertEquals(Optional.empty(), store.get(MemberId.of("M-NOBODY")));
        MemberProfile alice = alice();
        store.put(alice);
        assertEquals(Optional.of(alice), store.get(alice.member()));
        MemberProfile phoneOnly = MemberProfile.of(alice.member()).with(PersonalField.PHONE, "13900001111");
        store.put(phoneOnly);
        assertEquals(Optional.of(phoneOnly), store.get(alice.member()));
        MemberProfile erased = new MemberProfile(alice.member(), Map.of(), Optional.of("anon-0123456789abcdef"));
        store.put(erased);
        assertEquals(Optional.of(erased), store.get(alice.member()));
    }

    @Test
    void nothingPersonalIsStoredInClear() {
        ProfileStore store = newStore(KeyRing.of("k1", key(1)));
        store.put(alice());
        Optional<String> dump = atRest(store);
        if (dump.isPresent()) {
            String bytes = dump.get();
            String utf8 = new String(bytes.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    java.nio.charset.StandardCharsets.UTF_8);
            for (String clear : List.of("13812348000", "12348000", "xm.wang", "example.com", "文三路", "杭州",
                    "王小明", "30.274", "120.155", "1990-05-17")) {
                assertFalse(bytes.contains(clear) || utf8.contains(clear), "'" + clear + "' stored in clear");
            }
        }
    }

    @Test
    void keysRotateBesideReadsAndWrites() throws Exception {
        KeyRing ring = KeyRing.of("k1", key(1));
        ProfileStore store = newStore(ring);
        Map<MemberId, MemberProfile> expected = new ConcurrentHashMap<>();
        for (int i = 0; i < 120; i++) {
            MemberProfile p = MemberProfile.of(MemberId.of("M-" + i)).with(PersonalField.PHONE, "1380000" + (1000 + i))
                    .with(PersonalField.ADDRESS, "上海市黄浦区南京东路" + i + "号");
            store.put(p);
            expected.put(p.member(), p);
        }
        ring.add("k2", key(2)).rotateTo("k2");
        AtomicBoolean rotating = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> traffic = new ArrayList<>();
        traffic.add(pool.submit(() -> { // a reader: every read is some value that member had, never a failure
            int reads = 0;
            while (rotating.get() || reads < 50) {
                MemberId m = MemberId.of("M-" + (reads % 120));
                MemberProfile got = store.get(m).orElseThrow();
                assertTrue(got.get(PersonalField.ADDRESS).orElseThrow().clear().startsWith("上海市"), got.toString());
                reads++;
            }
            return reads;
        }));
        traffic.add(pool.submit(() -> { // a writer: changes phones while values move to the new key
            int writes = 0;
            while (rotating.get() || writes < 20) {
                MemberId m = MemberId.of("M-" + (writes * 7 % 120));
                MemberProfile p = expected.get(m).with(PersonalField.PHONE, "1390000" + (1000 + writes % 9000));
                store.put(p);
                expected.put(m, p);
                writes++;
            }
            return writes;
        }));
        int moved = 0;
        for (int n = store.reencrypt(25); n > 0; n = store.reencrypt(25)) {
            moved += n;
        }
        rotating.set(false);
        for (Future<Integer> f : traffic) {
            assertTrue(f.get(60, TimeUnit.SECONDS) > 0);
        }
        pool.shutdown();
        ring.retire("k1");
        for (MemberProfile p : expected.values()) {
            assertEquals(Optional.of(p), store.get(p.member()), "after rotation and retiring the old key");
        }
        assertEquals(0, store.reencrypt(25));
        if (atRest(store).isPresent()) {
            assertTrue(moved > 0 && moved <= 240, "moved " + moved);
            KeyRing other = KeyRing.of("k1", key(1));
            ProfileStore stale = newStoreSharing(store, other);
            if (stale != null) {
                assertThrows(IllegalArgumentException.class, () -> stale.get(MemberId.of("M-0")),
                        "values under k2 do not open with only k1");
            }
        }
    }

    /**
     * A second store over the same storage with other keys, to show values do not open without their key; null if
     * the store cannot share storage.
     *
     * @param store a store from {@link #newStore}
     * @param keys other keys
     * @return the second store, or null
     */
    protected ProfileStore newStoreSharing(ProfileStore store, KeyRing keys) {
        return null;
    }
}
