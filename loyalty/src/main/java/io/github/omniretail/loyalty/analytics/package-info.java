/** Member analytics over purchase histories: RFM scoring, segments, BG/NBD and Gamma-Gamma lifetime value. */
@NullMarked
package io.github.omniretail.loyalty.analytics;

import org.jspecify.annotations.NullMarked;
