package io.github.omniretail.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.spi.BatchListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The batch listener hears every batch once, with its size and time, and cannot change a batch's outcome. */
class GroupCommitterListenerTest {

    static final class Call extends GroupCommitter.Call {
        int result;
    }

    @Test
    void everyCallIsInExactlyOneReportedBatchAndAThrowingListenerChangesNothing() throws Exception {
        List<int[]> reported = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ran = new AtomicInteger();
        BatchListener listener = new BatchListener() {
            @Override
            public void committed(int calls, long nanos) {
                reported.add(new int[] {calls, nanos >= 0 ? 1 : 0});
                throw new IllegalStateException("a broken listener");
            }
        };
        GroupCommitter<Call> committer = new GroupCommitter<>(new GroupCommit(16, Duration.ZERO, 1), batch -> {
            ran.addAndGet(batch.size());
            batch.forEach(c -> c.result = 1);
        }, listener);
        int threads = 8;
        int each = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                start.await();
                int sum = 0;
                for (int i = 0; i < each; i++) {
                    Call c = new Call();
                    committer.submit(c);
                    sum += c.result;
                }
                return sum;
            }));
        }
        start.countDown();
        for (Future<Integer> f : done) {
            assertEquals(each, f.get(), "every call got its outcome despite the listener throwing");
        }
        pool.shutdown();
        assertEquals(threads * each, ran.get());
        assertEquals(threads * each, reported.stream().mapToInt(r -> r[0]).sum(), "each call in one reported batch");
        assertTrue(reported.stream().allMatch(r -> r[0] >= 1 && r[0] <= 16 && r[1] == 1));
    }

    @Test
    void aFailedBatchIsReportedAsFailedAndStillThrows() {
        List<Integer> failed = new ArrayList<>();
        GroupCommitter<Call> committer = new GroupCommitter<>(GroupCommit.DEFAULTS, batch -> {
            throw new IllegalStateException("database down");
        }, new BatchListener() {
            @Override
            public void committed(int calls, long nanos) {
                throw new AssertionError("not committed");
            }

            @Override
            public void failed(int calls, long nanos, RuntimeException cause) {
                failed.add(calls);
            }
        });
        assertThrows(IllegalStateException.class, () -> committer.submit(new Call()));
        assertEquals(List.of(1), failed);
    }
}
