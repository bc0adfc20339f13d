/**
 * Spring Boot auto-configuration for OmniRetail: {@link io.github.omniretail.spring.OmniRetailAutoConfiguration},
 * its {@code omniretail.*} settings ({@link io.github.omniretail.spring.OmniRetailProperties}), the outbox relay and
 * sweeps as lifecycle beans, the health indicator and {@link io.github.omniretail.spring.OmniRetailCustomizer}.
 */
@NullMarked
package io.github.omniretail.spring;

import org.jspecify.annotations.NullMarked;
