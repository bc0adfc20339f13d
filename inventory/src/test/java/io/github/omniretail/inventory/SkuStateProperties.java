package io.github.omniretail.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.omniretail.core.Sku;
import java.util.Arrays;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Position lookup (dense shortcut, interpolation, galloping) agrees with a plain binary search. */
class SkuStateProperties {

    @Property(tries = 500)
    void findAgreesWithBinarySearch(@ForAll @Size(max = 400) Set<@IntRange(min = 0, max = 2_000) Integer> nodes,
            @ForAll @IntRange(min = 0, max = 2_100) int probe) {
        SkuState s = new SkuState(Sku.of("S"), 0);
        int[] sorted = nodes.stream().mapToInt(Integer::intValue).sorted().toArray();
        for (int n : nodes) {
            s.slot(n); // insertion in any order
        }
        assertEquals(sorted.length, s.size);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(sorted[i], s.node(i));
            assertEquals(i, s.find(sorted[i]));
        }
        int expected = Arrays.binarySearch(sorted, probe);
        assertEquals(expected, s.find(probe), "probe " + probe + " in " + Arrays.toString(sorted));
    }
}
