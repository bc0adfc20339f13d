package io.github.omniretail.examples.demo;

import io.github.omniretail.core.Money;
import io.github.omniretail.examples.Text;
import io.github.omniretail.pricing.ExperimentLog;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * What happened during the simulated day: the numbers of the summary table, the series behind the report's charts,
 * and the conservation checks. Deterministic for a seed and scale. Immutable.
 *
 * @param seed the seed
 * @param scale the scale
 * @param skus SKUs in the catalogue
 * @param members members
 * @param nodes nodes in the network
 * @param orders orders placed (every checkout and every till transaction)
 * @param fulfilled orders fulfilled
 * @param cancelled orders cancelled (abandoned at checkout: their holds expired)
 * @param rejected orders rejected, by reason
 * @param ordersByChannel orders by channel id
 * @param revenue paid by customers for fulfilled orders, net of promotions, points and refunds
 * @param promotionSavings what promotions took off fulfilled orders
 * @param markdownRevenue revenue of lines sold at an evening markdown
 * @param promotionsApplied fulfilled orders each promotion applied to, by promotion id and name
 * @param routedOrders fulfilled orders planned by routing (online)
 * @param splitOrders routed orders shipped from more than one node
 * @param sameDayDowngraded same-day requests no dark store could serve, shipped instead
 * @param stockOutsAvoided routed orders whose nearest eligible node lacked stock, fulfilled from another node
 * @param fulfilmentMix fulfilled orders by how they were fulfilled
 * @param distanceKmByMethod average delivery distance in km by delivery method (pickup: home to pickup node)
 * @param lowStockAlerts low-stock signals raised
 * @param replenishments DC to dark store replenishment transfers dispatched
 * @param storeTransfers store-to-store transfers
 * @param holdsExpired checkout holds that expired (abandoned carts)
 * @param returns returned order lines
 * @param units inventory conservation
 * @param points points flows and the ledger checks
 * @param abTest the A/B test of 满200减50 against 满300减80
 * @param segments end-of-day segments
 * @param charts the series behind the report's charts
 * @param events the day as KPI events (orders, quotes, fulfilments, returns, rejections, stock levels, waste)
 * @param outlook forecast against actual for the top SKUs, and tomorrow's replenishment plan
 */
