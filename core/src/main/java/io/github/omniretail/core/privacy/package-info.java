/**
 * Personal data: which fields are personal ({@link io.github.omniretail.core.privacy.PersonalField}), values that
 * never print in clear ({@link io.github.omniretail.core.privacy.PersonalValue}), who may see what
 * ({@link io.github.omniretail.core.privacy.AccessLevel}, {@link io.github.omniretail.core.privacy.Redactor}) and
 * field encryption at rest ({@link io.github.omniretail.core.privacy.FieldCipher}).
 */
@NullMarked
package io.github.omniretail.core.privacy;

import org.jspecify.annotations.NullMarked;
