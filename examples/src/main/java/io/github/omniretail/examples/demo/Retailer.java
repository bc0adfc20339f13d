package io.github.omniretail.examples.demo;

import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.core.event.LoyaltyEvent;
import io.github.omniretail.examples.demo.RetailWorld.Member;
import io.github.omniretail.examples.demo.RetailWorld.Product;
import io.github.omniretail.examples.demo.RetailWorld.Purchase;
import io.github.omniretail.inventory.ChannelRule;
import io.github.omniretail.inventory.ChannelSelector;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Lot;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.core.privacy.PersonalField;
import io.github.omniretail.core.privacy.Redactor;
import io.github.omniretail.core.spi.PrivacyPolicy;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.IdentityType;
import io.github.omniretail.loyalty.MarketingChannel;
import io.github.omniretail.loyalty.MemberProfiles;
import io.github.omniretail.loyalty.spi.ConsentStore;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.MemberDirectory;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.Tier;
import io.github.omniretail.loyalty.TierPolicy;
import io.github.omniretail.loyalty.spi.IdentityNormaliser;
import io.github.omniretail.pricing.Eligibility;
import io.github.omniretail.pricing.Experiment;
import io.github.omniretail.pricing.ExperimentLog;
import io.github.omniretail.pricing.Guardrail;
import io.github.omniretail.pricing.Offer;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.PricingRules;
import io.github.omniretail.pricing.spi.TierLookup;
import io.github.omniretail.pricing.Promotion;
import io.github.omniretail.pricing.PromotionSet;
import io.github.omniretail.pricing.TimeOfDaySchedule;
import io.github.omniretail.routing.PlanRule;
import io.github.omniretail.routing.RoutingEngine;
import io.github.omniretail.routing.RoutingPolicy;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The retailer's engines, wired the way a real deployment would wire them and loaded with a {@link RetailWorld}:
 * inventory (opening stock, walk-in ring-fences, marketplace caps, reorder points), routing over the whole network,
 * pricing (list, member and live-stream prices, evening fresh markdowns, cost-plus guardrails, 满200减50 / 满300减80
 * as an A/B test, 首单8折, 第二件半价 on dairy, free shipping over 99), the points ledger (three tiers, each member's
 * last 13 months of purchases earned at the time they happened) and the member directory (every channel identity
 * linked). Engines are thread-safe; this holder is immutable after {@link #open}.
 */
public final class Retailer {

    /** The app. */
    public static final Channel APP = Channel.of("app", ChannelKind.APP);
    /** The WeChat mini-program. */
    public static final Channel MINI = Channel.of("wechat-mini", ChannelKind.MINI_PROGRAM);
    /** A marketplace storefront. */
    public static final Channel MARKETPLACE = Channel.of("tmall", ChannelKind.MARKETPLACE);
    /** The evening live stream. */
    public static final Channel LIVE = Channel.of("douyin-live", ChannelKind.LIVE_STREAM);
    /** The stores' tills. */
    public static final Channel POS = Channel.of("store-pos", ChannelKind.STORE_POS);
    /** Every channel, in report order. */
    public static final List<Channel> CHANNELS = List.of(POS, APP, MINI, MARKETPLACE, LIVE);
    /** The A/B test of the two full-reduction offers. */
    public static final String EXPERIMENT = "full-reduction";
    /** Units of every SKU kept for walk-in customers at each store. */
    public static final int WALK_IN_RING_FENCE = 2;

    /** App and mini-program orders: the nearest node with everything, else the fewest nodes, over the whole network. */
    public static final RoutingPolicy NEAREST_WITH_STOCK = RoutingPolicy.nearestWithStock().withMaxCandidates(40);

    /** Orders from marketplaces and live streams leave store shelves alone: DC and dark stores first. */
    public static final RoutingPolicy WAREHOUSE_FIRST = RoutingPolicy.rules("warehouse first",
            PlanRule.FEWEST_SHIPMENTS, PlanRule.prefer("not from store shelves", n -> n.type() != NodeType.STORE),
            PlanRule.SHORTEST_DISTANCE).withMaxCandidates(40);

    private final RetailWorld world;
    private final SimulationClock clock;
    private final InventoryEngine inventory;
    private final RoutingEngine routing;
    private final PricingEngine pricing;
    private final PointsLedger ledger;
    private final MemberDirectory directory;
    private final ConsentRegistry consents;
    private final MemberProfiles profiles;
    private final ExperimentLog experimentLog;
    private final Checkout checkout;
    /** Members who bought before (history, and till sales today): no first-order offer for them. */
    private final Set<MemberId> buyers;
    private final Map<MemberId, Integer> memberIndex;
    private final Map<NodeId, FulfillmentNode> nodes = new HashMap<>();
    private final Map<io.github.omniretail.core.Sku, Integer> productIndex;
    private final long openingUnits;
    private final List<Integer> featured;
    private final Map<AccountKind, Long> openingProgram;

    /**
     * The demo's configuration, before any engine exists: what {@link #open} builds the engines from, and what a
     * framework wiring them itself (the Spring Boot example, through the starter) reads. The rules live here once.
     * Immutable but for the set of members who bought, which grows as orders are paid.
     */
    public static final class Setup {
        private final RetailWorld world;
        private final SimulationClock clock;
        private final List<Integer> featured;
        private final Set<MemberId> buyers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final Map<MemberId, Integer> memberIndex = new HashMap<>();
        private final ExperimentLog experimentLog = new ExperimentLog(RetailWorld.CNY);

        /**
         * @param world non-null world
         */
        public Setup(RetailWorld world) {
            this.world = Objects.requireNonNull(world, "world");
            // the clock starts before the history, which the ledger earns at the time it happened
            this.clock = new SimulationClock(RetailWorld.DAY.minusDays(400).atStartOfDay(RetailWorld.ZONE).toInstant(),
                    RetailWorld.ZONE);
            for (int i = 0; i < world.members().size(); i++) {
                memberIndex.put(world.members().get(i).id(), i);
            }
            this.featured = pickFeatured(world);
            for (Purchase p : world.history()) {
                buyers.add(world.members().get(p.member()).id());
            }
        }

        /** @return the world */
        public RetailWorld world() {
            return world;
        }

        /** @return the simulation clock every engine reads */
        public SimulationClock clock() {
            return clock;
        }

        /** @return the network the routing engine plans over */
        public List<FulfillmentNode> nodes() {
            return world.nodes();
        }

        /** @return the routing policy of app and mini-program orders */
        public RoutingPolicy routingPolicy() {
            return NEAREST_WITH_STOCK;
        }

        /** @return earn rules: standard, mini-program orders earn 1.2× */
        public LoyaltyRules loyaltyRules() {
            return LoyaltyRules.standard().withChannelMultiplier(ChannelKind.MINI_PROGRAM, BasisPoints.of(12_000));
        }

        /** @return three tiers over a year's points */
        public TierPolicy tiers() {
            return new TierPolicy(List.of(
                    new Tier("MEMBER", 0, BasisPoints.HUNDRED_PERCENT, "member"),
                    new Tier("SILVER", 800, BasisPoints.of(12_000), "silver"),
                    new Tier("GOLD", 3_000, BasisPoints.of(15_000), "gold")), Duration.ofDays(365), Duration.ofDays(30));
        }

        /** @return list, member and live-stream prices, markdowns and guardrails */
        public PricingRules pricingRules() {
            return rules(world, featured);
        }

        /** @return the promotions */
        public PromotionSet promotions() {
            return Retailer.promotions();
        }

        /** @return the running A/B test of the two full-reduction offers */
        public List<Experiment> experiments() {
            return List.of(Experiment.evenSplit(EXPERIMENT, "2026-11", "200-50", "300-80")
                    .withHoldout(BasisPoints.of(1_000)));
        }

        /** @return where the experiment's exposures and conversions are recorded */
        public ExperimentLog experimentLog() {
            return experimentLog;
        }

        /**
         * @param ledger the points ledger (asked lazily, so it may be built after the pricing engine)
         * @return a member's pricing tier, for the world's members
         */
        public TierLookup tierLookup(java.util.function.Supplier<PointsLedger> ledger) {
            return member -> memberIndex.containsKey(member)
                    ? Optional.of(ledger.get().tier(member).pricingTier()) : Optional.empty();
        }

        /** @return whether a member bought before (no first-order offer for them) */
        public java.util.function.Predicate<MemberId> boughtBefore() {
            return buyers::contains;
        }

        /** @return what 100 points are worth at the till: one yuan */
        public Money hundredPointsWorth() {
            return Money.parse("1.00", RetailWorld.CNY);
        }
    }

    /**
     * Engines built elsewhere from a {@link Setup}.
     *
     * @param inventory non-null inventory engine, empty
     * @param routing non-null routing engine over it
     * @param pricing non-null pricing engine
     * @param ledger non-null points ledger, empty
     * @param checkout non-null checkout over them
     */
    public record Engines(InventoryEngine inventory, RoutingEngine routing, PricingEngine pricing, PointsLedger ledger,
            Checkout checkout) {
        /** Checks for nulls. */
        public Engines {
            Objects.requireNonNull(inventory, "inventory");
            Objects.requireNonNull(routing, "routing");
            Objects.requireNonNull(pricing, "pricing");
            Objects.requireNonNull(ledger, "ledger");
            Objects.requireNonNull(checkout, "checkout");
        }
    }

    private Retailer(Setup setup, Engines engines) {
        this.world = setup.world;
        this.clock = setup.clock;
        this.buyers = setup.buyers;
        this.memberIndex = setup.memberIndex;
        this.featured = setup.featured;
        this.experimentLog = setup.experimentLog;
        world.nodes().forEach(n -> nodes.put(n.id(), n));
        productIndex = new HashMap<>();
        for (int i = 0; i < world.products().size(); i++) {
            productIndex.put(world.products().get(i).sku(), i);
        }
        inventory = engines.inventory();
        routing = engines.routing();
        pricing = engines.pricing();
        ledger = engines.ledger();
        checkout = engines.checkout();
        openingUnits = stock();
        directory = new MemberDirectory(IdentityNormaliser.saltedSha256(
                ("omniretail-demo-" + world.seed()).getBytes(StandardCharsets.UTF_8)));
        for (Member m : world.members()) {
            directory.link(m.id(), IdentityType.PHONE, m.phone());
            directory.link(m.id(), IdentityType.APP_USER, m.appUser());
            directory.link(m.id(), IdentityType.MINI_PROGRAM, m.openId());
            directory.link(m.id(), IdentityType.POS_CARD, m.posCard());
            m.marketplace().ifPresent(id -> directory.link(m.id(), IdentityType.MARKETPLACE, id));
        }
        // personal data: graded by the standard policy, hashed under a secret kept apart from the data
        consents = ConsentRegistry.of(ConsentStore.inMemory(), setup.clock());
        profiles = MemberProfiles.builder(Redactor.of(PrivacyPolicy.standard(),
                ("omniretail-demo-hash-" + world.seed()).getBytes(StandardCharsets.UTF_8)))
                .directory(directory).consents(consents).build();
        for (Member m : world.members()) {
            profiles.update(m.id(), Map.of(PersonalField.NAME, m.name(), PersonalField.PHONE, m.phone(),
                    PersonalField.ADDRESS, m.address(), PersonalField.BIRTHDAY, m.birthday().toString(),
                    PersonalField.LOCATION, m.home().latitude() + "," + m.home().longitude()));
            int h = Math.floorMod(m.id().hashCode(), 10);
            if (h < 6) {
                consents.grant(m.id(), MarketingChannel.SMS, "pos:signup-form");
            }
            if (h < 3) {
                consents.grant(m.id(), MarketingChannel.LOCATION, "app:permission-dialog");
            }
        }
        loadHistory();
        openingProgram = programBalances();
    }

    /**
     * Opens the retailer on a new {@link SimulationClock}: stock loaded, members enrolled and linked, the last 13
     * months of purchases earned in the ledger (the clock moves through them), and the clock left at
     * {@code dayStart}.
     *
     * @param world non-null world
     * @param dayStart where to leave the clock: on or after the start of the world's day
     * @param sink receives every engine event; non-null
     * @return the opened retailer
     */
    public static Retailer open(RetailWorld world, Instant dayStart, EventSink sink) {
        Setup setup = new Setup(world);
        SimulationClock clock = setup.clock();
        InventoryEngine inventory = InventoryEngine.builder().clock(clock).autoRegister(true)
                .eventSink(sink::inventory).build();
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(setup.nodes())
                .defaultPolicy(setup.routingPolicy()).build();
        PointsLedger ledger = PointsLedger.builder().clock(clock).eventSink(sink::loyalty).rules(setup.loyaltyRules())
                .tiers(setup.tiers()).build();
        PricingEngine pricing = PricingEngine.builder().clock(clock).rules(setup.pricingRules())
                .tierLookup(setup.tierLookup(() -> ledger)).promotions(setup.promotions())
                .experiments(setup.experiments()).experimentRecorder(setup.experimentLog()).build();
        Checkout checkout = Checkout.builder(inventory, routing, pricing).ledger(ledger).clock(clock)
                .zone(RetailWorld.ZONE).pointsWorth(100, setup.hundredPointsWorth())
                .paymentWindow(Duration.ofMinutes(15)).boughtBefore(setup.boughtBefore()).build();
        return adopt(setup, new Engines(inventory, routing, pricing, ledger, checkout), dayStart);
    }

    /**
     * Opens the retailer on engines built elsewhere from {@code setup} (empty: this loads them as {@link #open}
     * does), leaving the setup's clock at {@code dayStart}.
     *
     * @param setup non-null setup the engines were built from
     * @param engines non-null engines
     * @param dayStart where to leave the clock
     * @return the opened retailer
     */
    public static Retailer adopt(Setup setup, Engines engines, Instant dayStart) {
        Retailer r = new Retailer(Objects.requireNonNull(setup, "setup"), Objects.requireNonNull(engines, "engines"));
        setup.clock().moveTo(dayStart);
        r.ledger.expireDue();
        r.inventory.expireDue();
        return r;
    }

    /** Receives the engines' events (called on the thread that caused them). */
    public interface EventSink {
        /** @param event an inventory event */
        void inventory(InventoryEvent event);

        /** @param event a loyalty event */
        void loyalty(LoyaltyEvent event);

        /** @return a sink that drops everything */
        static EventSink none() {
            return new EventSink() {
                @Override
                public void inventory(InventoryEvent event) {
                }

                @Override
                public void loyalty(LoyaltyEvent event) {
                }
            };
        }
    }

    private long stock() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(world.seed() ^ 0x5EED5EEDL);
        List<Product> products = world.products();
        double totalPopularity = 0;
        for (Product p : products) {
            totalPopularity += p.popularity();
        }
        // rank by popularity: stores carry the top 70 %, dark stores the top 60 %
        Integer[] order = new Integer[products.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(products.get(b).popularity(), products.get(a).popularity()));
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        long units = 0;
        for (FulfillmentNode n : world.stockingNodes()) {
            inventory.registerNode(n.id());
        }
        for (int i = 0; i < products.size(); i++) {
            Product p = products.get(i);
            inventory.registerSku(p.sku());
            double demand = world.plannedOrders() * 4.2 * p.popularity() / totalPopularity;
            int atDc = (int) Math.max(40, Math.round(demand * 4));
            inventory.loadOnHand(p.sku(), world.dc().id(), atDc);
            units += atDc;
            for (FulfillmentNode store : world.stores()) {
                if (rank[i] < order.length * 0.7 || random.nextDouble() < 0.1) {
                    int q = (int) Math.max(1, Math.round(demand * 2.0 / 30 * (0.4 + random.nextDouble() * 1.2)))
                            + WALK_IN_RING_FENCE;
                    // a third of a bakery shelf is yesterday's bake: a lot that expires at 21:00 and sells first
                    int baked = p.category().equals("bakery") ? q / 3 : 0;
                    inventory.loadOnHand(p.sku(), store.id(), q - baked);
                    if (baked > 0) {
                        inventory.receive(IdempotencyKey.of("bake-" + p.sku().value() + "-" + store.id().value()),
                                p.sku(), store.id(), Lot.expiring("BK-" + RetailWorld.DAY.minusDays(1) + "-"
                                        + store.id().value(), RetailWorld.DAY.atTime(21, 0).atZone(RetailWorld.ZONE)
                                        .toInstant()), baked);
                    }
                    units += q;
                    if (rank[i] < 100) {
                        inventory.setReorderPoint(p.sku(), store.id(), Math.max(3, q / 4), Math.max(2, q / 4));
                    }
                }
            }
            if (rank[i] < order.length * 0.6) {
                for (FulfillmentNode dark : world.darkStores()) {
                    int q = (int) Math.max(4, Math.round(demand * 0.6 / 5 * (0.6 + random.nextDouble() * 0.8)));
                    inventory.loadOnHand(p.sku(), dark.id(), q);
                    units += q;
                    inventory.setReorderPoint(p.sku(), dark.id(), Math.max(2, q / 3), Math.max(2, q / 3));
                }
            }
        }
        for (FulfillmentNode store : world.stores()) {
            inventory.setChannelRules(store.id(), List.of(
                    ChannelRule.ringFence(ChannelSelector.kind(ChannelKind.STORE_POS), WALK_IN_RING_FENCE),
                    ChannelRule.capShare(ChannelSelector.kind(ChannelKind.MARKETPLACE), BasisPoints.of(3_000))));
        }
        return units;
    }

    /** The 20 most popular snacks, beauty and household products: the live stream's line-up. */
    static List<Integer> pickFeatured(RetailWorld world) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < world.products().size(); i++) {
            String c = world.products().get(i).category();
            if (c.equals("snacks") || c.equals("beauty") || c.equals("household")) {
                candidates.add(i);
            }
        }
        candidates.sort((a, b) -> Double.compare(world.products().get(b).popularity(),
                world.products().get(a).popularity()));
        return List.copyOf(candidates.subList(0, Math.min(20, candidates.size())));
    }

    private static PricingRules rules(RetailWorld world, List<Integer> featured) {
        PricingRules.Builder b = PricingRules.builder("hangzhou-" + RetailWorld.DAY, RetailWorld.CNY);
        List<Product> products = world.products();
        for (int i = 0; i < products.size(); i++) {
            Product p = products.get(i);
            b.sku(p.sku(), p.price(), p.category());
            b.guardrail(p.sku(), Guardrail.costPlus(p.cost(), BasisPoints.of(500)));
            if (i % 10 == 3) { // 会员价: a tenth of the range has a member price, about 10 % off
                Money member = p.price().times(java.math.BigDecimal.valueOf(0.9), RoundingMode.HALF_EVEN)
                        .max(p.cost().times(java.math.BigDecimal.valueOf(1.05), RoundingMode.CEILING));
                for (String tier : List.of("member", "silver", "gold")) {
                    b.tierPrice(tier, p.sku(), member);
                }
            }
        }
        for (int i : featured) {
            Product p = products.get(i);
            b.channelPrice(p.sku(), LIVE.id(), p.price().times(java.math.BigDecimal.valueOf(0.85), RoundingMode.HALF_EVEN)
                    .max(p.cost().times(java.math.BigDecimal.valueOf(1.05), RoundingMode.CEILING)));
        }
        b.tierDiscount("silver", BasisPoints.of(200));
        b.tierDiscount("gold", BasisPoints.of(500));
        b.schedule(new TimeOfDaySchedule("fresh-evening", Set.of("fresh", "dairy"), Set.of(), LocalTime.of(20, 0),
                LocalTime.of(2, 0), BasisPoints.of(3_000)));
        b.schedule(new TimeOfDaySchedule("bakery-evening", Set.of("bakery"), Set.of(), LocalTime.of(21, 0),
                LocalTime.of(2, 0), BasisPoints.of(5_000)));
        return b.build();
    }

    private static PromotionSet promotions() {
        Money m200 = Money.parse("200.00", RetailWorld.CNY);
        Money m300 = Money.parse("300.00", RetailWorld.CNY);
        return PromotionSet.of("hangzhou-2026-11", RetailWorld.CNY, List.of(
                Promotion.of("full-200-50", "满200减50", 10, Offer.Threshold.spend(m200,
                                Money.parse("50.00", RetailWorld.CNY)))
                        .eligibility(Eligibility.everyone().inExperiment(EXPERIMENT, "200-50"))
                        .inGroup("order-discounts"),
                Promotion.of("full-300-80", "满300减80", 11, Offer.Threshold.spend(m300,
                                Money.parse("80.00", RetailWorld.CNY)))
                        .eligibility(Eligibility.everyone().inExperiment(EXPERIMENT, "300-80"))
                        .inGroup("order-discounts"),
                Promotion.of("first-order", "首单8折", 20, new Offer.OrderPercentOff(BasisPoints.of(2_000)))
                        .eligibility(Eligibility.everyone().forNewCustomersOnly())
                        .inGroup("order-discounts"),
                Promotion.of("dairy-second-half", "乳品第二件半价", 5, new Offer.BuyXGetY(1, 1, BasisPoints.of(5_000)))
                        .eligibility(Eligibility.everyone().categories("dairy")),
                Promotion.of("free-shipping-99", "满99包邮", 1,
                        new Offer.FreeShipping(Optional.of(Money.parse("99.00", RetailWorld.CNY))))));
    }

    private void loadHistory() {
        Instant from = RetailWorld.DAY.minusDays(395).atStartOfDay(RetailWorld.ZONE).toInstant();
        for (Member m : world.members()) {
            ledger.enrol(m.id());
        }
        List<Purchase> history = world.history();
        for (int i = 0; i < history.size(); i++) {
            Purchase p = history.get(i);
            if (p.at().isBefore(from)) {
                continue;
            }
            clock.moveTo(p.at());
            Member m = world.members().get(p.member());
            ledger.earn(IdempotencyKey.of("hist-" + i), m.id(), OrderId.of("H-" + i),
                    channelOf(p.channel()), p.amount());
        }
    }

    static Channel channelOf(ChannelKind kind) {
        for (Channel c : CHANNELS) {
            if (c.kind() == kind) {
                return c;
            }
        }
        throw new IllegalArgumentException("no demo channel of kind " + kind);
    }

    /**
     * Every account's balance now: program accounts as the ledger reports them, member accounts summed over every
     * member.
     *
     * @return balances by account; they sum to zero
     */
    public Map<AccountKind, Long> programBalances() {
        Map<AccountKind, Long> out = new EnumMap<>(AccountKind.class);
        for (AccountKind k : AccountKind.values()) {
            out.put(k, k.memberAccount() ? 0L : ledger.programBalance(k));
        }
        for (Member m : world.members()) {
            io.github.omniretail.loyalty.Balance b = ledger.balance(m.id());
            out.merge(AccountKind.AVAILABLE, b.available(), Long::sum);
            out.merge(AccountKind.PENDING, b.pending(), Long::sum);
            out.merge(AccountKind.HELD, b.held(), Long::sum);
        }
        return out;
    }

    /** @return the world it was loaded from */
    public RetailWorld world() {
        return world;
    }

    /** @return the clock every engine reads */
    public SimulationClock clock() {
        return clock;
    }

    /** @return the inventory engine */
    public InventoryEngine inventory() {
        return inventory;
    }

    /** @return the routing engine */
    public RoutingEngine routing() {
        return routing;
    }

    /** @return the pricing engine */
    public PricingEngine pricing() {
        return pricing;
    }

    /** @return the points ledger */
    public PointsLedger ledger() {
        return ledger;
    }

    /** @return members' personal data (name, phone, address, birthday, home), shown by access level */
    public MemberProfiles profiles() {
        return profiles;
    }

    /** @return members' marketing consents */
    public ConsentRegistry consents() {
        return consents;
    }

    /** @return the member directory */
    public MemberDirectory directory() {
        return directory;
    }

    /** @return the checkout every order goes through, online and at the till */
    public Checkout checkout() {
        return checkout;
    }

    /** @return the A/B test's log */
    public ExperimentLog experimentLog() {
        return experimentLog;
    }

    /** @return units loaded at opening */
    public long openingUnits() {
        return openingUnits;
    }

    /** @return program balances when the day started */
    public Map<AccountKind, Long> openingProgram() {
        return openingProgram;
    }

    /** @return indexes of the live stream's products */
    public List<Integer> featured() {
        return featured;
    }

    /**
     * @param member a member id
     * @return its index in the world, if it is one of the world's members
     */
    public Optional<Integer> memberIndex(MemberId member) {
        return Optional.ofNullable(memberIndex.get(member));
    }

    /**
     * @param sku a SKU
     * @return its index in the catalogue, if it is in it
     */
    public Optional<Integer> productIndex(io.github.omniretail.core.Sku sku) {
        return Optional.ofNullable(productIndex.get(sku));
    }

    /**
     * @param id a node id
     * @return the node, if it is in the network
     */
    public Optional<FulfillmentNode> node(NodeId id) {
        return Optional.ofNullable(nodes.get(id));
    }
}
