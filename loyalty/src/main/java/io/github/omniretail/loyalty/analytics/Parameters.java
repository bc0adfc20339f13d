package io.github.omniretail.loyalty.analytics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks and views shared by the models' named, positive parameters. */
final class Parameters {

    /** A fitted log-parameter beyond ±18 (a factor of 6.6e7) means the data do not pin the parameter down. */
    static final double MAX_LOG_PARAMETER = 18;

    private Parameters() {
    }

    /** Throws IllegalArgumentException naming every value unless all are finite and positive. */
    static void requirePositive(String model, String[] names, double... values) {
        for (double v : values) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(model + " parameters must be finite and > 0, were "
                        + view(names, values));
            }
        }
    }

    /** Throws ModelFitException when a fitted log-parameter ran beyond ±{@link #MAX_LOG_PARAMETER}. */
    static void requireIdentified(String model, String[] names, double[] theta, String hint) {
        for (int i = 0; i < theta.length; i++) {
            if (Math.abs(theta[i]) > MAX_LOG_PARAMETER) {
                throw new ModelFitException(model, "degenerate data: parameter " + names[i] + " ran off to "
                        + Math.exp(theta[i]) + " (" + hint + ")");
            }
        }
    }

    /** Names to values, in order, unmodifiable. */
    static Map<String, Double> view(String[] names, double... values) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return Collections.unmodifiableMap(map);
    }
}
