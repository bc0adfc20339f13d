package io.github.omniretail.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How a stored engine gathers concurrent calls into one database transaction (group commit). Calls that arrive while
 * a batch is being committed wait and go together in the next one, so under load one commit — one lock of each hot
 * row, one flush of the log — serves many calls; a lone call is not delayed unless {@code maxLinger} says so. Every
 * call still gets its own outcome, and is acknowledged only after its batch commits.
 *
 * <p>Trade-off: a larger {@code maxBatch} and more {@code maxInFlight} raise throughput under load; {@code maxLinger}
 * adds up to that much latency to a call in exchange for fuller batches at low concurrency. Immutable.
 *
 * @param maxBatch calls per transaction, 1..10,000; 1 turns batching off
 * @param maxLinger how long a batch may wait for more calls before it starts — only while it is smaller than the
 *     previous batch — zero or positive, at most one second
 * @param maxInFlight batches committing at once per engine (each on its own connection), 1..64
 */
public record GroupCommit(int maxBatch, Duration maxLinger, int maxInFlight) {

    /**
     * The defaults: batches of up to 256 calls; a leader lingers up to 1 ms, and only while its batch is smaller
     * than the previous one (so a lone caller never waits); one batch in flight per engine (a single writer: on a
     * small server the fewest, fullest transactions were fastest; raise it when the database has cores to spare).
     */
    public static final GroupCommit DEFAULTS = new GroupCommit(256, Duration.ofMillis(1), 1);

    /** One call per transaction, one transaction at a time per caller: no batching. */
    public static final GroupCommit OFF = new GroupCommit(1, Duration.ZERO, 64);

    /**
     * Checks the ranges.
     *
     * @param maxBatch calls per transaction, 1..10,000
     * @param maxLinger zero or positive, at most one second
     * @param maxInFlight 1..64
     */
    public GroupCommit {
        Objects.requireNonNull(maxLinger, "maxLinger");
        if (maxBatch < 1 || maxBatch > 10_000) {
            throw new IllegalArgumentException("maxBatch must be within 1..10000, was " + maxBatch);
        }
        if (maxLinger.isNegative() || maxLinger.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("maxLinger must be within 0..1s, was " + maxLinger);
        }
        if (maxInFlight < 1 || maxInFlight > 64) {
            throw new IllegalArgumentException("maxInFlight must be within 1..64, was " + maxInFlight);
        }
    }
}
