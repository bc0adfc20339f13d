package io.github.omniretail.analytics;

import java.util.Currency;

/** A mutable running {@link Sales}; confined to the tracker's lock. */
final class SalesTally {
    long orders;
    long grossRevenue;
    long refunds;
    long costedRevenue;
    long costOfGoods;
    long unitsSold;
    long unitsReturned;

    void order(long revenue, long costedRevenue, long cost, long units) {
        orders++;
        grossRevenue = Math.addExact(grossRevenue, revenue);
        this.costedRevenue = Math.addExact(this.costedRevenue, costedRevenue);
        costOfGoods = Math.addExact(costOfGoods, cost);
        unitsSold = Math.addExact(unitsSold, units);
    }

    void refund(long refund, long costedRefund, long cost, long units) {
        refunds = Math.addExact(refunds, refund);
        costedRevenue = Math.subtractExact(costedRevenue, costedRefund);
        costOfGoods = Math.subtractExact(costOfGoods, cost);
        unitsReturned = Math.addExact(unitsReturned, units);
    }

    Sales toSales(Currency currency) {
        return new Sales(orders, grossRevenue, refunds, costedRevenue, costOfGoods, unitsSold, unitsReturned, currency);
    }
}
