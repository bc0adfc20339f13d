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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        CostModel costs = policy.costModel().orElseGet(() -> standardCosts.computeIfAbsent(order.currency(),
                CostModel::standard));
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
        RoutingResult result = result(policy, problem, assignment, rejected, Optional.empty(), now,
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
        FulfillmentNode pickup = nodes.node(pickupId).orElseThrow(() -> new IllegalArgumentException(
                "pickup node " + pickupId + " is not in the routing network"));
        if (!pickup.can(NodeCapability.PICKUP)) {
            throw new IllegalArgumentException("node " + pickupId + " does not offer PICKUP");
        }
        Candidate at = candidate(0, pickup, 0, lines, order.channel(), now);
        boolean capacity = at.capacityLeft() > 0;
        boolean all = capacity;
        for (int l = 0; l < lines.size() && all; l++) {
            all = at.covers(l, lines.get(l).quantity());
        }
        if (all) {
            RoutingProblem problem = new RoutingProblem(lines, List.of(at), false, 1, costs, now, Optional.empty());
            int[] here = new int[lines.size()];
            return result(policy, problem, Optional.of(Assignment.wholeLines(here,
                    lines.stream().mapToInt(RoutingProblem.Line::quantity).toArray())), List.of(), Optional.empty(),
                    now, Optional.empty());
        }
        if (!pickup.can(NodeCapability.RECEIVE_TRANSFER) || !capacity) {
            String why = !capacity ? capacityReason(at) : "cannot serve every line and lacks capability "
                    + "RECEIVE_TRANSFER";
            Explanation e = new Explanation(policy.name(), List.of(new CandidateVerdict(pickupId, 0,
                    CandidateVerdict.Verdict.REJECTED, List.of(why))), List.of());
            return new RoutingResult(Optional.empty(), missingAt(lines, at), e);
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
        RoutingResult legs = result(policy, sub, moved, List.of(), Optional.of(pickupId), now, Optional.empty());
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
                    "pickup node: hands over " + describe(local) + "; receives " + describe(transfer))));
        } else {
            verdicts.add(new CandidateVerdict(pickupId, 0, CandidateVerdict.Verdict.CHOSEN, List.of(
                    "pickup node: receives " + describe(transfer) + " by transfer")));
        }
        shipments.addAll(transferPlan.shipments());
        verdicts.addAll(transferPlan.explanation().candidates());
        Explanation e = new Explanation(policy.name(), verdicts, List.of("transfer to pickup node " + pickupId
                + ", ready by " + ready));
        FulfillmentPlan plan = new FulfillmentPlan(shipments, transferPlan.shippingCost(), handling,
                transferPlan.splitPenalty(), transferPlan.latenessCost(), transferPlan.shelfCost(), ready, e);
        return new RoutingResult(Optional.of(plan), List.of(), e);
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
    private RoutingResult result(RoutingPolicy policy, RoutingProblem p, Optional<Assignment> chosen,
            List<CandidateVerdict> rejected, Optional<NodeId> transferTo, Instant now,
            Optional<Instant> promisedBy) {
        List<Candidate> cs = p.candidates();
        if (chosen.isEmpty()) {
            List<CandidateVerdict> verdicts = new ArrayList<>(rejected);
            for (Candidate c : cs) {
                verdicts.add(new CandidateVerdict(c.node().id(), c.distanceMetres(), CandidateVerdict.Verdict.REJECTED,
                        List.of(c.capacityLeft() <= 0 ? capacityReason(c) : stockReason(p, c))));
            }
            Explanation e = new Explanation(policy.name(), verdicts, List.of());
            return new RoutingResult(Optional.empty(), missing(p), e);
        }
        Assignment a = chosen.get();
        check(p, a);
        Money zero = Money.zero(p.costs().currency());
        Money shipping = zero;
        Money handling = zero;
        Money lateness = zero;
        Money shelf = zero;
        Instant ready = now;
        Map<Integer, List<Shipment.Line>> byCandidate = new LinkedHashMap<>();
        for (Assignment.Allocation al : a.allocations()) {
            byCandidate.computeIfAbsent(al.candidate(), k -> new ArrayList<>())
                    .add(new Shipment.Line(p.lines().get(al.line()).sku(), al.quantity()));
        }
        List<Shipment> shipments = new ArrayList<>();
        for (Map.Entry<Integer, List<Shipment.Line>> e : byCandidate.entrySet()) {
            Candidate c = cs.get(e.getKey());
            long units = e.getValue().stream().mapToLong(Shipment.Line::quantity).sum();
            Money ship = p.costs().shippingCost(c.distanceMetres(), c.node().type());
            Money fixed = p.shipmentCost(c);
            Money late = fixed.minus(ship).minus(p.costs().handlingPerShipment());
            Money shelfHere = p.unitCost(c).times(units);
            Instant arrival = now.plus(p.costs().deliveryTime(c.distanceMetres()));
            shipping = shipping.plus(ship);
            handling = handling.plus(p.costs().handlingPerShipment());
            lateness = lateness.plus(late);
            shelf = shelf.plus(shelfHere);
            ready = arrival.isAfter(ready) ? arrival : ready;
            shipments.add(new Shipment(c.node().id(), c.node().type(), e.getValue(), c.distanceMetres(),
                    fixed.plus(shelfHere), arrival, transferTo));
        }
        Money split = p.costs().splitPenalty().times(Math.max(0, shipments.size() - 1));
        Money total = shipping.plus(handling).plus(split).plus(lateness).plus(shelf);
        List<CandidateVerdict> verdicts = new ArrayList<>(rejected);
        for (Candidate c : cs) {
            verdicts.add(verdict(p, c, byCandidate.get(c.index()), total));
        }
        List<String> notes = new ArrayList<>();
        if (promisedBy.isPresent() && ready.isAfter(promisedBy.get())) {
            notes.add("estimated " + ready + " is after the promise " + promisedBy.get());
        }
        Explanation explanation = new Explanation(policy.name(), verdicts, notes);
        FulfillmentPlan plan = new FulfillmentPlan(shipments, shipping, handling, split, lateness, shelf, ready,
                explanation);
        return new RoutingResult(Optional.of(plan), List.of(), explanation);
    }

    private static CandidateVerdict verdict(RoutingProblem p, Candidate c, List<Shipment.Line> ships, Money total) {
        CandidateVerdict.Verdict v;
        String reason;
        if (ships != null) {
            v = CandidateVerdict.Verdict.CHOSEN;
            StringBuilder sb = new StringBuilder("ships ");
            for (int i = 0; i < ships.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(ships.get(i).sku().value()).append('×').append(ships.get(i).quantity());
            }
            reason = sb.toString();
        } else if (c.capacityLeft() <= 0) {
            v = CandidateVerdict.Verdict.REJECTED;
            reason = capacityReason(c);
        } else if (!c.known(0)) {
            v = CandidateVerdict.Verdict.NOT_CHOSEN;
            reason = "not needed: a nearer plan was complete (stock not read)";
        } else {
            String stock = stockReason(p, c);
            if (stock.startsWith("no stock")) {
                v = CandidateVerdict.Verdict.REJECTED;
                reason = stock;
            } else {
                v = CandidateVerdict.Verdict.NOT_CHOSEN;
                Money alone = p.cost(singleNode(p, c));
                reason = alone.isGreaterThan(total) ? "could ship everything; cost higher by "
                        + alone.minus(total).amountString() : "could ship everything; the plan ranks better under "
                        + "the policy";
            }
        }
        return new CandidateVerdict(c.node().id(), c.distanceMetres(), v, List.of(reason));
    }

    private static Assignment singleNode(RoutingProblem p, Candidate c) {
        int[] nodeOfLine = new int[p.lines().size()];
        java.util.Arrays.fill(nodeOfLine, c.index());
        return Assignment.wholeLines(nodeOfLine, p.lines().stream().mapToInt(RoutingProblem.Line::quantity).toArray());
    }

    /** "no stock for X (atp a < q)" for the lines the candidate cannot cover, or "" if it covers all. */
    private static String stockReason(RoutingProblem p, Candidate c) {
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < p.lines().size(); l++) {
            RoutingProblem.Line line = p.lines().get(l);
            if (!c.covers(l, line.quantity())) {
                sb.append(sb.length() == 0 ? "no stock for " : "; ").append(line.sku()).append(" (atp ")
                        .append(c.atp(l)).append(" < ").append(line.quantity()).append(')');
            }
        }
        return sb.length() == 0 ? "could ship everything" : sb.toString();
    }

    private static String capacityReason(Candidate c) {
        return "capacity full (" + c.node().dailyOrderCapacity().orElse(0) + " orders a day)";
    }

    private static List<String> missing(RoutingProblem p) {
        List<String> out = new ArrayList<>();
        for (int l = 0; l < p.lines().size(); l++) {
            RoutingProblem.Line line = p.lines().get(l);
            long available = 0;
            int open = 0;
            for (Candidate c : p.candidates()) {
                if (c.capacityLeft() > 0) {
                    available += c.atp(l);
                    open++;
                }
            }
            if (available < line.quantity()) {
                int full = p.candidates().size() - open;
                out.add(line.sku() + ": need " + line.quantity() + ", " + available + " available at the " + open
                        + (open == 1 ? " candidate node" : " candidate nodes") + " with order capacity left"
                        + (full == 0 ? "" : " (" + full + (full == 1 ? " more is" : " more are")
                        + " at daily order capacity)"));
            }
        }
        if (out.isEmpty()) {
            out.add("every line is in stock, but no plan fits within " + p.maxShipments() + " shipments"
                    + (p.allowSplitLines() ? "" : " without splitting lines"));
        }
        return out;
    }

    private static List<String> missingAt(List<RoutingProblem.Line> lines, Candidate at) {
        List<String> out = new ArrayList<>();
        for (int l = 0; l < lines.size(); l++) {
            if (!at.covers(l, lines.get(l).quantity())) {
                out.add(lines.get(l).sku() + ": need " + lines.get(l).quantity() + ", " + at.atp(l) + " at "
                        + at.node().id());
            }
        }
        return out;
    }

    private static String describe(List<RoutingProblem.Line> lines) {
        return lines.stream().map(l -> l.sku() + "×" + l.quantity()).reduce((a, b) -> a + ", " + b).orElse("nothing");
    }

    /** A strategy may be custom code: never promise more than ATP, use a full node, or miss a unit. */
    private static void check(RoutingProblem p, Assignment a) {
        int lines = p.lines().size();
        long[] covered = new long[lines];
        List<Assignment.Allocation> all = a.allocations();
        for (int i = 0; i < all.size(); i++) {
            Assignment.Allocation al = all.get(i);
            if (al.candidate() >= p.candidates().size() || al.line() >= lines) {
                throw new IllegalStateException("strategy returned an allocation outside the problem: " + al);
            }
            Candidate c = p.candidates().get(al.candidate());
            if (c.capacityLeft() <= 0) {
                throw new IllegalStateException("strategy used " + c.node().id() + ", which has no capacity left");
            }
            long sum = 0;
            for (Assignment.Allocation other : all) {
                if (other.candidate() == al.candidate() && other.line() == al.line()) {
                    sum += other.quantity();
                }
            }
            if (sum > c.atp(al.line())) {
                throw new IllegalStateException("strategy assigned " + sum + " of " + p.lines().get(al.line()).sku()
                        + " to " + c.node().id() + ", which can promise " + c.atp(al.line()));
            }
            covered[al.line()] += al.quantity();
        }
        for (int l = 0; l < lines; l++) {
            if (covered[l] != p.lines().get(l).quantity()) {
                throw new IllegalStateException("strategy assigned " + covered[l] + " of " + p.lines().get(l).sku()
                        + ", the order has " + p.lines().get(l).quantity());
            }
        }
        if (a.shipments() > p.maxShipments()) {
            throw new IllegalStateException("strategy used " + a.shipments() + " shipments, the policy allows "
                    + p.maxShipments());
        }
    }

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
