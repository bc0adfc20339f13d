package io.github.omniretail.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.engagement.Decision.Outcome;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.MarketingChannel;
import io.github.omniretail.loyalty.spi.ConsentStore;
import io.github.omniretail.pricing.ExperimentLog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Audiences, consent, holdouts, caps, quiet hours, budgets under concurrency, experiment arms and uplift. */
class TreatmentsTest {
    static final Currency CNY = Currency.getInstance("CNY");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    final MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T02:00:00Z")); // 10:00 in Shanghai
    final ConsentRegistry consents = ConsentRegistry.of(ConsentStore.inMemory(), clock);

    static Money cny(String amount) {
        return Money.parse(amount, CNY);
    }

    static MemberFacts dormant(String id) {
        return new MemberFacts(MemberId.of(id), Set.of("沉睡"), Optional.of("silver"), OptionalLong.of(120));
    }

    List<MemberFacts> consenting(int n, MarketingChannel channel) {
        List<MemberFacts> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MemberFacts f = dormant("M-" + i);
            consents.grant(f.member(), channel, "app:onboarding");
            out.add(f);
        }
        return out;
    }

    Treatment.Builder winback() {
        return Treatment.builder("winback").audience(Audience.segments("沉睡").lastBoughtBetween(90, 365))
                .action(new Action.Coupon("WB-20", cny("20.00"))).reach(MarketingChannel.SMS, cny("100000.00"))
                .quietHours(LocalTime.of(21, 0), LocalTime.of(9, 0), SHANGHAI);
    }

    Treatments engine(Treatment... treatments) {
        Treatments.Builder b = Treatments.builder().consents(consents).experimentLog(new ExperimentLog(CNY))
                .clock(clock);
        for (Treatment t : treatments) {
            b.treatment(t);
        }
        return b.build();
    }

    @Test
    void audiencesMatchOnSegmentTierAndRecency() {
        Audience a = Audience.segments("沉睡", "流失").tiers("silver", "gold").lastBoughtBetween(90, 365);
        assertTrue(a.matches(dormant("M-1")));
        assertTrue(!a.matches(new MemberFacts(MemberId.of("M-2"), Set.of("高价值"), Optional.of("silver"),
                OptionalLong.of(120))), "segment");
        assertTrue(!a.matches(new MemberFacts(MemberId.of("M-3"), Set.of("沉睡"), Optional.empty(),
                OptionalLong.of(120))), "tier");
        assertTrue(!a.matches(new MemberFacts(MemberId.of("M-4"), Set.of("沉睡"), Optional.of("gold"),
                OptionalLong.of(30))), "recency");
        assertTrue(!a.matches(new MemberFacts(MemberId.of("M-5"), Set.of("沉睡"), Optional.of("gold"),
                OptionalLong.empty())), "never bought");
        assertTrue(Audience.everyone().matches(new MemberFacts(MemberId.of("M-6"), Set.of(), Optional.empty(),
                OptionalLong.empty())));
        assertThrows(IllegalArgumentException.class, () -> Audience.everyone().lastBoughtBetween(10, 5));
    }

    @Test
    void holdoutsAreDeterministicAndGetNothing() {
        Treatment t = winback().holdout(BasisPoints.of(1_000), "winback-2026-12").build();
        List<MemberFacts> members = consenting(4_000, MarketingChannel.SMS);
        List<Decision> first = engine(t).evaluateAll(members);
        List<Decision> again = engine(t).evaluateAll(members); // another instance, same assignment
        assertEquals(first.stream().map(Decision::outcome).toList(), again.stream().map(Decision::outcome).toList());
        long held = first.stream().filter(d -> d.outcome() == Outcome.HOLDOUT).count();
        assertTrue(held > 320 && held < 480, "about 10 % held out, was " + held);
        assertTrue(first.stream().filter(d -> d.outcome() == Outcome.HOLDOUT).allMatch(d -> d.action().isEmpty()));
        assertEquals(first.size() - held, first.stream().filter(d -> d.outcome() == Outcome.GRANTED).count());
        Treatment resalted = winback().holdout(BasisPoints.of(1_000), "winback-2027-01").build();
        assertTrue(!engine(resalted).evaluateAll(members).stream().map(Decision::outcome).toList()
                .equals(first.stream().map(Decision::outcome).toList()), "a new salt reshuffles");
    }

    @Test
    void consentIsRequiredAndCostsNothing() {
        Treatments engine = engine(winback().build());
        consents.grant(MemberId.of("M-1"), MarketingChannel.APP_PUSH, "app");
        assertEquals(Outcome.NO_CONSENT, engine.evaluate(dormant("M-1")).get(0).outcome(), "push is not SMS");
        assertEquals(cny("0.00"), engine.spent("winback"));
        consents.grant(MemberId.of("M-1"), MarketingChannel.SMS, "app");
        assertEquals(Outcome.GRANTED, engine.evaluate(dormant("M-1")).get(0).outcome());
        assertEquals(cny("20.00"), engine.spent("winback"));
    }

    @Test
    void frequencyCapsCountPerMemberWithinTheWindow() {
        Treatments engine = engine(winback().frequencyCap(2, Duration.ofDays(7)).build());
        MemberFacts m = consenting(1, MarketingChannel.SMS).get(0);
        assertEquals(Outcome.GRANTED, engine.evaluate(m).get(0).outcome());
        clock.advance(Duration.ofDays(1));
        assertEquals(Outcome.GRANTED, engine.evaluate(m).get(0).outcome());
        clock.advance(Duration.ofDays(5));
        assertEquals(Outcome.CAPPED, engine.evaluate(m).get(0).outcome());
        assertEquals(cny("40.00"), engine.spent("winback"), "a capped decision costs nothing");
        clock.advance(Duration.ofDays(1)); // the first grant left the 7-day window
        assertEquals(Outcome.GRANTED, engine.evaluate(m).get(0).outcome());
    }

    @Test
    void quietHoursDeferDeliveryToTheirEnd() {
        Treatments engine = engine(winback().build());
        MemberFacts m = consenting(1, MarketingChannel.SMS).get(0);
        clock.set(Instant.parse("2026-12-07T15:30:00Z")); // 23:30 in Shanghai
        Decision d = engine.evaluate(m).get(0);
        assertEquals(Outcome.GRANTED, d.outcome());
        assertEquals(Instant.parse("2026-12-08T01:00:00Z"), d.deliverAt(), "09:00 the next morning");
        clock.set(Instant.parse("2026-12-07T17:00:00Z")); // 01:00
        Decision later = engine(winback().build()).evaluate(m).get(0);
        assertEquals(Instant.parse("2026-12-08T01:00:00Z"), later.deliverAt(), "09:00 the same morning");
        clock.set(Instant.parse("2026-12-08T03:00:00Z")); // 11:00
        assertEquals(clock.instant(), engine(winback().build()).evaluate(m).get(0).deliverAt(), "not quiet: now");
    }

    @Test
    void budgetsAreNeverExceededUnderConcurrency() throws Exception {
        // ¥20 coupons and a ¥2,740 budget: exactly 137 grants, raced for by 8 threads over 2,000 members
        Treatment t = winback().reach(MarketingChannel.SMS, cny("2740.00")).build();
        Treatment sms = Treatment.builder("sms-nudge").action(new Action.Message("nudge.v1", cny("0.05")))
                .reach(MarketingChannel.SMS, cny("33.33")).quietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, SHANGHAI)
                .build();
        Treatments engine = engine(t, sms);
        List<MemberFacts> members = consenting(2_000, MarketingChannel.SMS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<Decision>>> slices = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            List<MemberFacts> slice = members.subList(s * 250, (s + 1) * 250);
            slices.add(pool.submit(() -> engine.evaluateAll(slice)));
        }
        List<Decision> all = new ArrayList<>();
        for (Future<List<Decision>> f : slices) {
            all.addAll(f.get());
        }
        pool.shutdown();
        Map<String, Long> granted = all.stream().filter(d -> d.outcome() == Outcome.GRANTED)
                .collect(Collectors.groupingBy(Decision::treatment, Collectors.counting()));
        assertEquals(137L, granted.get("winback"));
        assertEquals(666L, granted.get("sms-nudge"), "¥33.33 / ¥0.05");
        assertEquals(cny("2740.00"), engine.spent("winback"));
        assertEquals(cny("33.30"), engine.spent("sms-nudge"));
        assertEquals(2_000 - 137, all.stream().filter(d -> d.treatment().equals("winback")
                && d.outcome() == Outcome.BUDGET_EXHAUSTED).count());
    }

    @Test
    void armsSplitTheAudienceAndUpliftIsMeasuredAgainstTheHoldout() {
        Treatment t = Treatment.builder("vip-benefit").audience(Audience.segments("高价值"))
                .arm("coupon-50", new Action.Coupon("VIP-50", cny("50.00")))
                .arm("double-points", new Action.PointsMultiplier(BasisPoints.of(20_000), Duration.ofDays(7),
                        cny("30.00")))
                .holdout(BasisPoints.of(2_000), "vip-2026-12").reach(MarketingChannel.APP_PUSH, cny("1000000.00"))
                .quietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, SHANGHAI).build();
        Treatments engine = engine(t);
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Double> buyRate = Map.of("coupon-50", 0.30, "double-points", 0.20, "holdout", 0.10);
        for (int i = 0; i < 6_000; i++) {
            MemberFacts f = new MemberFacts(MemberId.of("V-" + i), Set.of("高价值"), Optional.of("gold"),
                    OptionalLong.of(10));
            consents.grant(f.member(), MarketingChannel.APP_PUSH, "app");
            Decision d = engine.evaluate(f).get(0);
            assertEquals(engine.armOf("vip-benefit", f.member()), d.arm().orElseThrow());
            if (random.nextDouble() < buyRate.get(d.arm().get())) {
                engine.converted(f.member(), cny("300.00"));
            }
        }
        Map<String, Uplift> uplift = engine.uplift("vip-benefit").stream()
                .collect(Collectors.toMap(Uplift::arm, Function.identity()));
        Uplift coupon = uplift.get("coupon-50");
        Uplift points = uplift.get("double-points");
        assertTrue(Math.abs(coupon.uplift() - 0.20) < 0.04 && coupon.significant(), coupon.toString());
        assertTrue(Math.abs(points.uplift() - 0.10) < 0.04 && points.significant(), points.toString());
        assertTrue(coupon.holdoutMembers() > 1_000 && coupon.holdoutMembers() < 1_400, coupon.toString());
        assertEquals(6_000, coupon.members() + points.members() + coupon.holdoutMembers());
    }

    @Test
    void badTreatmentsAreRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> winback().holdout(BasisPoints.of(6_000), "s").build());
        assertTrue(e.getMessage().contains("at most 50 %"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Treatment.builder("x")
                .action(new Action.Coupon("C", Money.parse("1.00", Currency.getInstance("USD"))))
                .reach(MarketingChannel.SMS, cny("10.00")).build());
        assertTrue(e.getMessage().contains("not in the budget's currency CNY"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> engine(winback().build(), winback().build()));
        assertTrue(e.getMessage().contains("winback is used twice"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> engine(winback().build()).spent("nope"));
    }
}
