package io.github.omniretail.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.privacy.AccessLevel;
import io.github.omniretail.core.privacy.PersonalField;
import io.github.omniretail.core.privacy.Redactor;
import io.github.omniretail.core.spi.PrivacyPolicy;
import io.github.omniretail.loyalty.spi.ConsentStore;
import io.github.omniretail.loyalty.spi.IdentityNormaliser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemberProfilesTest {
    static final Redactor REDACTOR = Redactor.of(PrivacyPolicy.standard(),
            "profile-test-secret".getBytes(StandardCharsets.UTF_8));
    final MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T02:00:00Z"));
    final MemberDirectory directory = new MemberDirectory(IdentityNormaliser.saltedSha256(new byte[16]));
    final ConsentRegistry consents = ConsentRegistry.of(ConsentStore.inMemory(), clock);
    final MemberProfiles profiles = MemberProfiles.builder(REDACTOR).directory(directory).consents(consents).build();
    final MemberId alice = MemberId.of("M-1001");

    @Test
    void readersSeeWhatTheirLevelAllowsAndProfilesPrintMasked() {
        MemberProfile p = profiles.update(alice, Map.of(PersonalField.NAME, "王小明", PersonalField.PHONE, "13812348000",
                PersonalField.ADDRESS, "浙江省杭州市西湖区文三路90号", PersonalField.BIRTHDAY, "1990-05-17"));
        assertFalse(p.toString().contains("13812348000") || p.toString().contains("文三路"), p.toString());
        assertEquals("138****8000", profiles.view(alice, AccessLevel.STAFF).get(PersonalField.PHONE));
        assertEquals("13812348000", profiles.view(alice, AccessLevel.FULFILMENT).get(PersonalField.PHONE));
        assertEquals("****-05-**", profiles.view(alice, AccessLevel.FULFILMENT).get(PersonalField.BIRTHDAY));
        assertTrue(profiles.view(alice, AccessLevel.ANALYTICS).get(PersonalField.NAME).startsWith("h:"));
        assertEquals("1990-05-17", profiles.view(alice, AccessLevel.OWNER).get(PersonalField.BIRTHDAY));
        profiles.update(alice, Map.of(PersonalField.PHONE, "13900001111"));
        assertEquals(4, profiles.profile(alice).orElseThrow().fields().size(), "other fields kept");
    }

    @Test
    void consentIsPerChannelWithTimeAndSourceAndAbsentMeansNo() {
        assertFalse(consents.allows(alice, MarketingChannel.SMS));
        consents.grant(alice, MarketingChannel.SMS, "app:settings");
        clock.advance(Duration.ofDays(3));
        consents.grant(alice, MarketingChannel.LOCATION, "app:permission-dialog");
        consents.withdraw(alice, MarketingChannel.SMS, "sms:reply-TD");
        assertFalse(consents.allows(alice, MarketingChannel.SMS));
        assertTrue(consents.allows(alice, MarketingChannel.LOCATION));
        assertFalse(consents.allows(alice, MarketingChannel.EMAIL));
        List<Consent> history = consents.history(alice);
        assertEquals(3, history.size());
        assertEquals(new Consent(alice, MarketingChannel.SMS, false, clock.instant(), "sms:reply-TD"), history.get(2));
        assertThrows(IllegalArgumentException.class, () -> consents.grant(alice, MarketingChannel.EMAIL, " "));
        assertEquals(3, consents.history(alice).size(), "a refused decision records nothing");
    }

    @Test
    void erasureLeavesAPseudonymAndTheLedgerSumsToZero() {
        PointsLedger ledger = PointsLedger.builder().clock(clock)
                .rules(LoyaltyRules.standard().withPendingFor(Duration.ZERO)).build();
        ledger.enrol(alice);
        Currency cny = Currency.getInstance("CNY");
        ledger.earn(IdempotencyKey.of("e1"), alice, OrderId.of("O-1"), Channel.of("app", ChannelKind.APP),
                Money.parse("300.00", cny));
        ledger.redeem(IdempotencyKey.of("r1"), alice, 100);
        Balance before = ledger.balance(alice);
        directory.link(alice, IdentityType.PHONE, "13812348000");
        directory.link(alice, IdentityType.MINI_PROGRAM, "oX7f_3kq");
        consents.grant(alice, MarketingChannel.APP_PUSH, "app:onboarding");
        consents.grant(alice, MarketingChannel.LOCATION, "app:onboarding");
        profiles.update(alice, Map.of(PersonalField.NAME, "王小明", PersonalField.PHONE, "13812348000"));

        MemberProfiles.Erasure erasure = profiles.erase(alice);
        assertEquals(List.of(PersonalField.NAME, PersonalField.PHONE), erasure.fieldsErased());
        assertEquals(2, erasure.identitiesUnlinked());
        assertEquals(List.of(MarketingChannel.APP_PUSH, MarketingChannel.LOCATION), erasure.consentsWithdrawn());
        assertTrue(erasure.pseudonym().matches("anon-[0-9a-f]{16}"), erasure.pseudonym());
        MemberProfile erased = profiles.profile(alice).orElseThrow();
        assertEquals(Optional.of(erasure.pseudonym()), erased.pseudonym());
        assertTrue(erased.fields().isEmpty());
        assertTrue(profiles.view(alice, AccessLevel.OWNER).isEmpty());
        assertEquals(Optional.empty(), directory.lookup(IdentityType.PHONE, "13812348000"));
        assertFalse(consents.allows(alice, MarketingChannel.LOCATION));
        assertThrows(IllegalStateException.class, () -> profiles.update(alice, Map.of(PersonalField.NAME, "x")));

        assertEquals(before, ledger.balance(alice), "balances unchanged");
        long program = 0;
        for (AccountKind k : AccountKind.values()) {
            program += k.memberAccount() ? 0 : ledger.programBalance(k);
        }
        assertEquals(0, ledger.balance(alice).total() + program, "the ledger still sums to zero");
        MemberProfiles.Erasure again = profiles.erase(alice);
        assertEquals(erasure.pseudonym(), again.pseudonym());
        assertTrue(again.fieldsErased().isEmpty() && again.identitiesUnlinked() == 0);
    }
}
