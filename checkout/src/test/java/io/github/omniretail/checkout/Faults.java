package io.github.omniretail.checkout;

import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Injects a crash at a chosen call: armed with a countdown, it throws {@link Crash} just before or just after the
 * n-th call through any engine or store it wraps (after: the call took effect, its answer is lost). Fires once, then
 * disarms. Not thread-safe: one test thread.
 */
final class Faults {

    /** The simulated crash. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash(String where) {
            super("simulated crash " + where, null, false, false);
        }
    }

    private int countdown;
    private boolean after;
    private boolean fireAfter;
    int fired;

    /** Arms: the {@code n}-th call from now crashes, before or after it runs. */
    void arm(int n, boolean afterTheCall) {
        countdown = n;
        after = afterTheCall;
        fireAfter = false;
    }

    void disarm() {
        countdown = 0;
        fireAfter = false;
    }

    private void before(String call) {
        if (countdown > 0 && --countdown == 0) {
            if (after) {
                fireAfter = true;
            } else {
                fired++;
                throw new Crash("before " + call);
            }
        }
    }

    private void after(String call) {
        if (fireAfter) {
            fireAfter = false;
            fired++;
            throw new Crash("after " + call);
        }
    }

    <T> T wrap(Class<T> type, T target) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.invoke(target, args);
            }
            String call = type.getSimpleName() + "." + m.getName();
            before(call);
            Object result;
            try {
                result = m.invoke(target, args);
            } catch (InvocationTargetException e) {
                fireAfter = false;
                throw e.getCause();
            }
            after(call);
            return result;
        }));
    }

    CheckoutStore wrap(CheckoutStore store) {
        return new CheckoutStore() {
            @Override
            public Optional<PlacedOrder> find(IdempotencyKey key) {
                return store.find(key);
            }

            @Override
            public boolean save(PlacedOrder order) {
                before("CheckoutStore.save");
                boolean saved = store.save(order);
                after("CheckoutStore.save");
                return saved;
            }

            @Override
            public List<IdempotencyKey> unpaidBy(Instant instant, int limit) {
                return store.unpaidBy(instant, limit);
            }

            @Override
            public boolean hasPaidOrder(MemberId member) {
                return store.hasPaidOrder(member);
            }
        };
    }
}
