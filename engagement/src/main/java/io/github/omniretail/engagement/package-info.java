/**
 * Acting on members (in progress, issue 22): geofences around nodes ({@link io.github.omniretail.engagement.GeoFence}).
 */
@NullMarked
package io.github.omniretail.engagement;

import org.jspecify.annotations.NullMarked;
