package io.github.omniretail.routing;

/** A route-and-reserve key was reused for a different order. Nothing changed. */
public final class RoutingConflictException extends RoutingException {

    private static final long serialVersionUID = 1L;

    /** The reused key. */
    private final String key;

    RoutingConflictException(String key, String original, String attempted) {
        super("key '" + key + "' was first used for order " + original + " and now for " + attempted);
        this.key = key;
    }

    /** @return the reused key */
    public String key() {
        return key;
    }
}
