package io.github.omniretail.inventory;

import io.github.omniretail.core.BasisPoints;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A per-channel rule on one node, applied to every SKU's position there. Rules are data: replace a node's rules at
 * run time with {@link InventoryEngine#setChannelRules}.
 *
 * <ul>
 *   <li><b>reserve</b> (ring-fence): {@code reservedUnits} of each position are kept for the selected channels;
 *       other channels can never hold them. The reservation shrinks as the selected channels hold units.</li>
 *   <li><b>cap</b>: the selected channels together may hold at most {@code capUnits} units, and at most
 *       {@code capShare} of on-hand (rounded down) of each position.</li>
 *   <li><b>exclusive</b> allocation: reserve and cap of the same size — a live stream's fixed quota.</li>
 * </ul>
 * A channel may match several rules; every matching rule binds. No two channels can ever promise the same unit:
 * a unit reserved for one set of channels is invisible to all others.
 *
 * @param channels non-null selector of the channels the rule is about
 * @param reservedUnits units kept for the selected channels, {@code >= 0}
 * @param capUnits the most units the selected channels may hold together, if capped ({@code >= 0})
 * @param capShare the most the selected channels may hold as a share of on-hand, if capped (0..100 %)
 */
public record ChannelRule(ChannelSelector channels, int reservedUnits, OptionalInt capUnits,
        Optional<BasisPoints> capShare) {

    /**
     * Validates the rule.
     *
     * @param channels non-null selector of the channels the rule is about
     * @param reservedUnits units kept for the selected channels, {@code >= 0}
     * @param capUnits the most units the selected channels may hold together, if capped ({@code >= 0})
     * @param capShare the most the selected channels may hold as a share of on-hand, if capped (0..100 %)
     */
    public ChannelRule {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(capUnits, "capUnits");
        Objects.requireNonNull(capShare, "capShare");
        if (reservedUnits < 0) {
            throw new IllegalArgumentException("rule for " + channels + ": reserved units must be >= 0, was "
                    + reservedUnits);
        }
        if (capUnits.isPresent() && capUnits.getAsInt() < 0) {
            throw new IllegalArgumentException("rule for " + channels + ": cap must be >= 0, was "
                    + capUnits.getAsInt());
        }
        if (capShare.isPresent() && (capShare.get().value() < 0
                || capShare.get().value() > BasisPoints.ONE_HUNDRED_PERCENT)) {
            throw new IllegalArgumentException("rule for " + channels + ": cap share must be within 0..100 %, was "
                    + capShare.get());
        }
        if (reservedUnits == 0 && capUnits.isEmpty() && capShare.isEmpty()) {
            throw new IllegalArgumentException("rule for " + channels + " neither reserves nor caps anything");
        }
    }

    /**
     * The selected channels may hold at most {@code units} units of each position.
     *
     * @param channels non-null selector
     * @param units cap, {@code >= 0}
     * @return the rule
     */
    public static ChannelRule cap(ChannelSelector channels, int units) {
        return new ChannelRule(channels, 0, OptionalInt.of(units), Optional.empty());
    }

    /**
     * The selected channels may hold at most {@code share} of each position's on-hand (rounded down).
     *
     * @param channels non-null selector
     * @param share 0..100 %
     * @return the rule
     */
    public static ChannelRule capShare(ChannelSelector channels, BasisPoints share) {
        return new ChannelRule(channels, 0, OptionalInt.empty(), Optional.of(share));
    }

    /**
     * Keeps {@code units} of each position for the selected channels only (e.g. walk-in {@code STORE_POS}).
     *
     * @param channels non-null selector
     * @param units reserved units, {@code >= 0}
     * @return the rule
     */
    public static ChannelRule ringFence(ChannelSelector channels, int units) {
        return new ChannelRule(channels, units, OptionalInt.empty(), Optional.empty());
    }

    /**
     * A fixed quota: {@code units} reserved for the selected channels, who may not hold more.
     *
     * @param channels non-null selector
     * @param units the quota, {@code >= 0}
     * @return the rule
     */
    public static ChannelRule exclusive(ChannelSelector channels, int units) {
        return new ChannelRule(channels, units, OptionalInt.of(units), Optional.empty());
    }

    /**
     * The cap in units for a position with {@code onHand} units, {@link Integer#MAX_VALUE} if uncapped.
     *
     * @param onHand the position's on-hand units
     * @return the effective cap
     */
    public int capFor(int onHand) {
        long cap = Integer.MAX_VALUE;
        if (capUnits.isPresent()) {
            cap = capUnits.getAsInt();
        }
        if (capShare.isPresent()) {
            cap = Math.min(cap, Math.max(0L, (long) onHand) * capShare.get().value() / BasisPoints.ONE_HUNDRED_PERCENT);
        }
        return (int) cap;
    }
}
