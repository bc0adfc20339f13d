package io.github.omniretail.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The cumulative shares a return gives back: never negative, and exact in sum however an order is split. */
class ReturnShareProperties {

    @Property
    void sharesOfCumulativePartsAddUpToTheWhole(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long whole,
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 1_000_000) Integer> parts) {
        long total = parts.stream().mapToLong(Integer::longValue).sum();
        long given = 0;
        long before = 0;
        for (int part : parts) {
            long piece = ReturnShare.share(whole, before + part, total) - ReturnShare.share(whole, before, total);
            assertTrue(piece >= 0, "a part gives back " + piece);
            given += piece;
            before += part;
        }
        assertEquals(total == 0 ? 0 : whole, given);
    }
}
