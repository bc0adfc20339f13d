package io.github.omniretail.examples.demo;

import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.checkout.OrderRequest;
import io.github.omniretail.checkout.OrderStatus;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.privacy.AccessLevel;
import io.github.omniretail.core.privacy.PersonalField;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.core.event.LoyaltyEvent;
import io.github.omniretail.examples.demo.RetailWorld.Member;
import io.github.omniretail.examples.demo.RetailWorld.Product;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.inventory.StockEvent;
import io.github.omniretail.inventory.Transfer;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.IdentityType;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.PointsEvent;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.Posting;
import io.github.omniretail.pricing.Cart;
import io.github.omniretail.pricing.CartQuote;
import io.github.omniretail.pricing.LineQuote;
import io.github.omniretail.pricing.PriceStage;
import io.github.omniretail.routing.CandidateVerdict;
import io.github.omniretail.routing.FulfillmentPlan;
import io.github.omniretail.routing.RoutingPolicy;
import io.github.omniretail.routing.Shipment;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Runs one day of the retailer: orders from every channel through pricing, routing, inventory and the points ledger,
 * the periodic sweeps, replenishment and transfers, returns, and the end-of-day analytics. Single-threaded and
 * deterministic: the same world gives the same {@link DaySummary}. Not thread-safe; run one day per instance.
 *
 * <p><b>Why one class of this size.</b> It is the day's script: a priority queue of timed tasks, and one method per
 * kind of customer (a walk-in, an online order), per periodic job (sweeps, replenishment, store transfers) and for the
 * close. What happens when is the design, and it reads top to bottom in one place. Everything that is not the script
 * lives beside it: the world ({@link RetailWorld}), the wiring ({@link Retailer}), the KPI record of the day
 * ({@link DayLog}), tomorrow's forecasts and plan ({@link Outlook}), member scoring ({@link MemberAnalytics}) and the
 * summary ({@link DaySummary}).
 */
public final class RetailDay {

    private static final Money SHIPPING_FEE = Money.parse("6.00", RetailWorld.CNY);
    /** Orders per local hour by channel (07:00 to 22:00 are non-zero). */
    private static final Map<ChannelKind, double[]> HOURLY = Map.of(
            ChannelKind.STORE_POS, hours(0, 2, 5, 6, 6, 7, 6, 5, 5, 6, 8, 9, 8, 6, 4, 1),
            ChannelKind.APP, hours(1, 3, 4, 4, 6, 8, 6, 4, 4, 5, 7, 9, 9, 8, 6, 3),
            ChannelKind.MINI_PROGRAM, hours(1, 3, 4, 5, 7, 8, 6, 4, 4, 5, 7, 8, 8, 7, 5, 2),
            ChannelKind.MARKETPLACE, hours(2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 5),
            ChannelKind.LIVE_STREAM, hours(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 70, 18, 6));
    private static final Map<ChannelKind, Double> SHARE = Map.of(ChannelKind.STORE_POS, 0.38, ChannelKind.APP, 0.22,
            ChannelKind.MINI_PROGRAM, 0.18, ChannelKind.MARKETPLACE, 0.09, ChannelKind.LIVE_STREAM, 0.13);

    private final Retailer retailer;
    private final RetailWorld world;
    private final InventoryEngine inventory;
    private final PointsLedger ledger;
    private final Checkout checkout;
    private final SplittableRandom random;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final List<InventoryEvent> pendingEvents = new ArrayList<>();
    private long sequence;

