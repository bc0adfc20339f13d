/**
 * Test support: {@link io.github.omniretail.testkit.MutableClock}, a clock tests move by hand, so that expiry,
 * time windows and local-time rules are tested exactly, without sleeping.
 */
package io.github.omniretail.testkit;
