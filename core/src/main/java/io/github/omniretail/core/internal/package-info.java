/**
 * Machinery shared by the engine modules (group commit); exported only to them, not API.
 */
package io.github.omniretail.core.internal;
