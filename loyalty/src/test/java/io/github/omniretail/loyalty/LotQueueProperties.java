package io.github.omniretail.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.omniretail.core.IdempotencyKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The lot queue against a TreeSet in the same order, for both consumption orders. */
class LotQueueProperties {

    @Property(tries = 500)
    void behavesLikeASortedSet(@ForAll boolean fifo,
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 99) Integer> ops) {
        Comparator<LedgerState.LotState> order = Comparator
                .comparingLong((LedgerState.LotState l) -> fifo ? l.earnedAt : l.expiresAt)
                .thenComparingLong(l -> l.seq);
        TreeSet<LedgerState.LotState> model = new TreeSet<>(order);
        LotQueue queue = new LotQueue(fifo);
        List<LedgerState.LotState> all = new ArrayList<>();
        int n = 0;
        for (int op : ops) {
            if (op < 45 || all.isEmpty()) { // a new lot, expiry mostly later, sometimes earlier
                long t = n * 10L;
                long expiry = op % 5 == 0 ? t + 1_000 - op * 7L : t + 1_000;
                LedgerState.LotState l = new LedgerState.LotState(IdempotencyKey.of("l" + n), n++, 10, t, t,
                        expiry, false, null);
                all.add(l);
                queue.add(l);
                model.add(l);
            } else if (op < 65) { // re-add an old one (a give-back), possibly still queued
                LedgerState.LotState l = all.get(op % all.size());
                queue.add(l);
                model.add(l);
            } else if (op < 85) {
                LedgerState.LotState l = all.get(op % all.size());
                queue.remove(l);
                model.remove(l);
            } else if (op < 98) {
                if (!model.isEmpty()) {
                    assertEquals(model.first(), queue.first());
                    queue.removeFirst();
                    model.pollFirst();
                }
            } else {
                queue.clear();
                model.clear();
            }
            assertEquals(new ArrayList<>(model), queue.toList());
            assertEquals(model.size(), queue.size());
            for (LedgerState.LotState l : all) {
                assertEquals(model.contains(l), l.queued, "queued flag of " + l.id);
            }
        }
    }
}
