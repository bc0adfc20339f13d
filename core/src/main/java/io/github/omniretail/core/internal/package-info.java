/**
 * Machinery shared by the engine modules (group commit); exported only to them, not API.
 */
@NullMarked
package io.github.omniretail.core.internal;

import org.jspecify.annotations.NullMarked;