    // counters
    private int orders;
    private int fulfilled;
    private int cancelled;
    private final Map<String, Integer> rejected = new TreeMap<>();
    private final Map<String, Integer> byChannel = new LinkedHashMap<>();
    private long revenue;
    private long savings;
    private long markdownRevenue;
    private int routed;
    private int split;
    private int downgraded;
    private int avoided;
    private final Map<String, Integer> mix = new LinkedHashMap<>();
    private final Map<String, Integer> promotionsApplied = new TreeMap<>();
    private final Map<String, double[]> distance = new LinkedHashMap<>();
    private int alerts;
    private int replenishments;
    private int storeTransfers;
    private int holdsExpired;
    private int returns;
    private long unitsFulfilled;
    private long unitsReturned;
    private final Map<Long, Integer> inTransit = new HashMap<>();
    private final Set<String> replenishing = new HashSet<>();
    private final List<StockEvent.LowStock> storeAlerts = new ArrayList<>();
    private long earned;
    private long reversed;
    private long redeemed;
    private long expired;
    private int upgrades;
    private int downgrades;
    private final Map<String, int[]> perHour = new LinkedHashMap<>();
    private final long[] revenuePerHour = new long[24];
    private final long[] markdownPerHour = new long[24];
    private final List<DaySummary.Delivery> deliveries = new ArrayList<>();
    private final List<MemberAnalytics.Purchase> todaysPurchases = new ArrayList<>();
    private boolean dayStarted;
    private final DayLog log;
    private long wasted;

    private RetailDay(RetailWorld world, Instant start, Retailer.EventSink tap) {
        this.world = world;
        this.random = new SplittableRandom(world.seed() * 31 + 7);
        this.retailer = Retailer.open(world, start, new Retailer.EventSink() {
            @Override
            public void inventory(InventoryEvent event) {
                tap.inventory(event);
                if (dayStarted) {
                    pendingEvents.add(event);
                }
            }

            @Override
            public void loyalty(LoyaltyEvent event) {
                tap.loyalty(event);
                if (dayStarted) {
                    points(event);
                }
            }
        });
        this.inventory = retailer.inventory();
        this.ledger = retailer.ledger();
        this.checkout = retailer.checkout();
        this.log = new DayLog(world, inventory);
        for (Channel c : Retailer.CHANNELS) {
            byChannel.put(c.id().value(), 0);
            perHour.put(c.id().value(), new int[24]);
        }
        for (String m : List.of("walk-in at the till", "pickup from the store shelf", "pickup via transfer",
                "same-day from dark store", "shipped from dark store", "shipped from store", "shipped from DC")) {
            mix.put(m, 0);
        }
    }

