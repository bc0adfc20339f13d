package io.github.omniretail.checkout;

import io.github.omniretail.core.Money;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.Sku;
import io.github.omniretail.pricing.LineQuote;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a return gives back: the returned units' share of their lines' net amounts, the share of the points the order
 * paid with, and the money refund (the net less what those points were worth). Shares are taken of the cumulative
 * net returned so far, so an order returned in any number of parts gives back exactly its points and its money.
 *
 * @param net the units' share of their lines' net amounts
 * @param pointsBack points paid that go back to the member, {@code >= 0}
 * @param refund money to pay back
 */
record ReturnShare(Money net, long pointsBack, Money refund) {

    /**
     * @param o a confirmed or fulfilled order
     * @param asked units per SKU coming back
     * @return the shares
     * @throws IllegalArgumentException naming the SKU if a unit did not leave or came back before
     */
    static ReturnShare of(PlacedOrder o, Map<Sku, Integer> asked) {
        List<LineQuote> quoted = o.quote().orElseThrow().lines();
        Map<Sku, Integer> index = new HashMap<>();
        for (int i = 0; i < quoted.size(); i++) {
            index.put(quoted.get(i).item().sku(), i);
        }
        check(o, asked, index);
        Order order = EngineSteps.order(o);
        Map<Sku, Integer> before = o.returned();
        Money net = Money.zero(o.quote().orElseThrow().total().currency());
        for (Map.Entry<Sku, Integer> e : asked.entrySet()) {
            net = net.plus(order.lines().get(index.get(e.getKey())).netOf(e.getValue(),
                    before.getOrDefault(e.getKey(), 0)));
        }
        if (!o.did(PlacedOrder.Step.POINTS_SPENT)) {
            return new ReturnShare(net, 0, net);
        }
        long goods = order.net().minorUnits();
        long returnedBefore = o.returns().stream().mapToLong(r -> r.net().minorUnits()).sum();
        long returnedAfter = returnedBefore + net.minorUnits();
        long points = o.request().points();
        long value = o.pointsValue().minorUnits();
        long pointsBack = share(points, returnedAfter, goods) - share(points, returnedBefore, goods);
        long valueBack = share(value, returnedAfter, goods) - share(value, returnedBefore, goods);
        return new ReturnShare(net, pointsBack, net.minus(Money.ofMinor(Math.min(valueBack, net.minorUnits()),
                net.currency())));
    }

    /** {@code whole × part / total}, rounded down, without overflow; 0 when {@code total <= 0}. */
    static long share(long whole, long part, long total) {
        if (total <= 0 || whole == 0) {
            return 0;
        }
        return BigInteger.valueOf(whole).multiply(BigInteger.valueOf(Math.min(part, total)))
                .divide(BigInteger.valueOf(total)).longValueExact();
    }

    private static void check(PlacedOrder o, Map<Sku, Integer> asked, Map<Sku, Integer> lines) {
        if (asked.isEmpty()) {
            throw new IllegalArgumentException("a return of order " + o.key() + " needs at least one SKU");
        }
        Map<Sku, Integer> shipped = o.shipped();
        Map<Sku, Integer> returned = o.returned();
        for (Map.Entry<Sku, Integer> e : asked.entrySet()) {
            if (!lines.containsKey(e.getKey())) {
                throw new IllegalArgumentException("order " + o.key() + " has no line for " + e.getKey());
            }
            int open = shipped.getOrDefault(e.getKey(), 0) - returned.getOrDefault(e.getKey(), 0);
            if (e.getValue() == null || e.getValue() <= 0 || e.getValue() > open) {
                throw new IllegalArgumentException("order " + o.key() + ": " + e.getValue() + " units of "
                        + e.getKey() + " cannot come back; " + open + " left and were not returned");
            }
        }
    }
}
