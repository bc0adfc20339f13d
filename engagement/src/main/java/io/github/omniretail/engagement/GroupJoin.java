package io.github.omniretail.engagement;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import java.util.Objects;

/**
 * A member's request to open or join a group: the key makes it idempotent (it is also the order's key in the
 * checkout).
 *
 * @param key non-null idempotency key
 * @param member non-null member
 * @param channel non-null channel the member buys through
 * @param delivery non-null delivery
 * @param shipping non-null shipping fee before promotions
 * @param units units bought, {@code >= 1}
 */
public record GroupJoin(IdempotencyKey key, MemberId member, Channel channel, DeliveryMethod delivery, Money shipping,
        int units) {

    /**
     * Validates.
     *
     * @param key non-null
     * @param member non-null
     * @param channel non-null
     * @param delivery non-null
     * @param shipping non-null
     * @param units {@code >= 1}
     */
    public GroupJoin {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(shipping, "shipping");
        if (units < 1) {
            throw new IllegalArgumentException("group join " + key + ": units must be >= 1, was " + units);
        }
    }
}
