package io.github.omniretail.examples.report;

/**
 * Round axis ticks: a step of 1, 2 or 5 × 10ⁿ so that about {@code target} ticks cover 0..max, and the axis top a
 * whole number of steps. Immutable.
 *
 * @param step the distance between ticks
 * @param top the axis maximum, a multiple of step, at least max
 */
public record Ticks(double step, double top) {

    /**
     * Ticks for values from 0 to {@code max}.
     *
     * @param max the largest value, {@code >= 0}
     * @param target about how many steps, {@code >= 1}
     * @return the ticks
     */
    public static Ticks of(double max, int target) {
        if (max <= 0) {
            return new Ticks(1, 1);
        }
        double raw = max / target;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        double step = nice * magnitude;
        return new Ticks(step, Math.ceil(max / step - 1e-9) * step);
    }

    /**
     * How many steps up to the top.
     *
     * @return steps
     */
    public int count() {
        return (int) Math.round(top / step);
    }
}