public record DaySummary(long seed, double scale, int skus, int members, int nodes, int orders, int fulfilled,
        int cancelled, Map<String, Integer> rejected, Map<String, Integer> ordersByChannel, Money revenue,
        Money promotionSavings, Money markdownRevenue, Map<String, Integer> promotionsApplied, int routedOrders, int splitOrders, int sameDayDowngraded,
        int stockOutsAvoided, Map<String, Integer> fulfilmentMix, Map<String, Double> distanceKmByMethod,
        int lowStockAlerts, int replenishments, int storeTransfers, int holdsExpired, int returns, Units units,
        Points points, List<ExperimentLog.VariantResult> abTest, List<Segment> segments, Charts charts,
        List<io.github.omniretail.analytics.KpiEvent> events, Outlook outlook, List<TopMember> topMembers) {

    /**
     * One of the day's biggest spenders, as store staff may see them: name and phone masked
     * ({@link io.github.omniretail.core.privacy.AccessLevel#STAFF}).
     *
     * @param member member id
     * @param name masked name
     * @param phone masked phone
     * @param orders orders today
     * @param spend paid today
     */
    public record TopMember(String member, String name, String phone, int orders, Money spend) {
    }

    /**
     * Inventory conservation: {@code opening − fulfilled + returned − wasted = closing + inTransit}.
     *
     * @param opening units on hand at opening
     * @param fulfilled units picked for fulfilled orders
     * @param returned units returned by customers
     * @param wasted units of expired lots written off
     * @param closing units on hand at close
     * @param inTransit units on transfers not yet received
     * @param oversoldPositions positions where more is held than on hand (never oversold: 0)
     */
    public record Units(long opening, long fulfilled, long returned, long wasted, long closing, long inTransit,
            int oversoldPositions) {
        /** @return whether every unit is accounted for */
        public boolean conserved() {
            return opening - fulfilled + returned - wasted == closing + inTransit;
        }
    }

    /**
     * Points flows during the day and the ledger's checks.
     *
     * @param earned points earned (into pending or available)
     * @param reversed points reversed by refunds
     * @param issued net points issued: the change of the issuance account
     * @param redeemed points redeemed
     * @param expired points expired
     * @param ledgerSum the sum of every account's balance (double entry: 0)
     * @param tierUpgrades members moved up a tier
     * @param tierDowngrades members moved down a tier
     */
    public record Points(long earned, long reversed, long issued, long redeemed, long expired, long ledgerSum,
            int tierUpgrades, int tierDowngrades) {
        /** @return whether issued = earned − reversed */
        public boolean balanced() {
            return issued == earned - reversed;
        }
    }

    /**
     * One end-of-day segment.
     *
     * @param name segment name
     * @param label its Chinese label
     * @param members members in it
     * @param meanPAlive mean probability of being alive (BG/NBD)
     * @param clv52 mean 52-week lifetime value of its members (BG/NBD × Gamma-Gamma, 1 % a month discount)
     */
    public record Segment(String name, String label, int members, double meanPAlive, Money clv52) {
    }

    /**
     * A delivery on the map.
     *
     * @param method same-day, ship or pickup
     * @param lat destination latitude
     * @param lon destination longitude
     * @param fromLat shipping node latitude
     * @param fromLon shipping node longitude
     */
    public record Delivery(String method, double lat, double lon, double fromLat, double fromLon) {
    }

    /**
     * The series behind the charts.
     *
     * @param ordersPerHour channel id → orders per local hour (24 entries)
     * @param revenuePerHour revenue per local hour, minor units
     * @param markdownRevenuePerHour revenue of marked-down lines per local hour, minor units
     * @param pointsFlows points earned, redeemed, expired, reversed
     * @param deliveries a sample of deliveries
     */
    public record Charts(Map<String, int[]> ordersPerHour, long[] revenuePerHour, long[] markdownRevenuePerHour,
            Map<String, Long> pointsFlows, List<Delivery> deliveries) {
    }

    /** @return orders minus fulfilled, cancelled and rejected: 0 when every order is accounted for */
    public int unaccountedOrders() {
        return orders - fulfilled - cancelled - rejected.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Prints the summary table.
     *
     * @param out where; non-null
     */
    public void print(PrintWriter out) {
        int rejectedTotal = rejected.values().stream().mapToInt(Integer::intValue).sum();
        out.printf("%nOmniRetail demo — one day in Hangzhou (%s, seed %d, scale %s)%n", RetailWorld.DAY, seed, scale);
        out.printf("  network %d nodes · catalogue %,d SKUs · %,d members%n%n", nodes, skus, members);
        row(out, "orders", String.format("%,d", orders));
        ordersByChannel.forEach((c, n) -> row(out, "  " + c, String.format("%,d", n)));
        row(out, "fulfilled / cancelled / rejected", String.format("%,d / %,d / %,d", fulfilled, cancelled, rejectedTotal));
        rejected.forEach((reason, n) -> row(out, "  rejected: " + reason, String.format("%,d", n)));
        row(out, "revenue (net of promotions, points, refunds)", Text.money(revenue));
        row(out, "promotion savings", Text.money(promotionSavings));
        promotionsApplied.forEach((p, n) -> row(out, "  applied: " + p, String.format("%,d", n)));
        row(out, "evening markdown revenue", Text.money(markdownRevenue));
        row(out, "split rate", String.format("%.1f %% (%,d of %,d routed)", percent(splitOrders, routedOrders),
                splitOrders, routedOrders));
        distanceKmByMethod.forEach((m, km) -> row(out, "  avg distance, " + m, String.format("%.2f km", km)));
        fulfilmentMix.forEach((m, n) -> row(out, "  " + m, String.format("%,d", n)));
        row(out, "stock-outs avoided by routing", String.format("%,d", stockOutsAvoided));
        row(out, "same-day downgraded to ship", String.format("%,d", sameDayDowngraded));
        row(out, "low-stock alerts", String.format("%,d", lowStockAlerts));
        row(out, "replenishments DC → dark store / store transfers",
                String.format("%,d / %,d", replenishments, storeTransfers));
        row(out, "abandoned carts expired", String.format("%,d", holdsExpired));
        row(out, "returns", String.format("%,d", returns));
        row(out, "units opening − fulfilled + returned − wasted",
                String.format("%,d − %,d + %,d − %,d", units.opening(), units.fulfilled(), units.returned(),
                        units.wasted()));
        row(out, "units closing + in transit", String.format("%,d + %,d (%s)", units.closing(), units.inTransit(),
                units.conserved() ? "conserved" : "NOT CONSERVED"));
        row(out, "oversold positions", String.valueOf(units.oversoldPositions()));
        row(out, "points earned / reversed / issued", String.format("%,d / %,d / %,d", points.earned(),
                points.reversed(), points.issued()));
        row(out, "points redeemed / expired", String.format("%,d / %,d", points.redeemed(), points.expired()));
        row(out, "ledger sum (double entry)", String.format("%d%s", points.ledgerSum(),
                points.balanced() ? "" : " — issued ≠ earned − reversed"));
        row(out, "tier upgrades / downgrades", String.format("%,d / %,d", points.tierUpgrades(),
                points.tierDowngrades()));
        out.println();
        out.println("  A/B test " + Retailer.EXPERIMENT + " (conversion of members who saw a quote):");
        for (ExperimentLog.VariantResult v : abTest) {
            out.printf("    %s %,6d visitors  %5.1f %% [%4.1f–%4.1f]  %s per visitor  P(best) %.2f%n",
                    Text.pad(v.variant(), 8), v.visitors(), 100 * v.conversionRate(), 100 * v.low(), 100 * v.high(),
                    Text.money(v.revenuePerVisitor()),
                    v.probabilityBest());
        }
        out.println();
        out.println("  End-of-day segments (RFM, BG/NBD P(alive), 52-week CLV):");
        for (Segment s : segments) {
            out.printf("    %s %s %,7d members  P(alive) %.2f  CLV/member %s%n", Text.pad(s.name(), 20),
                    Text.pad(s.label(), 10), s.members(), s.meanPAlive(), Text.money(s.clv52()));
        }
        out.flush();
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf("  %s %s%n", Text.pad(label, 50), value); // by display width: 满200减50 takes 9 columns
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
