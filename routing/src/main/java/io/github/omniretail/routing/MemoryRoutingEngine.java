package io.github.omniretail.routing;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderLine;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.core.event.RoutingEvent;
import io.github.omniretail.core.spi.StockView;
import io.github.omniretail.routing.spi.Assignment;
import io.github.omniretail.routing.spi.Candidate;
import io.github.omniretail.routing.spi.RoutingProblem;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing engine over an in-memory node index; stock read through a {@link StockView}; daily capacity counted by
 * a {@link DailyCapacity}. Candidate search, the strategies and the explanation live here; plans are checked by
 * {@link #check}.
 */
final class MemoryRoutingEngine implements RoutingEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingEngine.class);
    /** How many nearest candidates nearest-with-stock reads first. */
    private static final int FIRST_LOOK = 4;

    private final StockView stock;
    private final Clock clock;
    private final EventSink<RoutingEvent> sink;
    private final RoutingPolicy defaultPolicy;
    private final DailyCapacity capacity = new DailyCapacity();
    /** The standard cost model per currency, for policies without their own; per engine, never static. */
    private final ConcurrentHashMap<java.util.Currency, CostModel> standardCosts = new ConcurrentHashMap<>();
    private volatile SpatialIndex index;

    MemoryRoutingEngine(StockView stock, Collection<FulfillmentNode> nodes, Clock clock, EventSink<RoutingEvent> sink,
            RoutingPolicy defaultPolicy) {
        this.stock = stock;
        this.clock = clock;
        this.sink = sink;
        this.defaultPolicy = defaultPolicy;
        nodes.forEach(this::requireTracked);
        this.index = SpatialIndex.of(nodes);
    }

    /**
     * A node that holds stock must be one the stock view tracks, or every order would see it as empty (an
     * auto-registering inventory registers it now: routing to it is its first use).
     */
    private void requireTracked(FulfillmentNode node) {
        if (node.type() == NodeType.PICKUP_POINT || stock.tracks(node.id())) {
            return;
        }
        throw new IllegalArgumentException("node " + node.id() + " (" + node.type() + ") holds stock but is not "
                + "registered in the inventory engine, which does not auto-register: call inventory.registerNode("
                + node.id() + ") before handing it to routing");
    }

    // =====================================================================================================
    // routing

    @Override
    public RoutingResult route(Order order) {
        return route(order, defaultPolicy);
    }

    @Override
    public RoutingResult route(Order order, RoutingPolicy policy) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(policy, "policy");
        Instant now = clock.instant();
        SpatialIndex nodes = index;
        List<RoutingProblem.Line> lines = lines(order);
        CostModel costs = costs(order, policy);
        DeliveryMethod delivery = order.delivery();
        if (delivery instanceof DeliveryMethod.Pickup) {
            return pickup(order, policy, costs, lines, nodes, now, ((DeliveryMethod.Pickup) delivery).node());
        }
        boolean sameDay = delivery instanceof DeliveryMethod.SameDay;
        GeoPoint destination = sameDay ? ((DeliveryMethod.SameDay) delivery).destination()
                : ((DeliveryMethod.Ship) delivery).destination();
        NodeCapability needed = sameDay ? NodeCapability.SAME_DAY : NodeCapability.SHIP;
        if (policy.strategy() instanceof SubsetStrategy && ((SubsetStrategy) policy.strategy()).nearestFirst()
                && policy.maxCandidates() > FIRST_LOOK) {
            // Nearest-with-stock: the nearest node that covers everything is usually among the first few, so look
            // at those first and only widen to every candidate when none of them can ship the whole order.
            RoutingResult quick = routeNear(order, policy, costs, lines, nodes, now, destination, sameDay, needed,
                    FIRST_LOOK);
            if (quick.plan().isPresent() && quick.plan().get().shipmentCount() == 1) {
                return quick;
            }
        }
        return routeNear(order, policy, costs, lines, nodes, now, destination, sameDay, needed,
                policy.maxCandidates());
    }

    /** The policy name a counter sale's explanation carries. */
    static final String COUNTER = "counter sale";

    @Override
    public RoutingResult routeAtCounter(Order order) {
        Objects.requireNonNull(order, "order");
        if (!(order.delivery() instanceof DeliveryMethod.Pickup)) {
            throw new IllegalArgumentException("order " + order.id() + ": a counter sale is handed over at a node, "
                    + "so its delivery must be a pickup, was " + order.delivery());
        }
        NodeId id = ((DeliveryMethod.Pickup) order.delivery()).node();
        FulfillmentNode node = pickupNode(index, id, "counter");
        Instant now = clock.instant();
        List<RoutingProblem.Line> lines = lines(order);
        List<Shipment.Line> shelf = new ArrayList<>(lines.size());
        List<String> missing = new ArrayList<>();
        for (RoutingProblem.Line l : lines) {
            long atp = stock.available(l.sku(), id, order.channel());
            if (atp < l.quantity()) {
                missing.add(l.sku() + ": need " + l.quantity() + ", " + Math.max(0, atp) + " at " + id);
            }
            shelf.add(new Shipment.Line(l.sku(), l.quantity()));
        }
        if (!missing.isEmpty()) {
            Explanation e = new Explanation(COUNTER, List.of(new CandidateVerdict(id, 0,
                    CandidateVerdict.Verdict.REJECTED, List.of("the shelf lacks " + String.join("; ", missing)))),
                    List.of());
            return new RoutingResult(Optional.empty(), missing, e);
        }
        Money zero = Money.zero(order.currency());
        Explanation e = new Explanation(COUNTER, List.of(new CandidateVerdict(id, 0, CandidateVerdict.Verdict.CHOSEN,
                List.of("hands over " + RoutingExplainer.describe(lines) + " at the counter"))), List.of());
        Shipment here = new Shipment(id, node.type(), shelf, 0, zero, now, Optional.empty());
        return new RoutingResult(Optional.of(new FulfillmentPlan(List.of(here), zero, zero, zero, zero, zero, now, e)),
                List.of(), e);
    }

    /** The policy's cost model, or the standard one for the order's currency. */
    private CostModel costs(Order order, RoutingPolicy policy) {
        return policy.costModel().orElseGet(() -> standardCosts.computeIfAbsent(order.currency(), CostModel::standard));
    }

    /** The policy name a pre-sale's explanation carries. */
    static final String PRESALE = "pre-sale";

    @Override
    public RoutingResult routePresale(Order order, RoutingPolicy policy, Instant latestPromise) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(latestPromise, "latestPromise");
        Instant now = clock.instant();
        SpatialIndex nodes = index;
        List<RoutingProblem.Line> lines = lines(order);
        CostModel costs = costs(order, policy);
        List<SpatialIndex.Neighbour> candidates = new ArrayList<>();
        DeliveryMethod delivery = order.delivery();
        if (delivery instanceof DeliveryMethod.Pickup p) {
            candidates.add(new SpatialIndex.Neighbour(pickupNode(nodes, p.node(), "pickup"), 0));
        } else {
            boolean sameDay = delivery instanceof DeliveryMethod.SameDay;
            GeoPoint destination = sameDay ? ((DeliveryMethod.SameDay) delivery).destination()
                    : ((DeliveryMethod.Ship) delivery).destination();
            NodeCapability needed = sameDay ? NodeCapability.SAME_DAY : NodeCapability.SHIP;
            candidates.addAll(nodes.nearest(destination, policy.maxCandidates(), f -> f.can(needed)
                    && f.type() != NodeType.PICKUP_POINT));
        }
        List<CandidateVerdict> verdicts = new ArrayList<>();
        SpatialIndex.Neighbour best = null;
        Instant bestReady = null;
        for (SpatialIndex.Neighbour n : candidates) {
            Instant ready = now;
            String why = null;
            for (RoutingProblem.Line l : lines) {
                Optional<Instant> from = stock.availableFrom(l.sku(), n.node().id(), order.channel(), l.quantity(),
                        now);
                if (from.isEmpty()) {
                    why = "no receipt brings " + l.quantity() + " × " + l.sku();
                    break;
                }
                if (from.get().isAfter(latestPromise)) {
                    why = l.quantity() + " × " + l.sku() + " only from " + from.get() + ", after " + latestPromise;
                    break;
                }
                ready = from.get().isAfter(ready) ? from.get() : ready;
            }
            if (why != null) {
                verdicts.add(new CandidateVerdict(n.node().id(), n.distanceMetres(),
                        CandidateVerdict.Verdict.REJECTED, List.of(why)));
            } else if (best == null || ready.isBefore(bestReady)) {
                best = n;
                bestReady = ready;
            }
        }
        Money zero = Money.zero(order.currency());
        if (best == null) {
            List<String> missing = List.of("no node can promise the order by " + latestPromise);
            return new RoutingResult(Optional.empty(), missing, new Explanation(PRESALE, verdicts, List.of()));
        }
        for (SpatialIndex.Neighbour n : candidates) {
            if (n != best && verdicts.stream().noneMatch(v -> v.node().equals(n.node().id()))) {
                verdicts.add(new CandidateVerdict(n.node().id(), n.distanceMetres(),
                        CandidateVerdict.Verdict.NOT_CHOSEN, List.of("ready later, or as soon but farther")));
            }
        }
        Instant readyBy = bestReady.plus(costs.handlingTime());
        verdicts.add(0, new CandidateVerdict(best.node().id(), best.distanceMetres(), CandidateVerdict.Verdict.CHOSEN,
                List.of("ships " + RoutingExplainer.describe(lines) + " once stock arrives, ready by " + readyBy)));
        boolean pickup = delivery instanceof DeliveryMethod.Pickup;
        Money shipping = pickup ? zero : costs.shippingCost(best.distanceMetres(), best.node().type());
        Money handling = pickup ? zero : costs.handlingPerShipment();
        List<Shipment.Line> shipped = lines.stream().map(l -> new Shipment.Line(l.sku(), l.quantity())).toList();
        Explanation e = new Explanation(PRESALE, verdicts, List.of());
        Shipment shipment = new Shipment(best.node().id(), best.node().type(), shipped, best.distanceMetres(),
                shipping.plus(handling), readyBy.plus(costs.deliveryTime(best.distanceMetres())), Optional.empty());
        return new RoutingResult(Optional.of(new FulfillmentPlan(List.of(shipment), shipping, handling, zero, zero,
                zero, readyBy, e)), List.of(), e);
    }

    private RoutingResult routeNear(Order order, RoutingPolicy policy, CostModel costs, List<RoutingProblem.Line> lines,
            SpatialIndex nodes, Instant now, GeoPoint destination, boolean sameDay, NodeCapability needed, int k) {
        List<CandidateVerdict> rejected = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (SpatialIndex.Neighbour n : nodes.nearest(destination, k, f -> f.can(needed))) {
            if (sameDay && n.distanceMetres() > n.node().sameDayRadiusMetres().orElse(0)) {
                rejected.add(new CandidateVerdict(n.node().id(), n.distanceMetres(), CandidateVerdict.Verdict.REJECTED,
                        List.of(String.format(java.util.Locale.ROOT, "outside same-day radius (%,.0f m > %,d m)", n.distanceMetres(),
                                n.node().sameDayRadiusMetres().orElse(0)))));
                continue;
            }
            candidates.add(candidate(candidates.size(), n.node(), n.distanceMetres(), lines, order.channel(), now));
        }
        RoutingProblem problem = new RoutingProblem(lines, candidates, policy.allowSplitLines(),
                policy.maxShipments(), costs, now, order.promisedBy());
        Optional<Assignment> assignment = policy.strategy().choose(problem);
        RoutingResult result = RoutingExplainer.result(policy, problem, assignment, rejected, Optional.empty(), now,
                order.promisedBy());
        if (candidates.isEmpty()) {
            return new RoutingResult(Optional.empty(), List.of(noCandidates(nodes, destination, needed, rejected)), result.explanation());
        }
        return result;
    }

    /** Why no node could even be considered: none has the capability, or none reaches the destination same-day. */
    private static String noCandidates(SpatialIndex nodes, GeoPoint destination, NodeCapability needed,
            List<CandidateVerdict> outOfRadius) {
        if (outOfRadius.isEmpty()) {
            return "no node in the routing network has " + needed + (nodes.size() == 0 ? " (the network is empty)"
                    : "");
        }
        CandidateVerdict nearest = outOfRadius.stream().min(java.util.Comparator.comparingDouble(
                CandidateVerdict::distanceMetres)).orElseThrow();
        long radius = nodes.node(nearest.node()).map(n -> n.sameDayRadiusMetres().orElse(0)).orElse(0L);
        return String.format(java.util.Locale.ROOT, "the destination (%.5f, %.5f) is outside every same-day radius: the nearest same-day "
                + "node, %s, is %,.0f m away and delivers within %,d m", destination.latitude(),
                destination.longitude(), nearest.node(), nearest.distanceMetres(), radius);
    }

    private RoutingResult pickup(Order order, RoutingPolicy policy, CostModel costs, List<RoutingProblem.Line> lines,
            SpatialIndex nodes, Instant now, NodeId pickupId) {
        FulfillmentNode pickup = pickupNode(nodes, pickupId, "pickup");
        Candidate at = candidate(0, pickup, 0, lines, order.channel(), now);
        boolean capacity = at.capacityLeft() > 0;
        boolean all = capacity;
        for (int l = 0; l < lines.size() && all; l++) {
            all = at.covers(l, lines.get(l).quantity());
        }
        if (all) {
            RoutingProblem problem = new RoutingProblem(lines, List.of(at), false, 1, costs, now, Optional.empty());
            int[] here = new int[lines.size()];
            return RoutingExplainer.result(policy, problem, Optional.of(Assignment.wholeLines(here,
                    lines.stream().mapToInt(RoutingProblem.Line::quantity).toArray())), List.of(), Optional.empty(),
                    now, Optional.empty());
        }
        if (!pickup.can(NodeCapability.RECEIVE_TRANSFER) || !capacity) {
            String why = !capacity ? RoutingExplainer.capacityReason(at) : "cannot serve every line and lacks capability "
                    + "RECEIVE_TRANSFER";
            Explanation e = new Explanation(policy.name(), List.of(new CandidateVerdict(pickupId, 0,
                    CandidateVerdict.Verdict.REJECTED, List.of(why))), List.of());
            return new RoutingResult(Optional.empty(), RoutingExplainer.missingAt(lines, at), e);
        }
        // Lines the pickup node has stay there; the rest are transferred from the best other nodes to it.
        List<RoutingProblem.Line> local = new ArrayList<>();
        List<RoutingProblem.Line> transfer = new ArrayList<>();
        for (int l = 0; l < lines.size(); l++) {
            (at.covers(l, lines.get(l).quantity()) ? local : transfer).add(lines.get(l));
        }
        List<Candidate> sources = new ArrayList<>();
        for (SpatialIndex.Neighbour n : nodes.nearest(pickup.location(), policy.maxCandidates() + 1,
                f -> f.can(NodeCapability.SHIP) && !f.id().equals(pickupId))) {
            sources.add(candidate(sources.size(), n.node(), n.distanceMetres(), transfer, order.channel(), now));
        }
        RoutingProblem sub = new RoutingProblem(transfer, sources, policy.allowSplitLines(), policy.maxShipments(),
                costs, now, Optional.empty());
        Optional<Assignment> moved = policy.strategy().choose(sub);
        RoutingResult legs = RoutingExplainer.result(policy, sub, moved, List.of(), Optional.of(pickupId), now, Optional.empty());
        if (legs.plan().isEmpty()) {
            return legs;
        }
        FulfillmentPlan transferPlan = legs.plan().get();
        List<Shipment> shipments = new ArrayList<>();
        Money handling = transferPlan.handlingCost();
        Instant ready = transferPlan.readyBy().plus(costs.handlingTime());
        List<CandidateVerdict> verdicts = new ArrayList<>();
        if (!local.isEmpty()) {
            shipments.add(new Shipment(pickupId, pickup.type(), local.stream().map(l -> new Shipment.Line(l.sku(),
                    l.quantity())).toList(), 0, costs.handlingPerShipment(), now.plus(costs.handlingTime()),
                    Optional.empty()));
            handling = handling.plus(costs.handlingPerShipment());
            verdicts.add(new CandidateVerdict(pickupId, 0, CandidateVerdict.Verdict.CHOSEN, List.of(
                    "pickup node: hands over " + RoutingExplainer.describe(local) + "; receives " + RoutingExplainer.describe(transfer))));
        } else {
            verdicts.add(new CandidateVerdict(pickupId, 0, CandidateVerdict.Verdict.CHOSEN, List.of(
                    "pickup node: receives " + RoutingExplainer.describe(transfer) + " by transfer")));
        }
        shipments.addAll(transferPlan.shipments());
        verdicts.addAll(transferPlan.explanation().candidates());
        Explanation e = new Explanation(policy.name(), verdicts, List.of("transfer to pickup node " + pickupId
                + ", ready by " + ready));
        FulfillmentPlan plan = new FulfillmentPlan(shipments, transferPlan.shippingCost(), handling,
                transferPlan.splitPenalty(), transferPlan.latenessCost(), transferPlan.shelfCost(), ready, e);
        return new RoutingResult(Optional.of(plan), List.of(), e);
    }

    /** The node a pickup or counter sale hands over at: known to routing and offering {@code PICKUP}. */
    private static FulfillmentNode pickupNode(SpatialIndex nodes, NodeId id, String role) {
        FulfillmentNode node = nodes.node(id).orElseThrow(() -> new IllegalArgumentException(
                role + " node " + id + " is not in the routing network"));
        if (!node.can(NodeCapability.PICKUP)) {
            throw new IllegalArgumentException("node " + id + " does not offer PICKUP, so it hands nothing over");
        }
        return node;
    }

    private Candidate candidate(int i, FulfillmentNode node, double metres, List<RoutingProblem.Line> lines,
            Channel channel, Instant now) {
        NodeId id = node.id();
        return new Candidate(i, node, metres, lines.size(), line -> {
            long units = stock.available(lines.get(line).sku(), id, channel);
            return (int) Math.min(Integer.MAX_VALUE, units);
        }, capacity.left(node, DailyCapacity.dayAt(node, now)));
    }

    private static List<RoutingProblem.Line> lines(Order order) {
        List<OrderLine> in = order.lines();
        List<RoutingProblem.Line> out = new ArrayList<>(in.size());
        for (OrderLine line : in) {
            int at = -1;
            for (int i = 0; i < out.size() && at < 0; i++) {
                if (out.get(i).sku().equals(line.sku())) {
                    at = i; // the same SKU on several lines is routed as one
                }
            }
            if (at < 0) {
                out.add(new RoutingProblem.Line(line.sku(), line.quantity()));
            } else {
                out.set(at, new RoutingProblem.Line(line.sku(), Math.addExact(out.get(at).quantity(), line.quantity())));
            }
        }
        return out;
    }

    /** Checks the strategy's answer, then prices and explains it. */
    // =====================================================================================================
    // capacity

    @Override
    public boolean takeCapacity(IdempotencyKey key, FulfillmentPlan plan) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(plan, "plan");
        Instant now = clock.instant();
        SpatialIndex nodes = index;
        List<FulfillmentNode> used = new ArrayList<>();
        for (Shipment s : plan.shipments()) {
            nodes.node(s.node()).ifPresent(used::add);
        }
        DailyCapacity.Outcome outcome = capacity.take(key, used, now);
        if (outcome == DailyCapacity.Outcome.TAKEN) {
            publish(new RouteEvent.CapacityTaken(now, key, plan.shipments().stream().map(Shipment::node).toList()));
        }
        return outcome != DailyCapacity.Outcome.FULL;
    }

    @Override
    public boolean releaseCapacity(IdempotencyKey key) {
        boolean released = capacity.release(Objects.requireNonNull(key, "key"));
        if (released) {
            publish(new RouteEvent.CapacityReleased(clock.instant(), key));
        }
        return released;
    }

    // =====================================================================================================
    // network and capacity

    @Override
    public synchronized void updateNode(FulfillmentNode node) {
        requireTracked(Objects.requireNonNull(node, "node"));
        index = index.withNode(node);
    }

    @Override
    public synchronized void removeNode(NodeId node) {
        index = index.withoutNode(Objects.requireNonNull(node, "node"));
    }

    @Override
    public int capacityLeft(NodeId node, LocalDate day) {
        FulfillmentNode n = index.node(node).orElseThrow(() -> new IllegalArgumentException("unknown node " + node));
        return capacity.left(n, Objects.requireNonNull(day, "day"));
    }

    @Override
    public SpatialIndex index() {
        return index;
    }

    private void publish(RouteEvent event) {
        try {
            sink.publish(event);
        } catch (RuntimeException e) {
            LOG.warn("event sink failed on {}; the change stands", event.type(), e);
        }
    }
}
