package io.github.omniretail.core;

/**
 * A typed identifier: the common shape of {@link Sku}, {@link NodeId}, {@link MemberId}, {@link OrderId} and
 * {@link ChannelId}, so that a SKU can never be passed where a node is expected.
 *
 * <p>Every identifier's text is stripped of leading and trailing white space, non-blank, at most
 * {@link #MAX_LENGTH} characters, and printable: no control, format (zero-width), private-use, unassigned or
 * unpaired surrogate characters, and no white space other than the plain space. Letters of every script are
 * allowed ({@code "上海-徐汇店"}). Identifiers compare by exact text (case-sensitive).
 *
 * <p>Implementations are immutable, thread-safe records whose {@code toString()} is the text itself.
 */
public sealed interface Identifier permits Sku, NodeId, MemberId, OrderId, ChannelId {

    /** Maximum length of an identifier's text, in UTF-16 characters. */
    int MAX_LENGTH = 128;

    /** @return the identifier's validated text */
    String value();
}
