package io.github.omniretail.engagement;

import static io.github.omniretail.engagement.GroupShop.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.checkout.OrderStatus;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A group's lifecycle through the checkout: holds on join, capture on success, release on failure or leaving. */
class GroupBuyingTest {

    @Test
    void aFullGroupCapturesEachPaymentOnceAtTheGroupPrice() {
        GroupShop shop = new GroupShop(10);
        GroupBuying.JoinResult opened = shop.groups.open("durian-3", join("j1", "M-1", 2));
        String group = opened.group().id();
        assertTrue(opened.joined());
        assertEquals(2, shop.committed(), "stock held on join");
        assertEquals(Money.parse("198.00", GroupShop.CNY), shop.payments.authorised.get(OrderId.of("GB-j1")),
                "two at the group price of ¥99, not ¥159");
        assertTrue(shop.groups.join(group, join("j2", "M-2", 1)).joined());
        assertTrue(shop.payments.captures.isEmpty(), "nothing captured before the group is full");
        assertEquals(List.of(shop.groups.openGroups("durian-3").get(0).id()), List.of(group));
        GroupBuying.JoinResult last = shop.groups.join(group, join("j3", "M-3", 1));
        assertEquals(Group.Status.SUCCEEDED, last.group().status());
        for (String key : List.of("j1", "j2", "j3")) {
            assertEquals(1, shop.payments.captures.get(OrderId.of("GB-" + key)).get());
            assertEquals(OrderStatus.CONFIRMED, shop.checkout.order(IdempotencyKey.of(key)).orElseThrow().status());
        }
        assertEquals(4, shop.committed());
        assertEquals(last, shop.groups.join(group, join("j3", "M-3", 1)), "a retried join changes nothing");
        GroupBuying.JoinResult late = shop.groups.join(group, join("j4", "M-4", 1));
        assertFalse(late.joined());
        assertEquals("group " + group + " is SUCCEEDED", late.refusal().orElseThrow());
        assertTrue(shop.groups.openGroups("durian-3").isEmpty());
    }

    @Test
    void aGroupNotFullInTimeFailsAndReleasesEverything() {
        GroupShop shop = new GroupShop(10);
        String group = shop.groups.open("durian-3", join("j1", "M-1", 1)).group().id();
        shop.groups.join(group, join("j2", "M-2", 2));
        assertEquals(3, shop.committed());
        shop.clock.advance(Duration.ofHours(23));
        assertEquals(0, shop.groups.expireDue());
        shop.clock.advance(Duration.ofHours(1));
        assertEquals(1, shop.groups.expireDue());
        assertEquals(Group.Status.FAILED, shop.groups.group(group).orElseThrow().status());
        assertEquals(0, shop.committed(), "stock released");
        for (String key : List.of("j1", "j2")) {
            assertEquals(OrderStatus.CANCELLED, shop.checkout.order(IdempotencyKey.of(key)).orElseThrow().status());
            assertEquals(1, shop.payments.releases.get(OrderId.of("GB-" + key)).get());
        }
        assertTrue(shop.payments.captures.isEmpty());
        assertEquals(0, shop.groups.forgetFinished(shop.clock.instant().minus(Duration.ofHours(1))), "too recent");
        assertEquals(1, shop.groups.forgetFinished(shop.clock.instant().plus(Duration.ofSeconds(1))));
        assertTrue(shop.groups.group(group).isEmpty(), "dropped from memory");
        assertEquals(0, shop.committed(), "the checkout's orders are untouched: still cancelled");
    }

    @Test
    void joinsAreRefusedWhenStockOrPaymentFailsAndNothingIsKept() {
        GroupShop shop = new GroupShop(2);
        String group = shop.groups.open("durian-3", join("j1", "M-1", 2)).group().id();
        GroupBuying.JoinResult noStock = shop.groups.join(group, join("j2", "M-2", 1));
        assertFalse(noStock.joined());
        assertTrue(noStock.refusal().orElseThrow().startsWith("order refused"), noStock.toString());
        assertEquals(1, noStock.group().active());
        shop.groups.leave(group, IdempotencyKey.of("j1"));
        assertEquals(0, shop.committed(), "leaving released the hold");
        shop.payments.declineAuthorisation.add(io.github.omniretail.core.MemberId.of("M-3"));
        GroupBuying.JoinResult declined = shop.groups.join(group, join("j3", "M-3", 1));
        assertEquals("payment declined for order GB-j3", declined.refusal().orElseThrow());
        assertEquals(0, shop.committed());
        assertTrue(shop.groups.join(group, join("j5", "M-5", 1)).joined());
        assertFalse(shop.groups.join(group, join("j6", "M-5", 1)).joined(), "one place per member");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> shop.groups.join(group, join("j7", "M-7", 3)));
        assertEquals("group offer durian-3 allows 2 units per member, join j7 asked 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> shop.groups.join("G-nope", join("j8", "M-8", 1)));
        assertThrows(IllegalArgumentException.class, () -> shop.groups.open("nope", join("j9", "M-9", 1)));
    }

    @Test
    void aFailedCaptureDropsOnlyThatParticipant() {
        GroupShop shop = new GroupShop(10);
        shop.payments.declineCapture.add(io.github.omniretail.core.MemberId.of("M-2"));
        String group = shop.groups.open("durian-3", join("j1", "M-1", 1)).group().id();
        shop.groups.join(group, join("j2", "M-2", 1));
        Group done = shop.groups.join(group, join("j3", "M-3", 1)).group();
        assertEquals(Group.Status.SUCCEEDED, done.status());
        assertEquals(Group.ParticipantStatus.DROPPED, done.participants().get(1).status());
        assertEquals(OrderStatus.CANCELLED, shop.checkout.order(IdempotencyKey.of("j2")).orElseThrow().status());
        assertEquals(2, shop.committed());
        assertThrows(IllegalStateException.class, () -> shop.groups.leave(group, IdempotencyKey.of("j1")));
    }
}
