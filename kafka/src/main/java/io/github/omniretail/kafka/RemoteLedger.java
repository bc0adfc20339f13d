package io.github.omniretail.kafka;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.loyalty.LedgerStateException;
import io.github.omniretail.loyalty.PointsLedger;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The caller's side of a points ledger on Kafka: a {@link PointsLedger} whose calls about a member go to the member's
 * partition. A call naming an earlier transaction by its key ({@code post}, {@code voidHold}, {@code refund},
 * {@code cancelRedemption}) goes to every partition: the one that knows the key answers, the others find no such
 * transaction. Sweeps and program balances are summed over every partition. A merge of members on two partitions
 * is refused. Thread-safe.
 */
final class RemoteLedger implements InvocationHandler {
    private static final String UNKNOWN = "no hold, earn or redemption with id ";

    private final Caller caller;
    private final ToIntFunction<MemberId> partitionOfMember;

    RemoteLedger(Caller caller, ToIntFunction<MemberId> partitionOfMember) {
        this.caller = caller;
        this.partitionOfMember = partitionOfMember;
    }

    PointsLedger ledger() {
        return (PointsLedger) Proxy.newProxyInstance(PointsLedger.class.getClassLoader(),
                new Class<?>[] {PointsLedger.class}, this);
    }

    int partitionOf(MemberId member) {
        return partitionOfMember.applyAsInt(member);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object local = Caller.local(proxy, method, args, "KafkaPointsLedger[" + caller.partitions() + " partitions]");
        if (local != Caller.REMOTE) {
            return local;
        }
        Object[] a = args == null ? new Object[0] : args;
        switch (method.getName()) {
            case "expireDue":
                return caller.broadcast(method, a).stream().mapToInt(r -> (Integer) r).sum();
            case "programBalance":
                return caller.broadcast(method, a).stream().mapToLong(r -> (Long) r).sum();
            case "post", "voidHold", "refund", "cancelRedemption":
                for (Object arg : a) {
                    if (arg == null) {
                        throw new NullPointerException(method.getName() + " was given a null argument");
                    }
                }
                return byReference(method, a);
            case "merge": {
                int source = partitionOf((MemberId) a[1]);
                int target = partitionOf((MemberId) a[2]);
                if (source != target) {
                    throw new IllegalArgumentException("members " + a[1] + " and " + a[2] + " live on partitions "
                            + source + " and " + target + ": a merge moves points within one partition; give "
                            + "members that may merge one partition key (KafkaLedger.Builder.partitionKey)");
                }
                return caller.call(source, method, a);
            }
            default:
                break;
        }
        for (Object arg : a) {
            if (arg instanceof MemberId m) {
                return caller.call(partitionOf(m), method, a);
            }
        }
        throw new NullPointerException(method.getName() + " was given no member");
    }

    /** Every partition is asked; the answer of the one that knows the referenced transaction is returned. */
    private static Object byReferenceResult(List<Object> outcomes, IdempotencyKey reference) {
        RuntimeException unknown = null;
        RuntimeException other = null;
        for (Object o : outcomes) {
            if (!(o instanceof RuntimeException e)) {
                return o;
            }
            if (e instanceof LedgerStateException && String.valueOf(e.getMessage()).startsWith(UNKNOWN)) {
                unknown = unknown == null ? e : unknown;
            } else {
                other = other == null ? e : other;
            }
        }
        throw other != null ? other : unknown != null ? unknown
                : new LedgerStateException(UNKNOWN + reference);
    }

    private Object byReference(Method method, Object[] a) {
        return byReferenceResult(caller.broadcastEach(method, a), (IdempotencyKey) a[1]);
    }
}
