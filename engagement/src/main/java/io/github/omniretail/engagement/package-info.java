/**
 * Acting on members: {@link io.github.omniretail.engagement.Treatments} (segment treatments with budgets, caps,
 * quiet hours, holdouts and experiment arms), {@link io.github.omniretail.engagement.LocationOffers} (offers on
 * geofences around nodes), {@link io.github.omniretail.engagement.GroupBuying} (拼团 through the checkout) and
 * {@link io.github.omniretail.engagement.Referrals} (老带新 with pending points).
 */
@NullMarked
package io.github.omniretail.engagement;

import org.jspecify.annotations.NullMarked;
