package io.github.omniretail.benchmarks.analytics;

import io.github.omniretail.analytics.KpiEvent;
import io.github.omniretail.analytics.KpiTracker;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link KpiTracker} keeps: heap after GC before and after it counts the {@link KpiTrackerBenchmark}'s
 * 1,000,000 events of a month, per event. Usage: {@code java -cp benchmarks.jar …KpiTrackerHeap}.
 */
public final class KpiTrackerHeap {

    private KpiTrackerHeap() {
    }

    /**
     * Measures and prints.
     *
     * @param args none
     * @throws InterruptedException if interrupted while collecting
     */
    public static void main(String[] args) throws InterruptedException {
        KpiTrackerBenchmark b = new KpiTrackerBenchmark();
        b.setUp();
        b.filled = null;
        List<KpiEvent> events = b.events;
        long before = used();
        KpiTracker t = KpiTrackerBenchmark.tracker();
        t.acceptAll(events);
        long after = used();
        System.out.printf(Locale.ROOT, "analytics.kpi.heapPerEvent %.1f bytes/event (%d events counted, %,d bytes)%n",
                (after - before) / (double) events.size(), t.events(), after - before);
    }

    private static long used() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
