package io.github.omniretail.loyalty.spi;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.loyalty.Consent;
import io.github.omniretail.loyalty.MarketingChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ConsentReplica} by polling. The watermark is the highest number below which every row has been applied
 * or its gap given up; each poll reads every row above it (so late rows inside a gap are found) and moves it up
 * over contiguous numbers and expired gaps. Gaps are timed from when first seen, keyed by the number above them.
 */
final class PolledConsentReplica implements ConsentReplica {
    private static final Logger LOG = LoggerFactory.getLogger(PolledConsentReplica.class);
    private static final int CHANNELS = MarketingChannel.values().length;


    private final ConsentLog log;
    private final Clock clock;
    private final long gapTimeoutMillis;
    private final long failClosedMillis;
    private final int pageSize;
    // granted channels as bits: values 0..31 are the JVM's cached Integers, so a lookup reads no object of its own
    private final ConcurrentHashMap<MemberId, Integer> granted = new ConcurrentHashMap<>();
    // the number of each channel's applied row, per member; written only under the member's bin lock in compute
    private final ConcurrentHashMap<MemberId, long[]> applied = new ConcurrentHashMap<>();
    private final Object pollLock = new Object();
    private final TreeMap<Long, Long> gaps = new TreeMap<>(); // number above a gap -> millis first seen; pollLock
    private long watermark; // pollLock
    private volatile long lastReadMillis;
    private final ScheduledExecutorService poller;

    private PolledConsentReplica(ConsentReplica.Builder b) {
        this.log = b.log;
        this.clock = b.clock;
        this.gapTimeoutMillis = b.gapTimeout.toMillis();
        this.failClosedMillis = b.failClosedAfter.toMillis();
        this.pageSize = b.pageSize;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "omniretail-consent-replica");
            t.setDaemon(true);
            return t;
        });
    }

    static ConsentReplica start(ConsentReplica.Builder b) {
        PolledConsentReplica r = new PolledConsentReplica(b);
        try {
            r.poll();
        } catch (RuntimeException e) {
            r.poller.shutdownNow();
            throw e;
        }
        long every = b.pollEvery.toMillis();
        r.poller.scheduleWithFixedDelay(r::pollQuietly, every, every, TimeUnit.MILLISECONDS);
        return r;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("consent log read failed; retrying (last good read {} ago)", lag(), e);
        }
    }

    /** Reads every row above the watermark, applies it, and moves the watermark. */
    private void poll() {
        synchronized (pollLock) {
            long began = clock.millis();
            long cursor = watermark; // the last number read
            long mark = watermark;
            boolean blocked = false;
            while (true) {
                List<ConsentLog.Entry> page = log.after(cursor, pageSize);
                for (ConsentLog.Entry e : page) {
                    if (e.seq() <= cursor) {
                        throw new IllegalStateException("consent log returned " + e.seq() + " after " + cursor
                                + ": entries must ascend above the number asked for");
                    }
                    apply(e);
                    if (e.seq() != cursor + 1) {
                        long since = gaps.computeIfAbsent(e.seq(), k -> began);
                        blocked |= began - since < gapTimeoutMillis;
                    }
                    if (!blocked) {
                        mark = e.seq();
                    }
                    cursor = e.seq();
                }
                if (page.size() < pageSize) {
                    break;
                }
            }
            if (mark > watermark) {
                gaps.headMap(mark, true).clear();
                watermark = mark;
            }
            lastReadMillis = began;
        }
    }

    private void apply(ConsentLog.Entry e) {
        Consent c = e.consent();
        int bit = 1 << c.channel().ordinal();
        applied.compute(c.member(), (member, seq) -> {
            long[] s = seq == null ? new long[CHANNELS] : seq;
            if (e.seq() > s[c.channel().ordinal()]) {
                s[c.channel().ordinal()] = e.seq();
                int was = granted.getOrDefault(member, 0);
                granted.put(member, c.granted() ? was | bit : was & ~bit);
            }
            return s;
        });
    }

    @Override
    public void append(Consent consent) {
        Objects.requireNonNull(consent, "consent");
        apply(new ConsentLog.Entry(log.append(consent), consent));
    }

    @Override
    public boolean allows(MemberId member, MarketingChannel channel) {
        Integer bits = granted.get(member);
        return bits != null && (bits & (1 << channel.ordinal())) != 0
                && clock.millis() - lastReadMillis <= failClosedMillis;
    }

    @Override
    public Optional<Consent> latest(MemberId member, MarketingChannel channel) {
        Objects.requireNonNull(channel, "channel");
        List<Consent> history = log.history(Objects.requireNonNull(member, "member"));
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).channel() == channel) {
                return Optional.of(history.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Consent> history(MemberId member) {
        return log.history(Objects.requireNonNull(member, "member"));
    }

    @Override
    public void refresh() {
        synchronized (pollLock) {
            long kept = watermark;
            watermark = 0;
            gaps.clear();
            try {
                poll();
            } catch (RuntimeException e) {
                watermark = kept;
                throw e;
            }
        }
    }

    @Override
    public Duration lag() {
        return Duration.ofMillis(Math.max(0, clock.millis() - lastReadMillis));
    }

    @Override
    public boolean failingClosed() {
        return clock.millis() - lastReadMillis > failClosedMillis;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    @Override
    public String toString() {
        return "ConsentReplica[members=" + granted.size() + ", lag=" + lag() + "]";
    }
}
