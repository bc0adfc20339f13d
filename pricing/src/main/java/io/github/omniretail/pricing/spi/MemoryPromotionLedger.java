package io.github.omniretail.pricing.spi;

import io.github.omniretail.core.MemberId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The in-memory {@link PromotionLedger}; one lock makes {@link #redeem} all-or-nothing. */
final class MemoryPromotionLedger implements PromotionLedger {

    private final Map<String, Long> spent = new HashMap<>();
    private final Map<String, Long> uses = new HashMap<>();
    private final Map<String, Long> memberUses = new HashMap<>();

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
    public synchronized boolean redeem(List<Redemption> redemptions, Optional<MemberId> member) {
        for (Redemption r : redemptions) {
            if (r.budgetMinor().isPresent() && spent(r.promotionId()) + r.amountMinor() > r.budgetMinor().get()) {
                return false;
            }
            if (r.couponCode().isPresent()) {
                String code = r.couponCode().get();
                if (r.maxUses().isPresent() && uses(code) + 1 > r.maxUses().get()) {
                    return false;
                }
                if (r.perMemberLimit().isPresent()
                        && (member.isEmpty() || uses(code, member.get()) + 1 > r.perMemberLimit().get())) {
                    return false;
                }
            }
        }
        for (Redemption r : redemptions) {
            spent.merge(r.promotionId(), r.amountMinor(), Long::sum);
            r.couponCode().ifPresent(code -> {
                uses.merge(code, 1L, Long::sum);
                member.ifPresent(m -> memberUses.merge(code + "\u0000" + m.value(), 1L, Long::sum));
            });
        }
        return true;
    }
}
