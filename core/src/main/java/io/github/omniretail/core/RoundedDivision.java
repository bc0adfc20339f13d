package io.github.omniretail.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/** Exact {@code a × b ÷ d} on longs with one explicit rounding; BigInteger only when the product overflows. */
final class RoundedDivision {

    private RoundedDivision() {
    }

    static long multiplyDivide(long a, long b, long denominator, RoundingMode rounding) {
        Objects.requireNonNull(rounding, "rounding");
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be > 0, was " + denominator);
        }
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return divide(lo, denominator, rounding);
        }
        BigDecimal exact = new BigDecimal(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)))
                .divide(BigDecimal.valueOf(denominator), 0, rounding);
        return exact.longValueExact();
    }

    /** {@code numerator ÷ denominator} rounded by {@code rounding}; {@code denominator > 0}. */
    static long divide(long numerator, long denominator, RoundingMode rounding) {
        long quotient = numerator / denominator;
        long remainder = numerator % denominator;
        if (remainder == 0) {
            return quotient;
        }
        int sign = numerator < 0 ? -1 : 1;
        boolean awayFromZero;
        switch (rounding) {
            case UNNECESSARY:
                throw new ArithmeticException(numerator + " / " + denominator + " is not exact (rounding UNNECESSARY)");
            case DOWN:
                awayFromZero = false;
                break;
            case UP:
                awayFromZero = true;
                break;
            case FLOOR:
                awayFromZero = sign < 0;
                break;
            case CEILING:
                awayFromZero = sign > 0;
                break;
            default:
                long absRemainder = Math.abs(remainder);
                int half = Long.compare(absRemainder, denominator - absRemainder);
                if (half != 0) {
                    awayFromZero = half > 0;
                } else if (rounding == RoundingMode.HALF_UP) {
                    awayFromZero = true;
                } else if (rounding == RoundingMode.HALF_DOWN) {
                    awayFromZero = false;
                } else {
                    awayFromZero = (quotient & 1) != 0; // HALF_EVEN
                }
        }
        return awayFromZero ? quotient + sign : quotient;
    }
}
