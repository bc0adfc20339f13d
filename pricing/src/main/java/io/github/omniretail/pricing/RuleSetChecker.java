package io.github.omniretail.pricing;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reviews price rules and promotions before they go live: duplicate priorities, promotions that can never apply
 * (unknown targets, ended windows, coupons or pre-sale balances, behind an unconditional promotion that applies alone), and promotions
 * that, without the floor guard, could push a sample cart line below its floor or to zero. Stateless and
 * thread-safe.
 */
public final class RuleSetChecker {

    /** What a finding is about. */
    public enum Kind {
        /** Two promotions share a priority: their order would be undefined. */
        DUPLICATE_PRIORITY,
        /** A promotion can never apply. */
        UNREACHABLE,
        /** A promotion can push a line below its floor price (when the floor guard is off). */
        BELOW_FLOOR,
        /** A promotion can make a line free. */
        FREE_LINE
    }

    /**
     * One finding.
     *
     * @param kind what it is about; non-null
     * @param promotionId the promotion concerned; non-null
     * @param message what was found, with the values; non-null
     */
    public record Finding(Kind kind, String promotionId, String message) {
        /**
         * Validates.
         *
         * @param kind kind
         * @param promotionId promotion
         * @param message message
         */
        public Finding {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(promotionId, "promotionId");
            Objects.requireNonNull(message, "message");
        }
    }

    private RuleSetChecker() {
    }

