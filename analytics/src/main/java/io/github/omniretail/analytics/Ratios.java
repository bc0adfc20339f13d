package io.github.omniretail.analytics;

import io.github.omniretail.core.BasisPoints;
import java.math.BigInteger;
import java.util.Optional;

/** Shares as basis points, rounded half-even, in exact integer arithmetic. */
final class Ratios {

    private Ratios() {
    }

    /** {@code numerator ÷ denominator} in basis points; the denominator must be positive. */
    static BasisPoints bp(long numerator, long denominator) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be > 0, was " + denominator);
        }
        BigInteger[] qr = BigInteger.valueOf(numerator).multiply(BigInteger.valueOf(10_000))
                .divideAndRemainder(BigInteger.valueOf(denominator));
        long q = qr[0].longValueExact();
        int twice = qr[1].abs().shiftLeft(1).compareTo(BigInteger.valueOf(denominator));
        if (twice > 0 || (twice == 0 && (q & 1) != 0)) {
            q += qr[1].signum() < 0 ? -1 : 1;
        }
        return BasisPoints.of((int) Math.max(BasisPoints.MIN_VALUE, Math.min(BasisPoints.MAX_VALUE, q)));
    }

    /** The share, or empty when the denominator is zero. */
    static Optional<BasisPoints> share(long numerator, long denominator) {
        return denominator <= 0 ? Optional.empty() : Optional.of(bp(numerator, denominator));
    }
}
