package io.github.omniretail.testkit.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.privacy.AccessLevel;
import io.github.omniretail.core.privacy.KeyRing;
import io.github.omniretail.core.privacy.PersonalField;
import io.github.omniretail.core.privacy.Redactor;
import io.github.omniretail.core.spi.PrivacyPolicy;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.Balance;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.IdentityType;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.MarketingChannel;
import io.github.omniretail.loyalty.MemberDirectory;
import io.github.omniretail.loyalty.MemberProfiles;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.ConsentStore;
import io.github.omniretail.loyalty.spi.IdentityNormaliser;
import io.github.omniretail.loyalty.spi.IdentityStore;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.loyalty.spi.ProfileStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Erasure on a store: a member with points, identities, consents and an encrypted profile is erased; the profile
 * keeps only a pseudonym, the identities are gone, every granted consent is withdrawn (the consent record is kept),
 * and balances, the statement and the double-entry sums are unchanged. Stores with something at rest also show no trace of the member's personal data there.
 * Extend it and return stores on fresh storage from {@link #newStores}.
 */
public abstract class ErasureContract {

    /**
     * The stores of one fresh storage.
     *
     * @param ledger a ledger store
     * @param identities an identity store
     * @param profiles a profile store encrypting with the given keys
     * @param consents a consent store (closed after the test if it is {@link AutoCloseable})
     */
    public record Stores(LedgerStore ledger, IdentityStore identities, ProfileStore profiles, ConsentStore consents) {
    }

    /**
     * Stores on fresh storage.
     *
     * @param keys the keys profiles are encrypted with
     * @return the stores
     */
    protected abstract Stores newStores(KeyRing keys);

    /**
     * Everything the stores keep of members' identities and profiles, as text, to search for the erased member's
     * data; empty for stores with nothing at rest.
     *
     * @param stores stores from {@link #newStores}
     * @return the dump, or empty
     */
    protected Optional<String> atRest(Stores stores) {
        return Optional.empty();
    }

    @Test
    void anErasedMemberKeepsBalancesAndTheLedgerStillSumsToZero() throws Exception {
        MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T02:00:00Z"));
        byte[] secret = "erasure-contract-secret".getBytes(StandardCharsets.UTF_8);
        Stores stores = newStores(KeyRing.of("k1", new byte[32]));
        PointsLedger ledger = PointsLedger.builder().store(stores.ledger()).clock(clock)
                .rules(LoyaltyRules.standard().withPendingFor(Duration.ZERO)).build();
        MemberDirectory directory = new MemberDirectory(IdentityNormaliser.saltedSha256(secret), stores.identities());
        ConsentRegistry consents = ConsentRegistry.of(stores.consents(), clock);
        MemberProfiles profiles = MemberProfiles.builder(Redactor.of(PrivacyPolicy.standard(), secret))
                .store(stores.profiles()).directory(directory).consents(consents).build();
        MemberId erased = MemberId.of("M-ERASED");
        MemberId kept = MemberId.of("M-KEPT");
        Currency cny = Currency.getInstance("CNY");
        Channel app = Channel.of("app", ChannelKind.APP);
        for (MemberId m : List.of(erased, kept)) {
            ledger.enrol(m);
            ledger.earn(IdempotencyKey.of("earn-" + m.value()), m, OrderId.of("O-" + m.value()), app,
                    Money.parse("260.00", cny));
        }
        ledger.redeem(IdempotencyKey.of("redeem-1"), erased, 60);
        directory.link(erased, IdentityType.PHONE, "13812348000");
        directory.link(erased, IdentityType.EMAIL, "xm.wang@example.com");
        directory.link(kept, IdentityType.PHONE, "13900001111");
        consents.grant(erased, MarketingChannel.SMS, "pos:signup-form");
        consents.grant(erased, MarketingChannel.EMAIL, "app:settings");
        consents.withdraw(erased, MarketingChannel.EMAIL, "app:settings");
        consents.grant(kept, MarketingChannel.SMS, "pos:signup-form");
        profiles.update(erased, Map.of(PersonalField.NAME, "王小明", PersonalField.PHONE, "13812348000",
                PersonalField.ADDRESS, "浙江省杭州市西湖区文三路90号", PersonalField.BIRTHDAY, "1990-05-17"));
        profiles.update(kept, Map.of(PersonalField.NAME, "李娜", PersonalField.PHONE, "13900001111"));
        Balance before = ledger.balance(erased);
        int statement = ledger.statement(erased, 0, 50).size();

        MemberProfiles.Erasure erasure = profiles.erase(erased);

        assertEquals(4, erasure.fieldsErased().size());
        assertEquals(2, erasure.identitiesUnlinked());
        assertEquals(List.of(MarketingChannel.SMS), erasure.consentsWithdrawn(), "only what was granted");
        assertFalse(consents.allows(erased, MarketingChannel.SMS));
        assertTrue(consents.allows(kept, MarketingChannel.SMS), "others' consent untouched");
        List<io.github.omniretail.loyalty.Consent> record = consents.history(erased);
        assertEquals(4, record.size(), "the consent record is kept: " + record);
        assertEquals("erasure", record.get(3).source());
        assertFalse(record.get(3).granted());
        assertTrue(profiles.profile(erased).orElseThrow().erased());
        assertTrue(profiles.view(erased, AccessLevel.OWNER).isEmpty());
        assertEquals(Optional.empty(), directory.lookup(IdentityType.PHONE, "13812348000"));
        assertEquals(Optional.of(kept), directory.lookup(IdentityType.PHONE, "13900001111"), "others untouched");
        assertEquals("13900001111", profiles.view(kept, AccessLevel.OWNER).get(PersonalField.PHONE));
        assertEquals(before, ledger.balance(erased), "balances unchanged");
        assertEquals(statement, ledger.statement(erased, 0, 50).size(), "the statement unchanged");
        long sum = ledger.balance(erased).total() + ledger.balance(kept).total();
        for (AccountKind k : AccountKind.values()) {
            sum += k.memberAccount() ? 0 : ledger.programBalance(k);
        }
        assertEquals(0, sum, "the ledger still sums to zero");
        atRest(stores).ifPresent(dump -> {
            for (String clear : List.of("13812348000", "王小明", "文三路", "1990-05-17")) {
                assertFalse(dump.contains(clear), "'" + clear + "' left at rest");
            }
            assertTrue(dump.contains(erasure.pseudonym()), "the pseudonym stays");
        });
        if (stores.consents() instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
