package io.github.omniretail.routing;

import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.routing.spi.Assignment;
import io.github.omniretail.routing.spi.Candidate;
import io.github.omniretail.routing.spi.RoutingProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a strategy's assignment into a {@link FulfillmentPlan} with its costs, and explains the decision: a verdict
 * with a reason for every candidate node (chosen, not chosen and why, rejected and why) and, when no plan exists,
 * what is missing where. Stateless; thread-safe.
 */
final class RoutingExplainer {

    private RoutingExplainer() {
    }

    static RoutingResult result(RoutingPolicy policy, RoutingProblem p, Optional<Assignment> chosen,
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
        PlanChecker.check(p, a);
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

    static CandidateVerdict verdict(RoutingProblem p, Candidate c, List<Shipment.Line> ships, Money total) {
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

    static Assignment singleNode(RoutingProblem p, Candidate c) {
        int[] nodeOfLine = new int[p.lines().size()];
        java.util.Arrays.fill(nodeOfLine, c.index());
        return Assignment.wholeLines(nodeOfLine, p.lines().stream().mapToInt(RoutingProblem.Line::quantity).toArray());
    }

    /** "no stock for X (atp a < q)" for the lines the candidate cannot cover, or "" if it covers all. */
    static String stockReason(RoutingProblem p, Candidate c) {
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

    static String capacityReason(Candidate c) {
        return "capacity full (" + c.node().dailyOrderCapacity().orElse(0) + " orders a day)";
    }

    static List<String> missing(RoutingProblem p) {
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

    static List<String> missingAt(List<RoutingProblem.Line> lines, Candidate at) {
        List<String> out = new ArrayList<>();
        for (int l = 0; l < lines.size(); l++) {
            if (!at.covers(l, lines.get(l).quantity())) {
                out.add(lines.get(l).sku() + ": need " + lines.get(l).quantity() + ", " + at.atp(l) + " at "
                        + at.node().id());
            }
        }
        return out;
    }

    static String describe(List<RoutingProblem.Line> lines) {
        return lines.stream().map(l -> l.sku() + "×" + l.quantity()).reduce((a, b) -> a + ", " + b).orElse("nothing");
    }
}
