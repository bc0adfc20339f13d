package io.github.omniretail.loyalty.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link ConsentStore} over a shared {@link ConsentLog} that answers {@link #allows} from memory, for the paths
 * that ask on every offer (treatments, location offers) while many instances record decisions in one database.
 *
 * <p>Each instance keeps a bitmask of granted channels per member, loaded in full when the replica starts and then
 * followed by a daemon thread that reads the log's new rows every {@link Builder#pollEvery} (default 1 s). A
 * decision appended through this replica is visible here at once; one appended through another instance within
 * one poll. Rows are applied by number per member and channel, so a row that becomes visible late still counts
 * unless a newer decision for that channel was already applied. Gaps in the numbering are waited for up to
 * {@link Builder#gapTimeout} (default 60 s), then passed: a decision whose transaction commits later than that
 * after drawing its number is seen only after {@link #refresh()}.
 *
 * <p>Fails closed: if the log could not be read for {@link Builder#failClosedAfter} (default 60 s), {@link #allows}
 * answers false for everyone until a poll succeeds, so a withdrawal is never ignored for long because the database
 * is unreachable. {@link #latest} and {@link #history} read the log. Thread-safe; close it to stop its thread.
 *
 * <pre>{@code
 * ConsentReplica consents = ConsentReplica.builder(store.consentLog()).clock(clock).start();
 * ConsentRegistry registry = ConsentRegistry.of(consents, clock);
 * }</pre>
 */
public interface ConsentReplica extends ConsentStore, AutoCloseable {

    /**
     * Reads the whole log again, synchronously, applying what earlier polls missed.
     *
     * @throws RuntimeException whatever the log throws (the replica keeps its state)
     */
    void refresh();

    /**
     * How long ago the last successful read of the log began, by the replica's clock.
     *
     * @return a non-negative duration
     */
    Duration lag();

    /**
     * Whether {@link #allows} currently answers false for everyone because the log has not been read for longer
     * than {@link Builder#failClosedAfter}.
     *
     * @return true if failing closed
     */
    boolean failingClosed();

    /** Stops the polling thread; {@link #allows} keeps answering from the last state. Idempotent. */
    @Override
    void close();

    /**
     * A builder.
     *
     * @param log non-null shared log
     * @return a builder with a 1 s poll, a 60 s gap timeout and failing closed after 60 s
     */
    static Builder builder(ConsentLog log) {
        return new Builder(log);
    }

    /** Configures and starts a {@link ConsentReplica}. Not thread-safe. */
    final class Builder {
        final ConsentLog log;
        Clock clock;
        Duration pollEvery = Duration.ofSeconds(1);
        Duration gapTimeout = Duration.ofSeconds(60);
        Duration failClosedAfter = Duration.ofSeconds(60);
        int pageSize = 10_000;

        private Builder(ConsentLog log) {
            this.log = Objects.requireNonNull(log, "log");
        }

        /**
         * The clock for gap timeouts, {@link #lag()} and failing closed; required.
         *
         * @param clock non-null clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How often the log is read for decisions made through other instances.
         *
         * @param pollEvery positive, at most an hour
         * @return this builder
         */
        public Builder pollEvery(Duration pollEvery) {
            this.pollEvery = positive("pollEvery", pollEvery);
            return this;
        }

        /**
         * How long a gap in the numbering is waited for before later rows are taken as complete.
         *
         * @param gapTimeout positive, at most an hour
         * @return this builder
         */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = positive("gapTimeout", gapTimeout);
            return this;
        }

        /**
         * How long without a successful read of the log before {@link ConsentReplica#allows} answers false.
         *
         * @param failClosedAfter positive, at most an hour, and longer than the poll interval (checked at start)
         * @return this builder
         */
        public Builder failClosedAfter(Duration failClosedAfter) {
            this.failClosedAfter = positive("failClosedAfter", failClosedAfter);
            return this;
        }

        /**
         * Rows read per query.
         *
         * @param pageSize 1 to 1,000,000
         * @return this builder
         */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1 || pageSize > 1_000_000) {
                throw new IllegalArgumentException("pageSize must be in 1..1000000, got " + pageSize);
            }
            this.pageSize = pageSize;
            return this;
        }

        /**
         * Loads the whole log, then starts following it.
         *
         * @return the running replica
         * @throws IllegalStateException if no clock was set, or failClosedAfter is not longer than pollEvery
         * @throws RuntimeException whatever the log throws on the first read (nothing is started)
         */
        public ConsentReplica start() {
            if (clock == null) {
                throw new IllegalStateException("a consent replica needs a clock: call clock(...)");
            }
            if (failClosedAfter.compareTo(pollEvery) <= 0) {
                throw new IllegalStateException("failClosedAfter (" + failClosedAfter
                        + ") must be longer than pollEvery (" + pollEvery + ")");
            }
            return PolledConsentReplica.start(this);
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(name + " must be positive and at most an hour, got " + d);
            }
            return d;
        }
    }
}
