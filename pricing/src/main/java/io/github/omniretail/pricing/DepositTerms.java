package io.github.omniretail.pricing;

import io.github.omniretail.core.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a cart with pre-sale items is paid: a deposit now, the balance later. The discount the deposits earn is
 * already in the quote's lines ({@link Offer.Deposit}); these terms only split its total in two.
 *
 * @param deposit non-null amount due now: each applied deposit offer's deposit × the units it covered; positive
 * @param balance non-null amount due later: the quote's total less the deposit; never negative
 * @param balanceDueBy non-null instant by which the balance must be paid (the earliest, if several offers applied)
 */
public record DepositTerms(Money deposit, Money balance, Instant balanceDueBy) {

    /**
     * Validates.
     *
     * @param deposit positive
     * @param balance not negative, same currency
     * @param balanceDueBy non-null
     */
    public DepositTerms {
        Objects.requireNonNull(balanceDueBy, "balanceDueBy");
        deposit.requireSameCurrency(balance);
        if (!deposit.isPositive() || balance.isNegative()) {
            throw new IllegalArgumentException("deposit terms need a positive deposit and a balance >= 0, were "
                    + deposit + " and " + balance);
        }
    }

    /** @return deposit + balance: the quote's total */
    public Money total() {
        return deposit.plus(balance);
    }

    /**
     * The terms of a quote: every applied deposit offer's deposit on the units of the lines it took something off,
     * at most the total; empty when no deposit offer applied.
     */
    static Optional<DepositTerms> of(List<Promotion> candidates, Map<String, long[]> lineDiscounts,
            List<LineQuote> lines, Money total) {
        long deposit = 0;
        Instant due = null;
        for (Promotion p : candidates) {
            long[] shares = lineDiscounts.get(p.id());
            if (!(p.offer() instanceof Offer.Deposit d) || shares == null) {
                continue;
            }
            for (int i = 0; i < shares.length; i++) {
                if (shares[i] > 0) {
                    deposit = Math.addExact(deposit, Math.multiplyExact(d.deposit().minorUnits(),
                            (long) lines.get(i).quantity()));
                }
            }
            due = due == null || d.balanceDueBy().isBefore(due) ? d.balanceDueBy() : due;
        }
        if (due == null || deposit == 0) {
            return Optional.empty();
        }
        Money now = Money.ofMinor(Math.min(deposit, total.minorUnits()), total.currency());
        return now.isPositive() ? Optional.of(new DepositTerms(now, total.minus(now), due)) : Optional.empty();
    }
}
