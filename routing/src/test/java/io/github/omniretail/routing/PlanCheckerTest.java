package io.github.omniretail.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Sku;
import io.github.omniretail.routing.spi.Assignment;
import io.github.omniretail.routing.spi.Assignment.Allocation;
import io.github.omniretail.routing.spi.Candidate;
import io.github.omniretail.routing.spi.RoutingProblem;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The check every strategy's assignment passes before a plan is built from it (strategies may be user code). */
class PlanCheckerTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Lines RICE × {@code rice} and TEA × 1; candidates A (RICE 2, TEA 5) and B (RICE 9, TEA 0). */
    private static RoutingProblem problem(int rice, int capacityOfB, int maxShipments) {
        FulfillmentNode a = FulfillmentNode.builder(NodeId.of("A"), NodeType.STORE, GeoPoint.of(30.2, 120.1), ZONE)
                .build();
        FulfillmentNode b = FulfillmentNode.builder(NodeId.of("B"), NodeType.STORE, GeoPoint.of(30.3, 120.2), ZONE)
                .build();
        int[] atpA = {2, 5};
        int[] atpB = {9, 0};
        return new RoutingProblem(List.of(new RoutingProblem.Line(Sku.of("RICE"), rice),
                new RoutingProblem.Line(Sku.of("TEA"), 1)),
                List.of(new Candidate(0, a, 1_000, 2, l -> atpA[l], Integer.MAX_VALUE),
                        new Candidate(1, b, 2_000, 2, l -> atpB[l], capacityOfB)),
                true, maxShipments, CostModel.standard(Currency.getInstance("CNY")), Instant.EPOCH, Optional.empty());
    }

    private static String refusal(RoutingProblem p, Allocation... allocations) {
        return assertThrows(IllegalStateException.class, () -> PlanChecker.check(p, new Assignment(
                List.of(allocations)))).getMessage();
    }

    @Test
    void anAssignmentWithinEveryLimitPasses() {
        PlanChecker.check(problem(2, 0, 1), new Assignment(List.of(new Allocation(0, 0, 2), new Allocation(0, 1, 1))));
        PlanChecker.check(problem(5, 10, 2), new Assignment(List.of(new Allocation(0, 0, 2), new Allocation(1, 0, 3),
                new Allocation(0, 1, 1))));
    }

    @Test
    void eachBrokenLimitIsNamed() {
        assertEquals("strategy assigned 3 of RICE to A, which can promise 2",
                refusal(problem(3, 10, 3), new Allocation(0, 0, 3), new Allocation(0, 1, 1)));
        assertEquals("strategy used B, which has no capacity left",
                refusal(problem(3, 0, 3), new Allocation(1, 0, 3), new Allocation(0, 1, 1)));
        assertEquals("strategy assigned 0 of TEA, the order has 1", refusal(problem(2, 10, 3), new Allocation(0, 0, 2)));
        assertEquals("strategy used 2 shipments, the policy allows 1", refusal(problem(3, 10, 1),
                new Allocation(0, 0, 2), new Allocation(1, 0, 1), new Allocation(0, 1, 1)));
        assertEquals("strategy returned an allocation outside the problem: Allocation[candidate=5, line=0, quantity=1]",
                refusal(problem(1, 10, 3), new Allocation(5, 0, 1)));
    }
}
