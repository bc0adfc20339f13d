package io.github.omniretail.pricing;

import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who and what a promotion is for. Empty sets mean "any". Time bounds are local date-times read in the context's
 * (the node's) time zone, so "until 22:00" means 22:00 at the store.
 *
 * @param channels channels it runs on; non-null
 * @param tiers member pricing tiers it is for; non-null
 * @param newCustomersOnly only on a customer's first order
 * @param from local start, inclusive, if any; non-null optional
 * @param until local end, exclusive, if any; non-null optional
 * @param nodes nodes (stores) it runs at; non-null
 * @param skus SKUs it targets; non-null
 * @param categories categories it targets (SKUs and categories both empty: every line); non-null
 * @param minimumQuantity units of target lines the cart needs, ≥ 0
 * @param experiment the experiment variant it is for, if it is an A/B arm; non-null optional
 */
public record Eligibility(Set<ChannelId> channels, Set<String> tiers, boolean newCustomersOnly,
        Optional<LocalDateTime> from, Optional<LocalDateTime> until, Set<NodeId> nodes, Set<Sku> skus,
        Set<String> categories, int minimumQuantity, Optional<ExperimentArm> experiment) {

    /**
     * The arm of an A/B test a promotion belongs to: it applies only to members assigned to that variant.
     *
     * @param experimentId the experiment; non-blank
     * @param variant the variant; non-blank
     */
    public record ExperimentArm(String experimentId, String variant) {
        /**
         * Validates.
         *
         * @param experimentId the experiment
         * @param variant the variant
         */
        public ExperimentArm {
            PricingRules.requireId(experimentId);
            PricingRules.requireId(variant);
        }
    }

    /**
     * Validates and copies.
     *
     * @param channels channels
     * @param tiers tiers
     * @param newCustomersOnly first orders only
     * @param from local start
     * @param until local end
     * @param nodes nodes
     * @param skus target SKUs
     * @param categories target categories
     * @param minimumQuantity units needed
     * @param experiment experiment arm
     */
    public Eligibility {
        Objects.requireNonNull(experiment, "experiment");
        channels = Set.copyOf(channels);
        tiers = Set.copyOf(tiers);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        nodes = Set.copyOf(nodes);
        skus = Set.copyOf(skus);
        categories = Set.copyOf(categories);
        if (minimumQuantity < 0) {
            throw new IllegalArgumentException("minimumQuantity must be >= 0, was " + minimumQuantity);
        }
        if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
            throw new IllegalArgumentException("until " + until.get() + " must be after from " + from.get());
        }
    }

    /** @return no restriction: every customer, every line */
    public static Eligibility everyone() {
        return new Eligibility(Set.of(), Set.of(), false, Optional.empty(), Optional.empty(), Set.of(), Set.of(),
                Set.of(), 0, Optional.empty());
    }

    /**
     * @param targets the SKUs it targets
     * @return a copy targeting them
     */
    public Eligibility skus(Sku... targets) {
        return new Eligibility(channels, tiers, newCustomersOnly, from, until, nodes, Set.of(targets), categories,
                minimumQuantity, experiment);
    }

    /**
     * @param targets the categories it targets
     * @return a copy targeting them
     */
    public Eligibility categories(String... targets) {
        return new Eligibility(channels, tiers, newCustomersOnly, from, until, nodes, skus, Set.of(targets),
                minimumQuantity, experiment);
    }

    /**
     * @param only the channels it runs on
     * @return a copy
     */
    public Eligibility channels(ChannelId... only) {
        return new Eligibility(Set.of(only), tiers, newCustomersOnly, from, until, nodes, skus, categories,
                minimumQuantity, experiment);
    }

    /**
     * @param only the pricing tiers it is for
     * @return a copy
     */
    public Eligibility tiers(String... only) {
        return new Eligibility(channels, Set.of(only), newCustomersOnly, from, until, nodes, skus, categories,
                minimumQuantity, experiment);
    }

    /** @return a copy for first orders only */
    public Eligibility forNewCustomersOnly() {
        return new Eligibility(channels, tiers, true, from, until, nodes, skus, categories, minimumQuantity,
                experiment);
    }

    /**
     * @param start local start, inclusive; non-null
     * @param end local end, exclusive; non-null
     * @return a copy running in that window
     */
    public Eligibility during(LocalDateTime start, LocalDateTime end) {
        return new Eligibility(channels, tiers, newCustomersOnly, Optional.of(start), Optional.of(end), nodes, skus,
                categories, minimumQuantity, experiment);
    }

    /**
     * @param only the nodes it runs at
     * @return a copy
     */
    public Eligibility nodes(NodeId... only) {
        return new Eligibility(channels, tiers, newCustomersOnly, from, until, Set.of(only), skus, categories,
                minimumQuantity, experiment);
    }

    /**
     * @param units units of target lines needed
     * @return a copy
     */
    public Eligibility minimumQuantity(int units) {
        return new Eligibility(channels, tiers, newCustomersOnly, from, until, nodes, skus, categories, units,
                experiment);
    }

    /**
     * @param experimentId the experiment
     * @param variant the variant this promotion is for
     * @return a copy that applies only to members assigned to that variant
     */
    public Eligibility inExperiment(String experimentId, String variant) {
        return new Eligibility(channels, tiers, newCustomersOnly, from, until, nodes, skus, categories,
                minimumQuantity, Optional.of(new ExperimentArm(experimentId, variant)));
    }

    /** True when the promotion targets every line. */
    boolean targetsEverything() {
        return skus.isEmpty() && categories.isEmpty();
    }

    boolean targets(Sku sku, Set<String> skuCategories) {
        if (targetsEverything() || skus.contains(sku)) {
            return true;
        }
        for (String c : skuCategories) {
            if (categories.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why this eligibility refuses a quote, naming the rule and the values it saw, or empty when it admits it.
     * Checked in a fixed order: channel, node, member tier, experiment arm, first order, local time window, target
     * units, minimum quantity.
     *
     * @param context non-null who, where and when
     * @param tier the member's pricing tier, if any
     * @param experiments non-null running experiments by id
     * @param targetUnits units of the cart's lines this promotion targets
     * @return the refusal, if any
     */
    Optional<String> refusal(PricingContext context, Optional<String> tier,
            java.util.Map<String, Experiment> experiments, int targetUnits) {
        if (!channels.isEmpty() && !channels.contains(context.channel().id())) {
            return Optional.of("not on channel " + context.channel().id() + " (runs on " + sorted(channels) + ")");
        }
        if (!nodes.isEmpty() && (context.node().isEmpty() || !nodes.contains(context.node().get()))) {
            return Optional.of("not at " + context.node().map(Object::toString).orElse("an unknown node")
                    + " (runs at " + sorted(nodes) + ")");
        }
        if (!tiers.isEmpty() && (tier.isEmpty() || !tiers.contains(tier.get()))) {
            return Optional.of("for member tiers " + sorted(tiers) + " only" + tier.map(t -> " (member is " + t
                    + ")").orElse(" (no member tier)"));
        }
        if (experiment.isPresent()) {
            ExperimentArm arm = experiment.get();
            Experiment running = experiments.get(arm.experimentId());
            if (running == null) {
                return Optional.of("experiment " + arm.experimentId() + " is not running");
            }
            if (context.member().isEmpty()) {
                return Optional.of("experiment " + arm.experimentId() + " assigns members only (no member id)");
            }
            String variant = running.variantOf(context.member().get());
            if (!variant.equals(arm.variant())) {
                return Optional.of("experiment " + arm.experimentId() + ": member is in " + variant + ", not "
                        + arm.variant());
            }
        }
        if (newCustomersOnly && !context.newCustomer()) {
            return Optional.of("for a customer's first order only");
        }
        LocalDateTime local = LocalDateTime.ofInstant(context.at(), context.zone());
        if (from.isPresent() && local.isBefore(from.get()) || until.isPresent() && !local.isBefore(until.get())) {
            return Optional.of("runs " + from.map(Object::toString).orElse("…") + " to "
                    + until.map(Object::toString).orElse("…") + " " + context.zone() + " (local now "
                    + local.withNano(0) + ")");
        }
        if (targetUnits == 0) {
            return Optional.of("no target items in the cart");
        }
        if (targetUnits < minimumQuantity) {
            return Optional.of("needs " + minimumQuantity + " target units, cart has " + targetUnits);
        }
        return Optional.empty();
    }

    private static String sorted(Set<?> values) {
        return values.stream().map(Object::toString).sorted().toList().toString();
    }
}
