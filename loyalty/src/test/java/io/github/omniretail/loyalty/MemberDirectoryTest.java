package io.github.omniretail.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.loyalty.spi.IdentityNormaliser;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemberDirectoryTest {

    static final byte[] SALT = "test-salt".getBytes(StandardCharsets.UTF_8);
    final MemberDirectory directory = new MemberDirectory(IdentityNormaliser.saltedSha256(SALT));
    final MemberId alice = MemberId.of("M-ALICE");
    final MemberId bob = MemberId.of("M-BOB");

    @Test
    void findsTheMemberByAnyIdentityWrittenAnyWay() {
        directory.link(alice, IdentityType.PHONE, "+86 138-0013-8000");
        directory.link(alice, IdentityType.EMAIL, "Alice@Example.COM ");
        directory.link(alice, IdentityType.MINI_PROGRAM, "oX7f_3kq");
        assertEquals(Optional.of(alice), directory.lookup(IdentityType.PHONE, "008613800138000"));
        assertEquals(Optional.of(alice), directory.lookup(IdentityType.EMAIL, "alice@example.com"));
        assertEquals(Optional.of(alice), directory.lookup(IdentityType.MINI_PROGRAM, " oX7f_3kq"));
        assertEquals(Optional.empty(), directory.lookup(IdentityType.APP_USER, "oX7f_3kq"), "types are separate");
        assertEquals(3, directory.identities(alice).size());
    }

    @Test
    void identitiesAreUniqueAcrossMembersAndLinkingIsIdempotent() {
        MemberDirectory.Identity first = directory.link(alice, IdentityType.POS_CARD, "6222 0001");
        assertEquals(first, directory.link(alice, IdentityType.POS_CARD, "6222 0001"));
        IdentityTakenException e = assertThrows(IdentityTakenException.class,
                () -> directory.link(bob, IdentityType.POS_CARD, "6222 0001"));
        assertEquals(alice, e.owner());
        assertEquals(Optional.of(alice), directory.lookup(IdentityType.POS_CARD, "6222 0001"));
    }

    @Test
    void onlySaltedHashesAreStored() {
        MemberDirectory.Identity stored = directory.link(alice, IdentityType.EMAIL, "alice@example.com");
        assertEquals(64, stored.key().length());
        assertFalse(stored.key().contains("alice"));
        String other = IdentityNormaliser.saltedSha256("other".getBytes(StandardCharsets.UTF_8))
                .key(IdentityType.EMAIL, "alice@example.com");
        assertNotEquals(stored.key(), other, "another salt gives another key");
    }

    @Test
    void malformedIdentitiesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> directory.link(alice, IdentityType.PHONE, "12ab"));
        assertThrows(IllegalArgumentException.class, () -> directory.link(alice, IdentityType.EMAIL, "alice"));
        assertThrows(IllegalArgumentException.class, () -> directory.link(alice, IdentityType.APP_USER, "  "));
        assertTrue(directory.identities(alice).isEmpty());
    }

    @Test
    void moveAllTransfersIdentitiesForAMerge() {
        directory.link(bob, IdentityType.PHONE, "13800138000");
        directory.moveAll(bob, alice);
        assertEquals(Optional.of(alice), directory.lookup(IdentityType.PHONE, "138 0013 8000"));
        assertTrue(directory.identities(bob).isEmpty());
        assertTrue(directory.unlink(alice, IdentityType.PHONE, "13800138000"));
        assertEquals(Optional.empty(), directory.lookup(IdentityType.PHONE, "13800138000"));
    }
}
