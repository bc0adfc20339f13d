package io.github.omniretail.loyalty.analytics;

import io.github.omniretail.loyalty.LoyaltyException;

/**
 * A lifetime-value model could not be fitted: no repeat buyers, degenerate data (a parameter running off to 0 or
 * infinity), or a likelihood that is not finite. Models never come back with NaN parameters.
 */
public final class ModelFitException extends LoyaltyException {

    private static final long serialVersionUID = 1L;

    /** The model that failed. */
    private final String model;

    ModelFitException(String model, String message) {
        super(model + ": " + message);
        this.model = model;
    }

    ModelFitException(String model, String message, Throwable cause) {
        super(model + ": " + message, cause);
        this.model = model;
    }

    /** @return the model that failed, e.g. {@code "BG/NBD"} */
    public String model() {
        return model;
    }
}
