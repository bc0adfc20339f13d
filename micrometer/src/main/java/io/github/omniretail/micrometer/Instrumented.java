package io.github.omniretail.micrometer;

import org.jspecify.annotations.Nullable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The instrumented view of one engine: a dynamic proxy of the engine's interface that counts every call by method
 * and outcome ({@code omniretail.<engine>.calls}), times one call in {@code sampling} ({@code
 * omniretail.<engine>.latency}), and hands each outcome to an engine-specific {@link Hook}. Outcomes are {@code ok}
 * or the exception's kind ({@code insufficient_stock} for {@code InsufficientStockException}): bounded, since the
 * engines throw a fixed set of types. Calls go straight to the engine; a hook that throws is ignored. Thread-safe.
 */
final class Instrumented implements InvocationHandler {

    /** What an engine adds to its calls' counts. */
    @FunctionalInterface
    interface Hook {
        /**
         * @param method the method's name
         * @param args the arguments (null for none)
         * @param result the result, or null on failure
         * @param failure the exception thrown, or null
         */
        void after(String method, Object @Nullable [] args, @Nullable Object result, @Nullable Throwable failure);

        Hook NONE = (method, args, result, failure) -> { };
    }

    /** The meters of one method. */
    private static final class Meters {
        final String method;
        final Counter ok;
        final Timer latency;
        final ConcurrentHashMap<String, Counter> failures = new ConcurrentHashMap<>();

        Meters(String method, Counter ok, Timer latency) {
            this.method = method;
            this.ok = ok;
            this.latency = latency;
        }
    }

    private final Object target;
    private final String engine;
    private final MeterRegistry registry;
    private final int sampling;
    private final Hook hook;
    private final ConcurrentHashMap<Method, Meters> meters = new ConcurrentHashMap<>();

    private Instrumented(Object target, String engine, MeterRegistry registry, int sampling, Hook hook) {
        this.target = target;
        this.engine = engine;
        this.registry = registry;
        this.sampling = sampling;
        this.hook = hook;
    }

    /** An instrumented view of {@code target} through its interface {@code type}. */
    static <T> T wrap(Class<T> type, T target, String engine, MeterRegistry registry, int sampling, Hook hook) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new Instrumented(target, engine, registry, sampling, hook));
        return type.cast(proxy);
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "toString" -> "Instrumented[" + target + "]";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> method.invoke(target, args);
            };
        }
        Meters m = meters.get(method);
        if (m == null) {
            m = meters.computeIfAbsent(method, this::metersOf);
        }
        boolean timed = sampling == 1 || ThreadLocalRandom.current().nextInt(sampling) == 0;
        long start = timed ? System.nanoTime() : 0;
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (timed) {
                m.latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            String outcome = outcome(cause);
            Meters meters = m;
            m.failures.computeIfAbsent(outcome, o -> counter(meters.method, o)).increment();
            after(m.method, args, null, cause);
            throw cause;
        }
        if (timed) {
            m.latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        m.ok.increment();
        after(m.method, args, result, null);
        return result;
    }

    private void after(String method, Object @Nullable [] args, @Nullable Object result,
            @Nullable Throwable failure) {
        try {
            hook.after(method, args, result, failure);
        } catch (RuntimeException ignored) {
            // metrics never change an engine's outcome
        }
    }

    private Meters metersOf(Method method) {
        String name = method.getName();
        Timer latency = Timer.builder("omniretail." + engine + ".latency").tag("method", name)
                .description("time an " + engine + " call took, sampled: one call in " + sampling + " is timed")
                .register(registry);
        return new Meters(name, counter(name, "ok"), latency);
    }

    private Counter counter(String method, String outcome) {
        return Counter.builder("omniretail." + engine + ".calls").tag("method", method).tag("outcome", outcome)
                .description(engine + " calls by method and outcome (ok, or the kind of refusal or failure)")
                .register(registry);
    }

    /**
     * The kind of a failure: the exception's class name without {@code Exception}, in snake case ({@code
     * InsufficientStockException} is {@code insufficient_stock}).
     *
     * @param failure non-null exception
     * @return a bounded label
     */
    static String outcome(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        if (name.endsWith("Exception")) {
            name = name.substring(0, name.length() - "Exception".length());
        }
        if (name.isEmpty()) {
            return "error";
        }
        StringBuilder b = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                b.append('_');
            }
            b.append(Character.toLowerCase(c));
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
