package io.github.omniretail.loyalty.analytics;

import java.util.HashMap;
import java.util.Map;

/** Model data with identical (x, t_x, T) rows merged and weighted, so a likelihood evaluates each once. */
final class GroupedData {

    final int[] x;
    final double[] tx;
    final double[] age;
    final double[] weight;
    final int maxX;
    final double customers;

    private GroupedData(int[] x, double[] tx, double[] age, double[] weight, int maxX, double customers) {
        this.x = x;
        this.tx = tx;
        this.age = age;
        this.weight = weight;
        this.maxX = maxX;
        this.customers = customers;
    }

    static GroupedData of(ModelData data) {
        record Key(int x, double tx, double age) {
        }
        Map<Key, Integer> at = new HashMap<>();
        int n = data.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] weight = new double[n];
        int rows = 0;
        int maxX = 0;
        for (int i = 0; i < n; i++) {
            Key key = new Key(data.repeatPurchases(i), data.timeOfLastPurchase(i), data.age(i));
            Integer row = at.get(key);
            if (row == null) {
                at.put(key, rows);
                x[rows] = key.x();
                tx[rows] = key.tx();
                age[rows] = key.age();
                weight[rows] = 1;
                maxX = Math.max(maxX, key.x());
                rows++;
            } else {
                weight[row]++;
            }
        }
        return new GroupedData(java.util.Arrays.copyOf(x, rows), java.util.Arrays.copyOf(tx, rows),
                java.util.Arrays.copyOf(age, rows), java.util.Arrays.copyOf(weight, rows), maxX, n);
    }

    int rows() {
        return x.length;
    }
}