    /**
     * Checks a configuration.
     *
     * @param rules the price rules; non-null
     * @param promotions the promotions as listed (duplicates allowed here); non-null
     * @param now the moment to judge ended windows and coupons against; non-null
     * @return the findings, in promotion order (empty when all is well)
     */
    public static List<Finding> check(PricingRules rules, List<Promotion> promotions, Instant now) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(now, "now");
        List<Finding> findings = new ArrayList<>();
        Map<Integer, String> priorities = new HashMap<>();
        Set<String> categories = new HashSet<>();
        for (Sku sku : rules.skus()) {
            categories.addAll(rules.categories(sku));
        }
        List<Promotion> sorted = new ArrayList<>(promotions);
        sorted.sort(java.util.Comparator.comparingInt(Promotion::priority));
        Promotion blocker = null;
        for (Promotion p : sorted) {
            String earlier = priorities.putIfAbsent(p.priority(), p.id());
            if (earlier != null) {
                findings.add(new Finding(Kind.DUPLICATE_PRIORITY, p.id(), "shares priority " + p.priority()
                        + " with " + earlier));
            }
            Eligibility e = p.eligibility();
            Set<Sku> unknownSkus = new HashSet<>(e.skus());
            unknownSkus.removeAll(rules.skus());
            Set<String> unknownCategories = new HashSet<>(e.categories());
            unknownCategories.removeAll(categories);
            if (!e.targetsEverything() && unknownSkus.size() == e.skus().size()
                    && unknownCategories.size() == e.categories().size()) {
                findings.add(new Finding(Kind.UNREACHABLE, p.id(), "targets only unknown SKUs " + sortedText(unknownSkus)
                        + " and categories " + sortedText(unknownCategories)));
            }
            if (p.offer() instanceof Offer.Bundle bundle && !rules.skus().containsAll(bundle.items().keySet())) {
                findings.add(new Finding(Kind.UNREACHABLE, p.id(), "bundle needs SKUs without a list price"));
            }
            if (e.until().isPresent() && e.until().get().isBefore(now.atOffset(ZoneOffset.ofHours(-14))
                    .toLocalDateTime())) {
                findings.add(new Finding(Kind.UNREACHABLE, p.id(), "ended at " + e.until().get() + " (local)"));
            }
            if (p.offer() instanceof Offer.Deposit d && !d.balanceDueBy().isAfter(now)) {
                findings.add(new Finding(Kind.UNREACHABLE, p.id(), "its pre-sale balance was due by "
                        + d.balanceDueBy()));
            }
            if (p.coupon().flatMap(Coupon::validUntil).filter(u -> !u.isAfter(now)).isPresent()) {
                findings.add(new Finding(Kind.UNREACHABLE, p.id(), "its coupon " + p.coupon().get().code()
                        + " expired at " + p.coupon().get().validUntil().get()));
            }
            if (blocker != null) {
                findings.add(new Finding(Kind.UNREACHABLE, p.id(), blocker.id() + " (priority " + blocker.priority()
                        + ") applies to every cart alone, so nothing after it applies"));
            }
            if (!p.stackable() && unconditional(p)) {
                blocker = blocker == null ? p : blocker;
            }
            samples(rules, p, now, findings);
        }
        return findings;
    }

    /** Always applies: no restrictions, no coupon or budget, and an offer with no precondition. */
    private static boolean unconditional(Promotion p) {
        Eligibility e = p.eligibility();
        boolean open = e.channels().isEmpty() && e.tiers().isEmpty() && !e.newCustomersOnly() && e.from().isEmpty()
                && e.until().isEmpty() && e.nodes().isEmpty() && e.targetsEverything() && e.minimumQuantity() == 0
                && e.experiment().isEmpty() && p.coupon().isEmpty() && p.budget().isEmpty();
        return open && (p.offer() instanceof Offer.PercentOff || p.offer() instanceof Offer.OrderPercentOff
                || p.offer() instanceof Offer.AmountOff);
    }

    /** Runs the promotion alone, floor guard off, on one-SKU carts (1–3 units) and on the whole catalogue. */
    private static void samples(PricingRules rules, Promotion p, Instant now, List<Finding> findings) {
        Eligibility e = p.eligibility();
        Instant at = e.from().map(f -> f.toInstant(ZoneOffset.UTC)).orElse(now);
        MemberId member = MemberId.of("rule-set-checker");
        // a channel the promotion runs on (rules name channels by id; the kind does not change a price)
        Channel channel = Channel.of(e.channels().stream().findFirst().orElse(ChannelId.of("checker")).value(),
                ChannelKind.APP);
        PricingContext context = new PricingContext(channel,
                e.nodes().stream().findFirst(), ZoneOffset.UTC, at, Optional.of(member), e.newCustomersOnly());
        Optional<String> tier = e.tiers().stream().findFirst();
        PricingEngine.Builder builder = PricingEngine.builder().clock(Clock.fixed(at, ZoneOffset.UTC)).rules(rules)
                .promotions(PromotionSet.of("checker", rules.currency(), List.of(p))).floorGuard(false)
                .tierLookup(m -> tier);
        e.experiment().ifPresent(arm -> builder.experiments(List.of(new Experiment(arm.experimentId(), "checker",
                Map.of(arm.variant(), 1, arm.variant() + "-other", 1), io.github.omniretail.core.BasisPoints.ZERO))));
        PricingEngine engine = builder.build();
        Set<String> codes = p.coupon().map(c -> Set.of(c.code())).orElse(Set.of());
        List<Cart> carts = new ArrayList<>();
        List<Sku> skus = rules.skus().stream().sorted().toList();
        for (Sku sku : skus) {
            for (int q = 1; q <= 3; q++) {
                carts.add(new Cart(List.of(new Cart.Line(sku, q)), Money.zero(rules.currency()), codes));
            }
        }
        if (!skus.isEmpty()) {
            carts.add(new Cart(skus.stream().limit(50).map(s -> new Cart.Line(s, 2)).toList(),
                    Money.zero(rules.currency()), codes));
        }
        Set<String> reported = new HashSet<>();
        for (Cart cart : carts) {
            CartQuote quote = engine.quote(cart, context, StackingMode.PRIORITY);
            for (LineQuote line : quote.lines()) {
                Sku sku = line.item().sku();
                if (line.net().isZero() && line.amount().isPositive() && reported.add("free:" + sku)) {
                    findings.add(new Finding(Kind.FREE_LINE, p.id(), "can make " + sku + " free (" + line.quantity()
                            + " × " + line.item().price().amountString() + " on a sample cart)"));
                }
                Optional<Money> floor = line.item().floor();
                if (floor.isPresent() && line.net().isLessThan(floor.get().times(line.quantity()))
                        && reported.add("floor:" + sku)) {
                    findings.add(new Finding(Kind.BELOW_FLOOR, p.id(), "can push " + sku + " to "
                            + line.net().amountString() + " for " + line.quantity() + ", below its floor "
                            + floor.get().amountString() + " each (the floor guard prevents it)"));
                }
            }
        }
    }

    private static String sortedText(Set<?> values) {
        return values.stream().map(Object::toString).sorted().toList().toString();
    }
}
