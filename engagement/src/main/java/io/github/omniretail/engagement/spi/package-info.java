/**
 * What an integrator implements for engagement: {@link io.github.omniretail.engagement.spi.GroupPayments} (the
 * payment provider behind group buying).
 */
@NullMarked
package io.github.omniretail.engagement.spi;

import org.jspecify.annotations.NullMarked;
