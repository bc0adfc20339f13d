/**
 * JSON for the core value types: {@link io.github.omniretail.core.json.CoreJsonModule}, a Jackson module, and
 * {@link io.github.omniretail.core.json.InvalidJsonException}, which names the JSON path of any invalid input.
 */
@NullMarked
package io.github.omniretail.core.json;

import org.jspecify.annotations.NullMarked;
