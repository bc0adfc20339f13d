package io.github.omniretail.testkit.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.engagement.Action;
import io.github.omniretail.engagement.Audience;
import io.github.omniretail.engagement.Decision;
import io.github.omniretail.engagement.MemberFacts;
import io.github.omniretail.engagement.Treatment;
import io.github.omniretail.engagement.Treatments;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.Money;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.MarketingChannel;
import io.github.omniretail.loyalty.spi.ConsentStore;
import io.github.omniretail.pricing.ExperimentLog;
import io.github.omniretail.pricing.spi.PromotionLedger;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A {@link PromotionLedger} as the shared budget of treatments ({@code Treatments.Builder#budgets}): two instances
 * racing over 2,000 members with 8 threads grant exactly what one budget covers. Extend it and return a ledger on
 * fresh storage; both instances get the same one.
 */
public abstract class SharedBudgetContract {
    private static final Currency CNY = Currency.getInstance("CNY");

    /**
     * A ledger on fresh storage.
     *
     * @return the ledger
     */
    protected abstract PromotionLedger newLedger();

    /** What a race granted. */
    public record Result(long granted, Money spentOnA, Money spentOnB) {
    }

    /**
     * Two {@link Treatments} instances, 4 threads each over disjoint slices of {@code members} consenting members,
     * decide a ¥20 coupon treatment with the given budget.
     *
     * @param members members in all
     * @param budget the treatment's budget
     * @param ledgerA instance A's budgets, or null for memory
     * @param ledgerB instance B's budgets, or null for memory
     * @return grants and what each instance reports spent
     * @throws Exception if a thread fails
     */
    public static Result race(int members, Money budget, @Nullable PromotionLedger ledgerA,
            @Nullable PromotionLedger ledgerB)
            throws Exception {
        MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T02:00:00Z"));
        ConsentRegistry consents = ConsentRegistry.of(ConsentStore.inMemory(), clock);
        Treatment t = Treatment.builder("winback").audience(Audience.segments("沉睡"))
                .action(new Action.Coupon("WB-20", Money.parse("20.00", budget.currency())))
                .reach(MarketingChannel.SMS, budget)
                .quietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneId.of("Asia/Shanghai")).build();
        List<Treatments> instances = new ArrayList<>();
        for (@Nullable PromotionLedger ledger : java.util.Arrays.asList(ledgerA, ledgerB)) {
            Treatments.Builder b = Treatments.builder().treatment(t).consents(consents)
                    .experimentLog(new ExperimentLog(budget.currency())).clock(clock);
            if (ledger != null) {
                b.budgets(ledger);
            }
            instances.add(b.build());
        }
        List<MemberFacts> facts = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            MemberId m = MemberId.of("M-" + i);
            consents.grant(m, MarketingChannel.SMS, "app:onboarding");
            facts.add(new MemberFacts(m, Set.of("沉睡"), Optional.empty(), OptionalLong.of(120)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<Decision>>> slices = new ArrayList<>();
        int slice = members / 8;
        for (int s = 0; s < 8; s++) {
            Treatments on = instances.get(s % 2);
            List<MemberFacts> part = facts.subList(s * slice, s == 7 ? members : (s + 1) * slice);
            slices.add(pool.submit(() -> on.evaluateAll(part)));
        }
        long granted = 0;
        for (Future<List<Decision>> f : slices) {
            granted += f.get().stream().filter(d -> d.outcome() == Decision.Outcome.GRANTED).count();
        }
        pool.shutdown();
        return new Result(granted, instances.get(0).spent("winback"), instances.get(1).spent("winback"));
    }

    @Test
    void twoInstancesOnOneLedgerKeepOneBudget() throws Exception {
        PromotionLedger shared = newLedger();
        Result r = race(2_000, Money.parse("2740.00", CNY), shared, shared);
        assertEquals(137, r.granted(), "¥2,740 / ¥20 between both instances");
        assertEquals(Money.parse("2740.00", CNY), r.spentOnA());
        assertEquals(Money.parse("2740.00", CNY), r.spentOnB());
        assertEquals(274_000, shared.spent("treatment:winback"));
    }
}
