package io.github.omniretail.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.privacy.AccessLevel;
import io.github.omniretail.core.privacy.PersonalField;
import io.github.omniretail.core.privacy.PersonalValue;
import io.github.omniretail.core.privacy.Redactor;
import io.github.omniretail.core.spi.PrivacyPolicy;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.IdentityType;
import io.github.omniretail.loyalty.MarketingChannel;
import io.github.omniretail.loyalty.MemberDirectory;
import io.github.omniretail.loyalty.MemberProfiles;
import io.github.omniretail.loyalty.spi.ConsentStore;
import io.github.omniretail.loyalty.spi.IdentityNormaliser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The code shown in docs/privacy.md, compiled and run. */
class PrivacyGuideTest {
    final MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T02:00:00Z"));
    final byte[] hashSecret = "load me from your vault, not the code".getBytes(StandardCharsets.UTF_8);

    @Test
    void masking() {
        // snippet: privacy-mask
        PersonalValue phone = PersonalValue.of(PersonalField.PHONE, "13812348000");
        String shown = phone.toString();                        // "138****8000": logs, toString and JSON mask

        Redactor redactor = Redactor.of(PrivacyPolicy.standard(), hashSecret);
        redactor.render(AccessLevel.STAFF, phone);              // "138****8000"
        redactor.render(AccessLevel.FULFILMENT, phone);         // "13812348000": the courier may call
        redactor.render(AccessLevel.ANALYTICS, phone);          // "h:5c1e…": joins, never reads
        // end-snippet
        assertEquals("138****8000", shown);
        assertEquals("13812348000", redactor.render(AccessLevel.FULFILMENT, phone));
        assertTrue(redactor.render(AccessLevel.ANALYTICS, phone).startsWith("h:"));
    }

    @Test
    void profilesConsentAndErasure() {
        MemberDirectory directory = new MemberDirectory(IdentityNormaliser.saltedSha256(hashSecret));
        MemberId member = MemberId.of("M-1001");
        directory.link(member, IdentityType.PHONE, "13812348000");
        // snippet: privacy-profiles
        ConsentRegistry consents = ConsentRegistry.of(ConsentStore.inMemory(), clock);
        MemberProfiles profiles = MemberProfiles.builder(Redactor.of(PrivacyPolicy.standard(), hashSecret))
                .directory(directory).consents(consents)       // erasure unlinks and withdraws too
                .build();                                       // .store(postgres.profiles(keys)): encrypted
        profiles.update(member, Map.of(PersonalField.NAME, "王小明", PersonalField.PHONE, "13812348000",
                PersonalField.ADDRESS, "浙江省杭州市西湖区文三路90号"));
        consents.grant(member, MarketingChannel.SMS, "pos:signup-form");   // per channel, with time and source

        Map<PersonalField, String> forStaff = profiles.view(member, AccessLevel.STAFF);   // masked
        MemberProfiles.Erasure erased = profiles.erase(member); // PIPL deletion: a pseudonym stays
        // end-snippet
        assertEquals("浙江省杭州****", forStaff.get(PersonalField.ADDRESS));
        assertEquals(1, erased.identitiesUnlinked());
        assertEquals(java.util.List.of(MarketingChannel.SMS), erased.consentsWithdrawn());
        assertFalse(consents.allows(member, MarketingChannel.SMS));
        assertTrue(profiles.profile(member).orElseThrow().erased());
    }
}
