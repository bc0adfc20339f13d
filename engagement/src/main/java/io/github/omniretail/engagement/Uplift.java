package io.github.omniretail.engagement;

/**
 * One arm of a treatment against its holdout: conversion rates of members exposed (granted, or held out) and the
 * difference with a 95 % interval (normal approximation of the difference of two proportions).
 *
 * @param arm the arm
 * @param members members granted the arm
 * @param conversions of them, members who bought after
 * @param rate conversions ÷ members (0 without members)
 * @param holdoutMembers members held out
 * @param holdoutConversions of them, members who bought after
 * @param holdoutRate the holdout's rate
 * @param uplift {@code rate − holdoutRate}
 * @param low lower end of the 95 % interval of the uplift
 * @param high upper end
 */
public record Uplift(String arm, long members, long conversions, double rate, long holdoutMembers,
        long holdoutConversions, double holdoutRate, double uplift, double low, double high) {

    static Uplift of(String arm, long n1, long c1, long n0, long c0) {
        double p1 = n1 == 0 ? 0 : (double) c1 / n1;
        double p0 = n0 == 0 ? 0 : (double) c0 / n0;
        double se = Math.sqrt((n1 == 0 ? 0 : p1 * (1 - p1) / n1) + (n0 == 0 ? 0 : p0 * (1 - p0) / n0));
        double d = p1 - p0;
        return new Uplift(arm, n1, c1, p1, n0, c0, p0, d, d - 1.96 * se, d + 1.96 * se);
    }

    /** @return whether the interval lies above zero: the arm beats doing nothing */
    public boolean significant() {
        return low > 0;
    }
}
