package io.github.omniretail.analytics.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class QuantilesProperties {

    @Property
    void selectionEqualsSortingThenInterpolating(@ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = -5, max = 5) Double> values,
            @ForAll @DoubleRange(min = 0, max = 1) double q) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        double pos = q * (a.length - 1);
        int i = (int) Math.floor(pos);
        double expected = i + 1 < a.length ? sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
        assertEquals(expected, Quantiles.of(a, a.length, q), 1e-12);
    }
}