    /** Told how far the day has got. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Called after each task (an order, a sweep, a transfer, a return).
         *
         * @param done tasks done so far
         * @param total tasks known so far: done + still planned (grows when tasks plan others)
         */
        void update(int done, int total);
    }

    /**
     * Opens the retailer on the world and runs its day.
     *
     * @param world non-null world
     * @param progress told after every task; non-null
     * @return the day's summary
     */
    public static DaySummary run(RetailWorld world, Progress progress) {
        return run(world, progress, Retailer.EventSink.none());
    }

    /**
     * Opens the retailer on the world and runs its day, passing every engine event (opening included) to a tap.
     *
     * @param world non-null world
     * @param progress told after every task; non-null
     * @param tap receives every event; non-null
     * @return the day's summary
     */
    public static DaySummary run(RetailWorld world, Progress progress, Retailer.EventSink tap) {
        RetailDay day = new RetailDay(world, RetailWorld.DAY.atTime(6, 0).atZone(RetailWorld.ZONE).toInstant(), tap);
        return day.simulate(progress);
    }

    private DaySummary simulate(Progress progress) {
        dayStarted = true;
        log.opening(retailer.clock().instant());
        plan();
        int done = 0;
        while (!tasks.isEmpty()) {
            Task t = tasks.poll();
            retailer.clock().moveTo(t.at);
            t.action.run();
            drainEvents();
            done++;
            progress.update(done, done + tasks.size());
        }
        return summarise();
    }

    private record Task(Instant at, long seq, Runnable action) implements Comparable<Task> {
        @Override
        public int compareTo(Task o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private void at(Instant when, Runnable action) {
        tasks.add(new Task(when, sequence++, action));
    }

    private static Instant local(int hour, int minute, int second) {
        return RetailWorld.DAY.atTime(hour, minute, second).atZone(RetailWorld.ZONE).toInstant();
    }

    private static double[] hours(double... from7) {
        double[] out = new double[24];
        System.arraycopy(from7, 0, out, 7, from7.length);
        return out;
    }

    private void plan() {
        int planned = world.plannedOrders();
        int n = 0;
        for (Channel channel : Retailer.CHANNELS) {
            int count = (int) Math.round(planned * SHARE.get(channel.kind()));
            double[] weights = HOURLY.get(channel.kind());
            double sum = 0;
            for (double w : weights) {
                sum += w;
            }
            for (int i = 0; i < count; i++) {
                double x = random.nextDouble() * sum;
                int hour = 0;
                while (hour < 23 && (x -= weights[hour]) >= 0) {
                    hour++;
                }
                // the live stream starts at 20:00 sharp: its orders come in a burst in the first minutes
                int minute = channel.kind() == ChannelKind.LIVE_STREAM && hour == 20
                        ? (int) Math.min(59, -Math.log(1 - random.nextDouble()) * 12) : random.nextInt(60);
                String id = String.format("HZ-%s-%06d", channel.id().value(), ++n);
                long seed = random.nextLong();
                at(local(hour, minute, random.nextInt(60)), channel.kind() == ChannelKind.STORE_POS
                        ? () -> walkIn(id, new SplittableRandom(seed))
                        : () -> online(id, channel, new SplittableRandom(seed)));
            }
        }
        for (int h = 6; h < 24; h++) {
            for (int m = 0; m < 60; m += 10) {
                at(local(h, m, 30), this::sweep);
            }
        }
        at(local(23, 59, 59), this::sweep);
        at(local(15, 0, 0), this::storeToStoreTransfers);
        at(local(21, 5, 0), () -> wasted += inventory.expireLots()); // yesterday's bakery lots expire at 21:00
    }

    // ---- channels -------------------------------------------------------------------------------------------

    private void walkIn(String id, SplittableRandom r) {
        orders++;
        count(Retailer.POS);
        boolean identified = r.nextDouble() < 0.6;
        int memberIdx = r.nextInt(world.members().size());
        Member member = world.members().get(memberIdx);
        Optional<MemberId> who = identified
                ? retailer.directory().lookup(IdentityType.POS_CARD, member.posCard()) : Optional.empty();
        FulfillmentNode store = world.stores().get(identified && r.nextDouble() < 0.8 ? member.homeStore()
                : r.nextInt(world.stores().size()));
        // the customer takes what the shelf has to the till
        Map<Sku, Integer> taken = new LinkedHashMap<>();
        Map<Sku, Integer> wantedAtTheShelf = basket(r, 1 + r.nextInt(5));
        for (Map.Entry<Sku, Integer> e : wantedAtTheShelf.entrySet()) {
            int q = Math.min(inventory.atp(e.getKey(), store.id(), Retailer.POS), e.getValue());
            if (q > 0) {
                taken.put(e.getKey(), q);
            }
        }
        if (taken.isEmpty()) {
            reject("shelf empty at the store");
            log.rejected(ChannelKind.STORE_POS, store.id(), wantedAtTheShelf.keySet().stream().findFirst(),
                    "shelf_empty", now());
            return;
        }
        OrderRequest.Builder sale = OrderRequest.builder(IdempotencyKey.of(id), Retailer.POS,
                DeliveryMethod.pickup(store.id()), Money.zero(RetailWorld.CNY)).atCounter()
                .payWithPoints(pointsToPay(who, taken, r));
        who.ifPresent(sale::member);
        taken.forEach(sale::line);
        PlacedOrder placed = checkout.place(sale.build());
        if (placed.status() == OrderStatus.REFUSED) {
            reject("shelf empty at the store");
            log.rejected(ChannelKind.STORE_POS, store.id(), taken.keySet().stream().findFirst(), "shelf_empty", now());
            return;
        }
        PlacedOrder sold = checkout.confirm(placed.key()); // paid at the till and handed over
        log.placed(sold, Retailer.POS, store.id(), Optional.empty(), Optional.empty());
        log.fulfilled(sold.orderId(), now());
        CartQuote quote = sold.quote().orElseThrow();
        long paid = sold.payable().orElseThrow().minorUnits();
        who.ifPresent(m -> todaysPurchases.add(new MemberAnalytics.Purchase(m, now(),
                Money.ofMinor(paid, RetailWorld.CNY))));
        fulfilled++;
        mix.merge("walk-in at the till", 1, Integer::sum);
        book(Retailer.POS, quote, paid);
        maybeReturn(r, () -> returnOne(sold, store.id()));
    }

    private void online(String id, Channel channel, SplittableRandom r) {
        orders++;
        count(channel);
        int memberIdx = r.nextInt(world.members().size());
        Member member = world.members().get(memberIdx);
        Optional<MemberId> who = switch (channel.kind()) {
            case APP -> retailer.directory().lookup(IdentityType.APP_USER, member.appUser());
            case MINI_PROGRAM -> retailer.directory().lookup(IdentityType.MINI_PROGRAM, member.openId());
            case MARKETPLACE -> member.marketplace().flatMap(m -> retailer.directory()
                    .lookup(IdentityType.MARKETPLACE, m));
            case LIVE_STREAM -> r.nextDouble() < 0.7
                    ? retailer.directory().lookup(IdentityType.PHONE, member.phone()) : Optional.empty();
            default -> Optional.empty();
        };
        GeoPoint home = member.home();
        DeliveryMethod delivery;
        double d = r.nextDouble();
        boolean quick = channel.kind() == ChannelKind.APP || channel.kind() == ChannelKind.MINI_PROGRAM;
        boolean reachable = world.darkStores().stream().anyMatch(n -> n.sameDayReaches(home));
        if (quick && d < 0.42 && reachable) {
            delivery = DeliveryMethod.sameDay(home);
        } else if (quick && d < 0.67) {
            FulfillmentNode at = r.nextDouble() < 0.75 ? world.stores().get(member.homeStore())
                    : retailer.routing().index().nearest(home, 1, n -> n.type() == NodeType.PICKUP_POINT).get(0).node();
            delivery = DeliveryMethod.pickup(at.id());
        } else {
            delivery = DeliveryMethod.ship(home);
        }
        Map<Sku, Integer> wanted = channel.kind() == ChannelKind.LIVE_STREAM ? liveBasket(r)
                : basket(r, channel.kind() == ChannelKind.MARKETPLACE ? 1 + r.nextInt(3) : 2 + r.nextInt(7));
        Money shipping = delivery instanceof DeliveryMethod.Pickup ? Money.zero(RetailWorld.CNY) : SHIPPING_FEE;
        RoutingPolicy policy = channel.kind() == ChannelKind.MARKETPLACE || channel.kind() == ChannelKind.LIVE_STREAM
                ? Retailer.WAREHOUSE_FIRST : Retailer.NEAREST_WITH_STOCK;
        long points = pointsToPay(who, wanted, r);
        PlacedOrder placed = checkout.place(request(id, channel, delivery, who, wanted, shipping, points, policy));
        if (placed.status() == OrderStatus.REFUSED && delivery instanceof DeliveryMethod.SameDay) {
            downgraded++;
            delivery = DeliveryMethod.ship(home);
            placed = checkout.place(request(id + "-ship", channel, delivery, who, wanted, SHIPPING_FEE, points,
                    policy));
        }
        if (placed.status() == OrderStatus.REFUSED) {
            boolean stock = placed.refusal().orElseThrow().startsWith("no stock");
            reject(stock ? "out of stock everywhere" : "no node can take it today");
            log.rejected(channel.kind(), world.stores().get(member.homeStore()).id(),
                    stock ? wanted.keySet().stream().findFirst() : Optional.empty(),
                    stock ? "out_of_stock" : "no_capacity", now());
            return;
        }
        CartQuote quote = placed.quote().orElseThrow();
        log.quoted(placed.key().value(), channel.kind(), now());
        // abandoned carts: fewer when the quote shows a saving; the checkout expires them after 15 minutes
        boolean fullReduction = quote.applied().stream().anyMatch(a -> a.promotionId().startsWith("full-"));
        double abandon = 0.12 - (fullReduction ? 0.07 : quote.saving().isPositive() ? 0.03 : 0)
                + (quote.total().minorUnits() > 40_000 ? 0.03 : 0);
        if (r.nextDouble() < abandon) {
            cancelled++;
            return;
        }
        PlacedOrder paid = checkout.confirm(placed.key());
        FulfillmentPlan plan = paid.plan().orElseThrow();
        for (int s = 0; s < plan.shipmentCount(); s++) {
            paid = checkout.fulfil(paid.key(), s);
        }
        long due = paid.payable().orElseThrow().minorUnits();
        log.handedOver(paid, channel, delivery, plan, now());
        who.ifPresent(m -> todaysPurchases.add(new MemberAnalytics.Purchase(m, now(),
                Money.ofMinor(due, RetailWorld.CNY))));
        fulfilled++;
        routed++;
        if (plan.shipmentCount() > 1) {
            split++;
        }
        if (nearestLacked(delivery, plan)) {
            avoided++;
        }
        String method = methodName(delivery);
        mix.merge(fulfilment(delivery, plan), 1, Integer::sum);
        double km;
        if (delivery instanceof DeliveryMethod.Pickup p) {
            km = retailer.node(p.node()).orElseThrow().location().distanceMetres(home) / 1000;
        } else {
            km = plan.shipments().stream().mapToDouble(Shipment::distanceMetres).average().orElse(0) / 1000;
        }
        double[] acc = distance.computeIfAbsent(method, k -> new double[2]);
        acc[0] += km;
        acc[1]++;
        if (deliveries.size() < 1_500 && (fulfilled % Math.max(1, world.plannedOrders() / 3_000) == 0)) {
            GeoPoint from = retailer.node(plan.shipments().get(0).node()).orElseThrow().location();
            GeoPoint to = delivery instanceof DeliveryMethod.Pickup p
                    ? retailer.node(p.node()).orElseThrow().location() : home;
            deliveries.add(new DaySummary.Delivery(method, to.latitude(), to.longitude(), from.latitude(),
                    from.longitude()));
        }
        book(channel, quote, due);
        PlacedOrder sold = paid;
        maybeReturn(r, () -> returnOne(sold, plan.shipments().get(0).node()));
    }

    /** One unit of the order's first shipped SKU comes back to {@code node}; returns the money refunded. */
    private long returnOne(PlacedOrder sold, NodeId node) {
        Sku sku = sold.plan().orElseThrow().shipments().get(0).lines().get(0).sku();
        IdempotencyKey key = sold.key().derive("return");
        long refund = checkout.returnLines(sold.key(), key, node, Map.of(sku, 1)).returns().get(0).refund().minorUnits();
        log.returned(sold, key.value(), sku, refund, now());
        return refund;
    }

    private static OrderRequest request(String key, Channel channel, DeliveryMethod delivery, Optional<MemberId> who,
            Map<Sku, Integer> wanted, Money shipping, long points, RoutingPolicy policy) {
        OrderRequest.Builder b = OrderRequest.builder(IdempotencyKey.of(key), channel, delivery, shipping)
                .policy(policy).payWithPoints(points);
        who.ifPresent(b::member);
        wanted.forEach(b::line);
        return b.build();
    }

    /**
     * Points a member pays with (sometimes): 100 points = 1 yuan, in hundreds, at most half the basket at list
     * prices, decided before the checkout quotes it.
     */
    private long pointsToPay(Optional<MemberId> who, Map<Sku, Integer> wanted, SplittableRandom r) {
        if (who.isEmpty()) {
            return 0;
        }
        long available = ledger.balance(who.get()).available();
        if (available < 500 || r.nextDouble() >= 0.12) {
            return 0;
        }
        long list = 0;
        for (Map.Entry<Sku, Integer> e : wanted.entrySet()) {
            list += world.products().get(retailer.productIndex(e.getKey()).orElseThrow()).price().minorUnits()
                    * e.getValue();
        }
        return Math.min(available, list / 2) / 100 * 100;
    }

    /**
     * Whether the nearest node that could serve the order lacked stock for it, so routing looked further: for a
     * pickup at a store, a transfer leg; otherwise the nearest candidate in the plan's explanation (nearest first)
     * within reach was refused for stock.
     */
    private boolean nearestLacked(DeliveryMethod delivery, FulfillmentPlan plan) {
        if (delivery instanceof DeliveryMethod.Pickup p) {
            return retailer.node(p.node()).orElseThrow().type() != NodeType.PICKUP_POINT
                    && plan.shipments().stream().anyMatch(s -> s.transferTo().isPresent());
        }
        for (CandidateVerdict c : plan.explanation().candidates()) {
            if (!c.reasons().get(0).startsWith("outside same-day radius")) {
                return c.reasons().get(0).startsWith("no stock"); // the nearest node that could have served it
            }
        }
        return false;
    }

    static String methodName(DeliveryMethod delivery) {
        if (delivery instanceof DeliveryMethod.SameDay) {
            return "same-day";
        }
        return delivery instanceof DeliveryMethod.Pickup ? "pickup" : "ship";
    }

    private static String fulfilment(DeliveryMethod delivery, FulfillmentPlan plan) {
        if (delivery instanceof DeliveryMethod.Pickup) {
            return plan.shipments().stream().anyMatch(s -> s.transferTo().isPresent())
                    ? "pickup via transfer" : "pickup from the store shelf";
        }
        Shipment main = plan.shipments().stream().max((a, b) -> Long.compare(a.units(), b.units())).orElseThrow();
        String from = switch (main.type()) {
            case DARK_STORE -> "dark store";
            case STORE -> "store";
            case DISTRIBUTION_CENTER -> "DC";
            default -> main.type().name().toLowerCase(java.util.Locale.ROOT);
        };
        return (delivery instanceof DeliveryMethod.SameDay ? "same-day from " : "shipped from ") + from;
    }

    private Map<Sku, Integer> basket(SplittableRandom r, int lines) {
        Map<Sku, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < lines; i++) {
            Product p = world.products().get(world.sampleProduct(r));
            double q = r.nextDouble();
            out.merge(p.sku(), q < 0.72 ? 1 : q < 0.93 ? 2 : 3, Integer::sum);
        }
        return out;
    }

    private Map<Sku, Integer> liveBasket(SplittableRandom r) {
        Map<Sku, Integer> out = new LinkedHashMap<>();
        List<Integer> featured = retailer.featured();
        int lines = 1 + (r.nextDouble() < 0.3 ? 1 : 0);
        for (int i = 0; i < lines; i++) {
            // the host presents the line-up in order: the first products sell most
            int k = (int) Math.min(featured.size() - 1, -Math.log(1 - r.nextDouble()) * featured.size() / 3);
            out.merge(world.products().get(featured.get(k)).sku(), 1 + (r.nextDouble() < 0.25 ? 1 : 0), Integer::sum);
        }
        return out;
    }

    private static Cart cart(Map<Sku, Integer> lines, Money shipping) {
        return Cart.of(shipping, lines.entrySet().stream().map(e -> new Cart.Line(e.getKey(), e.getValue()))
                .toArray(Cart.Line[]::new));
    }

    private void book(Channel channel, CartQuote quote, long paid) {
        revenue += paid;
        savings += quote.saving().minorUnits();
        quote.applied().forEach(a -> promotionsApplied.merge(a.promotionId() + " " + a.name(), 1, Integer::sum));
        int hour = ZonedDateTime.ofInstant(now(), RetailWorld.ZONE).getHour();
        revenuePerHour[hour] += paid;
        for (LineQuote l : quote.lines()) {
            if (l.item().step(PriceStage.TIME_OF_DAY).filter(s -> s.change().isNegative()).isPresent()) {
                markdownRevenue += l.net().minorUnits();
                markdownPerHour[hour] += l.net().minorUnits();
            }
        }
    }

    /**
     * Sometimes (1.5 %) the customer brings one unit back an hour or more later the same day: {@code returnOne}
     * takes it back and says what was refunded, in minor units.
     */
    private void maybeReturn(SplittableRandom r, java.util.function.LongSupplier returnOne) {
        if (r.nextDouble() >= 0.015) {
            return;
        }
        Instant when = now().plus(Duration.ofMinutes(60 + r.nextInt(240)));
        if (when.isAfter(local(23, 30, 0))) {
            return;
        }
        at(when, () -> {
            long refund = returnOne.getAsLong();
            unitsReturned++;
            returns++;
            revenue -= refund;
            revenuePerHour[ZonedDateTime.ofInstant(now(), RetailWorld.ZONE).getHour()] -= refund;
        });
    }

    private void count(Channel channel) {
        byChannel.merge(channel.id().value(), 1, Integer::sum);
        perHour.get(channel.id().value())[ZonedDateTime.ofInstant(now(), RetailWorld.ZONE).getHour()]++;
    }

    private void reject(String reason) {
        rejected.merge(reason, 1, Integer::sum);
    }

    private Instant now() {
        return retailer.clock().instant();
    }

    // ---- periodic work, stock movements ----------------------------------------------------------------------

    private void sweep() {
        holdsExpired += checkout.expireDue();
        inventory.expireDue();
        ledger.expireDue();
    }

    private void drainEvents() {
        while (!pendingEvents.isEmpty()) {
            List<InventoryEvent> batch = new ArrayList<>(pendingEvents);
            pendingEvents.clear();
            for (InventoryEvent e : batch) {
                log.stock(e);
                if (e instanceof StockEvent.HoldFulfilled f) {
                    unitsFulfilled += f.quantity();
                } else if (e instanceof StockEvent.LowStock low) {
                    alerts++;
                    lowStock(low);
                }
            }
        }
    }

    private void lowStock(StockEvent.LowStock low) {
        FulfillmentNode node = retailer.node(low.node()).orElseThrow();
        if (node.type() == NodeType.STORE) {
            storeAlerts.add(low);
            return; // stores are replenished overnight from the alerts
        }
        if (node.type() != NodeType.DARK_STORE || !replenishing.add(low.sku() + "@" + low.node())) {
            return;
        }
        int quantity = Math.max(6, low.reorderPoint() * 3);
        int available = inventory.atp(low.sku(), world.dc().id(), Retailer.APP);
        quantity = Math.min(quantity, available);
        if (quantity <= 0) {
            return;
        }
        Transfer t = inventory.dispatchTransfer(IdempotencyKey.of("replenish-" + low.sku() + "-" + low.node() + "-" + replenishments),
                low.sku(), world.dc().id(), low.node(), quantity);
        replenishments++;
        inTransit.put(t.id().value(), quantity);
        at(now().plus(Duration.ofHours(2)), () -> {
            inventory.receiveTransfer(IdempotencyKey.of("grn-" + t.id().value()), t.id(), t.quantity());
            inTransit.remove(t.id().value());
            replenishing.remove(low.sku() + "@" + low.node());
        });
    }

    private void storeToStoreTransfers() {
        Set<String> done = new HashSet<>();
        for (StockEvent.LowStock low : storeAlerts) {
            if (storeTransfers >= 3 || !done.add(low.sku().value())) {
                continue;
            }
            FulfillmentNode richest = null;
            int most = 0;
            for (FulfillmentNode s : world.stores()) {
                int atp = inventory.atp(low.sku(), s.id(), Retailer.APP);
                if (!s.id().equals(low.node()) && atp > most) {
                    most = atp;
                    richest = s;
                }
            }
            int quantity = Math.min(12, most / 2);
            if (richest == null || quantity < 2) {
                continue;
            }
            Transfer t = inventory.dispatchTransfer(IdempotencyKey.of("store-transfer-" + storeTransfers), low.sku(),
                    richest.id(),
                    low.node(), quantity);
            storeTransfers++;
            inTransit.put(t.id().value(), quantity);
            at(now().plus(Duration.ofMinutes(90)), () -> {
                inventory.receiveTransfer(IdempotencyKey.of("store-transfer-grn-" + t.id().value()), t.id(),
                        t.quantity());
                inTransit.remove(t.id().value());
            });
        }
    }

    private void points(LoyaltyEvent event) {
        if (event instanceof PointsEvent.EntryWritten w) {
            LedgerEntry e = w.entry();
            long issuance = 0;
            long redemption = 0;
            long breakage = 0;
            for (Posting p : e.postings()) {
                switch (p.account()) {
                    case ISSUANCE -> issuance += p.points();
                    case REDEMPTION -> redemption += p.points();
                    case BREAKAGE -> breakage += p.points();
                    default -> {
                    }
                }
            }
            switch (e.type()) {
                case EARN -> earned -= issuance;
                case REFUND -> reversed += issuance;
                default -> {
                }
            }
            redeemed += redemption;
            expired += breakage;
        } else if (event instanceof PointsEvent.TierChanged t) {
            if (rank(t.to()) > rank(t.from())) {
                upgrades++;
            } else {
                downgrades++;
            }
        }
    }

    private static int rank(String tier) {
        return switch (tier) {
            case "GOLD" -> 2;
            case "SILVER" -> 1;
            default -> 0;
        };
    }

    // ---- end of day ------------------------------------------------------------------------------------------

    private DaySummary summarise() {
        long closing = 0;
        int oversold = 0;
        for (FulfillmentNode n : world.stockingNodes()) {
            for (Product p : world.products()) {
                Position pos = inventory.position(p.sku(), n.id());
                closing += pos.onHand();
                if (pos.held() > pos.onHand()) {
                    oversold++;
                }
            }
        }
        long transit = inTransit.values().stream().mapToLong(Integer::longValue).sum();
        DaySummary.Units units = new DaySummary.Units(retailer.openingUnits(), unitsFulfilled, unitsReturned, wasted,
                closing, transit, oversold);
        Map<AccountKind, Long> end = retailer.programBalances();
        long sum = end.values().stream().mapToLong(Long::longValue).sum();
        long issued = -(end.get(AccountKind.ISSUANCE) - retailer.openingProgram().get(AccountKind.ISSUANCE));
        DaySummary.Points points = new DaySummary.Points(earned, reversed, issued, redeemed, expired, sum, upgrades,
                downgrades);
        Map<String, Double> km = new LinkedHashMap<>();
        for (String m : List.of("same-day", "ship", "pickup")) {
            double[] acc = distance.get(m);
            if (acc != null && acc[1] > 0) {
                km.put(m, acc[0] / acc[1]);
            }
        }
        Map<String, Long> flows = new LinkedHashMap<>();
        flows.put("earned", earned);
        flows.put("redeemed", redeemed);
        flows.put("expired", expired);
        flows.put("reversed", reversed);
        DaySummary.Charts charts = new DaySummary.Charts(perHour, revenuePerHour, markdownPerHour, flows, deliveries);
        return new DaySummary(world.seed(), world.scale(), world.products().size(), world.members().size(),
                world.nodes().size(), orders, fulfilled, cancelled, rejected, byChannel,
                Money.ofMinor(revenue, RetailWorld.CNY), Money.ofMinor(savings, RetailWorld.CNY),
                Money.ofMinor(markdownRevenue, RetailWorld.CNY), promotionsApplied, routed, split, downgraded, avoided, mix, km, alerts,
                replenishments, storeTransfers, holdsExpired, returns, units, points,
                retailer.experimentLog().summary(Retailer.EXPERIMENT), segments(), charts, log.events(),
                Outlook.of(world, inventory, log.ranged(), log.events()), topMembers());
    }

    /** The day's ten biggest spenders, personal data masked as store staff see it. */
    private List<DaySummary.TopMember> topMembers() {
        Map<MemberId, long[]> spend = new HashMap<>();
        for (MemberAnalytics.Purchase p : todaysPurchases) {
            long[] s = spend.computeIfAbsent(p.member(), k -> new long[2]);
            s[0]++;
            s[1] += p.amount().minorUnits();
        }
        return spend.entrySet().stream()
                .sorted(Comparator.<Map.Entry<MemberId, long[]>>comparingLong(e -> -e.getValue()[1])
                        .thenComparing(e -> e.getKey().value()))
                .limit(10).map(e -> {
                    Map<PersonalField, String> seen = retailer.profiles().view(e.getKey(), AccessLevel.STAFF);
                    return new DaySummary.TopMember(e.getKey().value(), seen.getOrDefault(PersonalField.NAME, ""),
                            seen.getOrDefault(PersonalField.PHONE, ""), (int) e.getValue()[0],
                            Money.ofMinor(e.getValue()[1], RetailWorld.CNY));
                }).toList();
    }

    private List<DaySummary.Segment> segments() {
        return MemberAnalytics.of(world, todaysPurchases).segments();
    }
}
