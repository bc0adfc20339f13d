package io.github.omniretail.core.internal;

import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.spi.BatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Group commit without a thread of its own (leader/follower): a caller queues its call; whoever finds a free batch
 * slot becomes a leader, takes up to {@code maxBatch} queued calls (its own or others') and runs them as one batch;
 * the others park until their call is done. A leader that finishes wakes the caller at the head of the queue, so a
 * queued call never waits for a batch that nobody leads. With a linger set, a leader waits up to that long while
 * its batch is smaller than the previous one (the callers that batch answered are about to call again). Thread-safe.
 *
 * @param <C> the call type
 */
public final class GroupCommitter<C extends GroupCommitter.Call> {

    /** A queued call; the batch runner sets its outcome before the committer marks it done. */
    public abstract static class Call {
        volatile boolean done;
        volatile Thread waiter;

        /** @return whether a batch holding this call has run */
        public boolean done() {
            return done;
        }
    }

    private final ConcurrentLinkedQueue<C> queue = new ConcurrentLinkedQueue<>();
    private final Semaphore slots;
    private final int maxBatch;
    private final long lingerNanos;
    private final Consumer<List<C>> runner;
    private final BatchListener listener;
    /** Size of the batch most recently started (racy by design: a hint for lingering). */
    private volatile int lastBatch = 1;

    /**
     * @param settings batch size, linger and batches in flight
     * @param runner runs one batch and sets every call's outcome; a throw is turned into each unfinished call's
     *     failure by {@code onFailure}
     */
    public GroupCommitter(GroupCommit settings, Consumer<List<C>> runner) {
        this(settings, runner, BatchListener.none());
    }

    /**
     * @param settings batch size, linger and batches in flight
     * @param runner runs one batch and sets every call's outcome
     * @param listener told the size and duration of every batch run
     */
    public GroupCommitter(GroupCommit settings, Consumer<List<C>> runner, BatchListener listener) {
        this.slots = new Semaphore(settings.maxInFlight());
        this.maxBatch = settings.maxBatch();
        this.lingerNanos = settings.maxLinger().toNanos();
        this.runner = runner;
        this.listener = listener;
    }

    /** Queues {@code call} and returns once a batch holding it has run. */
    public void submit(C call) {
        call.waiter = Thread.currentThread();
        queue.add(call);
        while (!call.done) {
            if (slots.tryAcquire()) {
                try {
                    lead();
                } finally {
                    slots.release();
                    wakeHead();
                }
            } else {
                LockSupport.park(this);
            }
        }
    }

    private void lead() {
        List<C> batch = new ArrayList<>(Math.min(maxBatch, 64));
        drain(batch);
        // Linger only while the batch is smaller than the last one: callers just answered by that batch are
        // about to call again, and waiting a moment for them makes one transaction where there would be two. A
        // lone caller (last batch of one) never waits.
        int want = Math.min(maxBatch, lastBatch);
        if (lingerNanos > 0 && batch.size() < want) {
            long until = System.nanoTime() + lingerNanos;
            while (batch.size() < want && System.nanoTime() < until) {
                LockSupport.parkNanos(this, Math.min(20_000, until - System.nanoTime()));
                drain(batch);
            }
        }
        lastBatch = Math.max(1, batch.size());
        if (batch.isEmpty()) {
            return;
        }
        boolean timed = listener != BatchListener.None.INSTANCE;
        long start = timed ? System.nanoTime() : 0;
        try {
            runner.accept(batch);
            if (timed) {
                report(batch.size(), System.nanoTime() - start, null);
            }
        } catch (RuntimeException e) {
            if (timed) {
                report(batch.size(), System.nanoTime() - start, e);
            }
            throw e;
        } finally {
            Thread me = Thread.currentThread();
            for (C call : batch) {
                call.done = true;
                Thread waiter = call.waiter;
                if (waiter != me) {
                    LockSupport.unpark(waiter);
                }
            }
        }
    }

    private void report(int calls, long nanos, RuntimeException failure) {
        try {
            if (failure == null) {
                listener.committed(calls, nanos);
            } else {
                listener.failed(calls, nanos, failure);
            }
        } catch (RuntimeException ignored) {
            // a listener must not change a batch's outcome
        }
    }

    private void drain(List<C> batch) {
        C next;
        while (batch.size() < maxBatch && (next = queue.poll()) != null) {
            batch.add(next);
        }
    }

    private void wakeHead() {
        C head = queue.peek();
        if (head != null) {
            LockSupport.unpark(head.waiter);
        }
    }
}
