package io.github.omniretail.pricing.spi;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The in-memory {@link PromotionLedger}; one lock makes {@link #redeem} all-or-nothing. Remembers every key it
 * recorded (a released key stays remembered, so a late retry of the redeem does not count again).
 */
final class MemoryPromotionLedger implements PromotionLedger {

    private record Recorded(List<Redemption> redemptions, Optional<MemberId> member) {
    }

    private final Map<String, Long> spent = new HashMap<>();
    private final Map<String, Long> uses = new HashMap<>();
    private final Map<String, Long> memberUses = new HashMap<>();
    private final Map<IdempotencyKey, Recorded> open = new HashMap<>();
    private final java.util.Set<IdempotencyKey> released = new java.util.HashSet<>();

    @Override
    public synchronized long spent(String promotionId) {
        return spent.getOrDefault(promotionId, 0L);
    }

    @Override
    public synchronized long uses(String code) {
        return uses.getOrDefault(code, 0L);
    }

    @Override
    public synchronized long uses(String code, MemberId member) {
        return memberUses.getOrDefault(code + "\u0000" + member.value(), 0L);
    }

    @Override
    public synchronized Outcome redeem(IdempotencyKey key, List<Redemption> redemptions, Optional<MemberId> member) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(member, "member");
        List<Redemption> all = List.copyOf(redemptions);
        if (open.containsKey(key) || released.contains(key)) {
            return Outcome.ALREADY_RECORDED;
        }
        if (!PromotionLedger.withinLimits(all, member, this::spent, this::uses,
                code -> member.map(m -> uses(code, m)).orElse(0L))) {
            return Outcome.REFUSED;
        }
        apply(all, member, 1);
        open.put(key, new Recorded(all, member));
        return Outcome.RECORDED;
    }

    @Override
    public synchronized boolean release(IdempotencyKey key) {
        Recorded r = open.remove(Objects.requireNonNull(key, "key"));
        if (r == null) {
            return false;
        }
        apply(r.redemptions(), r.member(), -1);
        released.add(key);
        return true;
    }

    private void apply(List<Redemption> redemptions, Optional<MemberId> member, int sign) {
        for (Redemption r : redemptions) {
            spent.merge(r.promotionId(), sign * r.amountMinor(), Long::sum);
            r.couponCode().ifPresent(code -> {
                uses.merge(code, (long) sign, Long::sum);
                member.ifPresent(m -> memberUses.merge(code + "\u0000" + m.value(), (long) sign, Long::sum));
            });
        }
    }
}
