package io.github.omniretail.core.spi;

/**
 * Told about every batch a stored engine commits (group commit: concurrent calls sharing one transaction), for
 * metrics such as batch sizes and commit latency. Called on the thread that ran the batch, after its transaction
 * ended; it must be fast and must not throw (a throw is ignored). Implementations are thread-safe: batches of one
 * engine may end on several threads at once.
 */
public interface BatchListener {

    /**
     * A batch's transaction committed (its calls have their outcomes, refusals included).
     *
     * @param calls calls in the batch, at least 1
     * @param nanos time the batch took, from its first statement to its commit, in nanoseconds
     */
    void committed(int calls, long nanos);

    /**
     * A batch's transaction failed after its retries; its calls fail with the storage's exception.
     *
     * @param calls calls in the batch, at least 1
     * @param nanos time the batch took, in nanoseconds
     * @param cause non-null failure
     */
    default void failed(int calls, long nanos, RuntimeException cause) {
    }

    /** @return a listener that does nothing (the default) */
    static BatchListener none() {
        return None.INSTANCE;
    }

    /** The no-op listener. */
    enum None implements BatchListener {
        INSTANCE;

        @Override
        public void committed(int calls, long nanos) {
        }
    }
}
