package io.github.omniretail.analytics.forecast;

/** Sample quantiles (linear interpolation between order statistics, R type 7) by selection, in place. Stateless. */
final class Quantiles {

    private Quantiles() {
    }

    /** The {@code q} quantile of {@code a[0..k)}; reorders the array. */
    static double of(double[] a, int k, double q) {
        double pos = q * (k - 1);
        int i = (int) Math.floor(pos);
        double lower = select(a, k, i);
        if (i + 1 >= k || pos == i) {
            return lower;
        }
        double next = Double.MAX_VALUE;
        for (int j = i + 1; j < k; j++) {
            next = Math.min(next, a[j]);
        }
        return lower + (pos - i) * (next - lower);
    }

    /** The {@code r}-th smallest of {@code a[0..k)} (Hoare's quickselect, median-of-three pivots). */
    static double select(double[] a, int k, int r) {
        int lo = 0;
        int hi = k - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double pivot = median(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (r <= j) {
                hi = j;
            } else if (r >= i) {
                lo = i;
            } else {
                return a[r];
            }
        }
        return a[r];
    }

    private static double median(double x, double y, double z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }
}
