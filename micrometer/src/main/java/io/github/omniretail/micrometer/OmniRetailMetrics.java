package io.github.omniretail.micrometer;

import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.spi.BatchListener;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.ConsentReplica;
import io.github.omniretail.pricing.CartQuote;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.routing.RoutingEngine;
import io.github.omniretail.routing.RoutingResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Micrometer metrics for the OmniRetail engines. Each method returns a view of the engine that records its calls and
 * passes them through unchanged; keep using the view everywhere (the checkout, routing and your code).
 *
 * <pre>{@code
 * OmniRetailMetrics metrics = OmniRetailMetrics.builder(meterRegistry).observations(observationRegistry).build();
 * InventoryEngine inventory = metrics.inventory(InventoryEngine.builder()
 *         .store(store).batchListener(metrics.batches("inventory")).build());
 * Checkout checkout = metrics.checkout(Checkout.builder(inventory, routing, pricing).build());
 * }</pre>
 *
 * <table>
 *   <caption>Meters (tags in brackets; every value bounded)</caption>
 *   <tr><td>{@code omniretail.<engine>.calls} [method, outcome]</td><td>every call of {@code inventory},
 *       {@code routing}, {@code pricing}, {@code loyalty}, {@code checkout}: outcome {@code ok} or the kind of
 *       refusal ({@code insufficient_stock}, {@code idempotency_conflict}, {@code insufficient_points}, …)</td></tr>
 *   <tr><td>{@code omniretail.<engine>.latency} [method]</td><td>timer, one call in {@link Builder#sampleOneIn}
 *       timed (counts above are exact)</td></tr>
 *   <tr><td>{@code omniretail.inventory.holds} [channel, outcome]</td><td>holds by channel kind ({@code APP},
 *       {@code LIVE_STREAM}, …) and outcome</td></tr>
 *   <tr><td>{@code omniretail.inventory.expired}</td><td>holds expired by sweeps</td></tr>
 *   <tr><td>{@code omniretail.routing.decisions} [outcome, split]</td><td>route calls: {@code planned} or
 *       {@code unfulfillable}; split into several shipments or not</td></tr>
 *   <tr><td>{@code omniretail.routing.candidates}, {@code .shipments}</td><td>summaries: candidates examined and
 *       shipments per decision</td></tr>
 *   <tr><td>{@code omniretail.pricing.promotions} [result]</td><td>promotions {@code applied} and
 *       {@code rejected} in cart quotes</td></tr>
 *   <tr><td>{@code omniretail.pricing.cache} [result], {@code omniretail.pricing.cache.hit.ratio}</td><td>base-price
 *       cache hits and misses, and their ratio</td></tr>
 *   <tr><td>{@code omniretail.loyalty.postings} [type]</td><td>ledger entries written by calls, by entry type
 *       ({@code EARN}, {@code REDEEM}, …)</td></tr>
 *   <tr><td>{@code omniretail.store.batch.size} [engine], {@code omniretail.store.commit} [engine, outcome]</td>
 *       <td>group-commit batches: calls per batch, and time per batch transaction</td></tr>
 *   <tr><td>{@code omniretail.outbox.backlog} [component]</td><td>events the relay has not delivered yet</td></tr>
 *   <tr><td>{@code omniretail.consent.lag}, {@code omniretail.consent.failing.closed}</td><td>a consent replica:
 *       time since its last good read of the log, and 1 while it refuses all marketing for want of one</td></tr>
 *   <tr><td>Observation {@code omniretail.checkout} [step]</td><td>around every checkout call, for tracing (and
 *       timers, with Micrometer's meter observation handler)</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe; the views are thread-safe as their engines are.
 */
public final class OmniRetailMetrics {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    private final MeterRegistry registry;
    private final ObservationRegistry observations;
    private final int sampling;

    private OmniRetailMetrics(Builder b) {
        this.registry = b.registry;
        this.observations = b.observations;
        this.sampling = b.sampling;
    }

    /**
     * A builder.
     *
     * @param registry non-null registry to register meters in
     * @return a builder: no observations, one call in 8 timed
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * @param engine non-null engine
     * @return a view recording calls, holds by channel and outcome, and sweeps' expiries
     */
    public InventoryEngine inventory(InventoryEngine engine) {
        Objects.requireNonNull(engine, "engine");
        ChannelKind[] kinds = ChannelKind.values();
        // the hot path (a hold placed) reads a counter from an array by channel kind: no string, no map
        Counter[] held = new Counter[kinds.length];
        for (ChannelKind kind : kinds) {
            held[kind.ordinal()] = holds(kind.name(), "held");
        }
        ConcurrentHashMap<String, Counter> refused = new ConcurrentHashMap<>();
        Counter expired = Counter.builder("omniretail.inventory.expired").description("holds expired by sweeps")
                .register(registry);
        return Instrumented.wrap(InventoryEngine.class, engine, "inventory", registry, sampling,
                (method, args, result, failure) -> {
                    if (args != null && args.length == 1 && args[0] instanceof HoldRequest request) {
                        ChannelKind kind = request.channel().kind();
                        if (failure == null) {
                            held[kind.ordinal()].increment();
                        } else {
                            String outcome = Instrumented.outcome(failure);
                            refused.computeIfAbsent(kind.name() + '/' + outcome, k -> holds(kind.name(), outcome))
                                    .increment();
                        }
                    } else if (result instanceof Integer n && method.equals("expireDue")) {
                        expired.increment(n);
                    }
                });
    }

    private Counter holds(String channel, String outcome) {
        return Counter.builder("omniretail.inventory.holds").tag("channel", channel).tag("outcome", outcome)
                .description("holds by channel kind and outcome").register(registry);
    }

    /**
     * @param engine non-null engine
     * @return a view recording calls, decisions (split or not), candidates examined and shipments
     */
    public RoutingEngine routing(RoutingEngine engine) {
        Objects.requireNonNull(engine, "engine");
        ConcurrentHashMap<String, Counter> decisions = new ConcurrentHashMap<>();
        DistributionSummary candidates = DistributionSummary.builder("omniretail.routing.candidates")
                .description("candidate nodes examined per routing decision").register(registry);
        DistributionSummary shipments = DistributionSummary.builder("omniretail.routing.shipments")
                .description("shipments per planned order").register(registry);
        return Instrumented.wrap(RoutingEngine.class, engine, "routing", registry, sampling,
                (method, args, result, failure) -> {
                    if (result instanceof RoutingResult r) {
                        boolean planned = r.plan().isPresent();
                        boolean split = planned && r.plan().get().shipmentCount() > 1;
                        String key = (planned ? "planned" : "unfulfillable") + '/' + split;
                        decisions.computeIfAbsent(key, k -> Counter.builder("omniretail.routing.decisions")
                                .tag("outcome", planned ? "planned" : "unfulfillable").tag("split", String.valueOf(split))
                                .description("routing decisions by outcome and split").register(registry)).increment();
                        candidates.record(r.explanation().candidates().size());
                        r.plan().ifPresent(p -> shipments.record(p.shipmentCount()));
                    }
                });
    }

    /**
     * @param engine non-null engine
     * @return a view recording calls and promotions applied and rejected; the engine's cache statistics become
     *     counters and a hit-ratio gauge
     */
    public PricingEngine pricing(PricingEngine engine) {
        Objects.requireNonNull(engine, "engine");
        Counter applied = Counter.builder("omniretail.pricing.promotions").tag("result", "applied")
                .description("promotions applied and rejected in cart quotes").register(registry);
        Counter rejected = Counter.builder("omniretail.pricing.promotions").tag("result", "rejected")
                .description("promotions applied and rejected in cart quotes").register(registry);
        FunctionCounter.builder("omniretail.pricing.cache", engine, e -> e.cacheStatistics().hits())
                .tag("result", "hit").description("base-price cache lookups").register(registry);
        FunctionCounter.builder("omniretail.pricing.cache", engine, e -> e.cacheStatistics().misses())
                .tag("result", "miss").description("base-price cache lookups").register(registry);
        Gauge.builder("omniretail.pricing.cache.hit.ratio", engine, e -> e.cacheStatistics().hitRate())
                .description("base-price cache hits as a share of lookups").register(registry);
        return Instrumented.wrap(PricingEngine.class, engine, "pricing", registry, sampling,
                (method, args, result, failure) -> {
                    if (result instanceof CartQuote q && method.equals("quote")) {
                        applied.increment(q.applied().size());
                        rejected.increment(q.rejected().size());
                    }
                });
    }

    /**
     * @param ledger non-null ledger
     * @return a view recording calls and the entries they wrote by type
     */
    public PointsLedger ledger(PointsLedger ledger) {
        Objects.requireNonNull(ledger, "ledger");
        ConcurrentHashMap<String, Counter> postings = new ConcurrentHashMap<>();
        return Instrumented.wrap(PointsLedger.class, ledger, "loyalty", registry, sampling,
                (method, args, result, failure) -> {
                    if (result instanceof LedgerEntry entry) {
                        String type = entry.type().name();
                        postings.computeIfAbsent(type, t -> Counter.builder("omniretail.loyalty.postings")
                                .tag("type", t).description("ledger entries written, by type").register(registry))
                                .increment();
                    }
                });
    }

    /**
     * @param checkout non-null checkout
     * @return a view recording calls, each inside an Observation {@code omniretail.checkout} tagged with its step
     *     (the method: {@code place}, {@code confirm}, {@code fulfil}, …)
     */
    public Checkout checkout(Checkout checkout) {
        Objects.requireNonNull(checkout, "checkout");
        Checkout counted = Instrumented.wrap(Checkout.class, checkout, "checkout", registry, sampling,
                Instrumented.Hook.NONE);
        if (observations.isNoop()) {
            return counted;
        }
        InvocationHandler observed = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? "Observed[" + counted + "]"
                        : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : proxy == args[0];
            }
            Observation observation = Observation.createNotStarted("omniretail.checkout", observations)
                    .contextualName("checkout " + method.getName())
                    .lowCardinalityKeyValue("step", method.getName()).start();
            try (Observation.Scope scope = observation.openScope()) {
                return method.invoke(counted, args);
            } catch (InvocationTargetException e) {
                observation.error(e.getCause());
                throw e.getCause();
            } finally {
                observation.stop();
            }
        };
        return Checkout.class.cast(Proxy.newProxyInstance(Checkout.class.getClassLoader(),
                new Class<?>[] {Checkout.class}, observed));
    }

    /**
     * A listener for {@code InventoryEngine.Builder.batchListener} or {@code PointsLedger.Builder.batchListener}:
     * calls per batch ({@code omniretail.store.batch.size}) and time per batch transaction
     * ({@code omniretail.store.commit}, outcome {@code committed} or {@code failed}).
     *
     * @param engine the engine's label: 1–32 of {@code a-z 0-9 _}, starting with a letter ({@code inventory})
     * @return a thread-safe listener
     * @throws IllegalArgumentException for another label
     */
    public BatchListener batches(String engine) {
        label(engine, "engine");
        DistributionSummary size = DistributionSummary.builder("omniretail.store.batch.size").tag("engine", engine)
                .description("calls per group-commit batch").register(registry);
        Timer committed = Timer.builder("omniretail.store.commit").tag("engine", engine).tag("outcome", "committed")
                .description("time per batch transaction").register(registry);
        Timer failed = Timer.builder("omniretail.store.commit").tag("engine", engine).tag("outcome", "failed")
                .description("time per batch transaction").register(registry);
        return new BatchListener() {
            @Override
            public void committed(int calls, long nanos) {
                size.record(calls);
                committed.record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void failed(int calls, long nanos, RuntimeException cause) {
                size.record(calls);
                failed.record(nanos, TimeUnit.NANOSECONDS);
            }
        };
    }

    /**
     * Registers the gauge {@code omniretail.outbox.backlog}: events not yet delivered to the relay's consumer. The
     * supplier is called when the registry reads the gauge; give it a cached value if counting is costly.
     *
     * @param component the outbox's label ({@code inventory}, {@code loyalty}): as for {@link #batches}
     * @param backlog non-null supplier of the count
     * @throws IllegalArgumentException for a bad label
     */
    public void outboxBacklog(String component, LongSupplier backlog) {
        label(component, "component");
        Objects.requireNonNull(backlog, "backlog");
        Gauge.builder("omniretail.outbox.backlog", backlog, s -> s.getAsLong()).tag("component", component)
                .description("outbox events not yet delivered").register(registry);
    }

    /**
     * Registers the gauges {@code omniretail.consent.lag} (time since the replica's last successful read of the
     * consent log) and {@code omniretail.consent.failing.closed} (1 while {@code allows} answers false for everyone
     * because the log could not be read, else 0). Read from the replica's memory: no query per scrape.
     *
     * @param replica non-null replica
     */
    public void consent(ConsentReplica replica) {
        Objects.requireNonNull(replica, "replica");
        TimeGauge.builder("omniretail.consent.lag", replica, TimeUnit.MILLISECONDS, r -> r.lag().toMillis())
                .description("time since the consent replica last read the log").register(registry);
        Gauge.builder("omniretail.consent.failing.closed", replica, r -> r.failingClosed() ? 1 : 0)
                .description("1 while the consent replica refuses all marketing: the log is unreadable")
                .register(registry);
    }

    private static void label(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-32 of a-z 0-9 _ starting with a letter, was '"
                    + value + "'");
        }
    }

    /** Configures {@link OmniRetailMetrics}. Not thread-safe. */
    public static final class Builder {
        private final MeterRegistry registry;
        private ObservationRegistry observations = ObservationRegistry.NOOP;
        private int sampling = 8;

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * @param registry non-null registry for the checkout's Observations; default none
         * @return this builder
         */
        public Builder observations(ObservationRegistry registry) {
            this.observations = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * How many calls per timed call: latency timers time one call in {@code n} at random (counters count
         * every call). 1 times every call; the default 8 keeps the cost on a microsecond in-memory call small.
         *
         * @param n 1..1024
         * @return this builder
         * @throws IllegalArgumentException for another value
         */
        public Builder sampleOneIn(int n) {
            if (n < 1 || n > 1024) {
                throw new IllegalArgumentException("sampleOneIn must be 1..1024, was " + n);
            }
            this.sampling = n;
            return this;
        }

        /** @return the metrics */
        public OmniRetailMetrics build() {
            return new OmniRetailMetrics(this);
        }
    }
}
