package io.github.omniretail.engagement.spi;

import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.engagement.GroupBuying;

/**
 * The payment provider's side of group buying: a participant's payment is authorised when they join, captured only
 * when the group succeeds, and released when they leave or the group fails. {@link GroupBuying} calls
 * {@link #capture} at most once per order and never after {@link #release}. Implementations must be thread-safe.
 */
public interface GroupPayments {

    /**
     * Authorises (freezes) the order's payable amount.
     *
     * @param order the placed order
     * @return true if authorised; false declines the join
     */
    boolean authorise(PlacedOrder order);

    /**
     * Captures an authorised payment: the group succeeded.
     *
     * @param order the order
     * @return true if captured; false drops the participant (their order is cancelled)
     */
    boolean capture(PlacedOrder order);

    /**
     * Releases an authorisation: the participant left or the group failed.
     *
     * @param order the order
     */
    void release(PlacedOrder order);
}
