package io.github.omniretail.examples.report;

import io.github.omniretail.examples.Html;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * Inline SVG charts for the reports: vertical bars (stacked or grouped, with optional interval whiskers) on an axis
 * with round ticks, horizontal bars, legends. Stateless; thread-safe.
 */
public final class Svg {
    /** The colours of series, in order. */
    public static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    private Svg() {
    }

    /**
     * The opening tag of a chart.
     *
     * @param width pixels
     * @param height pixels
     * @param label what it shows, for screen readers
     * @return the tag
     */
    public static String open(int width, int height, String label) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" aria-label=\"" + Html.escape(label) + "\">\n";
    }

    /**
     * Vertical bars: for each category one bar per series, side by side ({@code stacked} false) or on top of each
     * other; the y axis has round ticks labelled by {@code tick}; whiskers, when given, draw each value's interval.
     *
     * @param label what it shows
     * @param categories x labels
     * @param series series names (the legend)
     * @param values {@code values[series][category]}, {@code >= 0}
     * @param whiskers {@code whiskers[series][category] = {low, high}}, or null
     * @param stacked stack the series
     * @param tick labels a tick value
     * @param width pixels
     * @param height pixels
     * @return the chart
     */
    public static String bars(String label, List<String> categories, List<String> series, double[][] values,
            double[][][] whiskers, boolean stacked, DoubleFunction<String> tick, int width, int height) {
        int left = 70;
        int top = 36;
        int bottom = height - 40;
        int right = width - 16;
        double max = 0;
        for (int c = 0; c < categories.size(); c++) {
            double sum = 0;
            for (int s = 0; s < series.size(); s++) {
                double v = values[s][c];
                if (whiskers != null && whiskers[s] != null) {
                    v = Math.max(v, whiskers[s][c][1]);
                }
                sum = stacked ? sum + values[s][c] : Math.max(sum, v);
            }
            max = Math.max(max, sum);
        }
        Ticks ticks = Ticks.of(max, 5);
        StringBuilder b = new StringBuilder(open(width, height, label));
        for (int k = 0; k <= ticks.count(); k++) {
            double v = k * ticks.step();
            double y = bottom - (bottom - top) * v / ticks.top();
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                    left, y, right, y, k == 0 ? "#888" : "#eee"));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>\n",
                    left - 6, y + 4, Html.escape(tick.apply(v))));
        }
        double slot = (right - left) / (double) Math.max(1, categories.size());
        double barW = stacked ? slot * 0.7 : slot * 0.8 / series.size();
        for (int c = 0; c < categories.size(); c++) {
            double x0 = left + c * slot + slot * (stacked ? 0.15 : 0.1);
            double base = bottom;
            for (int s = 0; s < series.size(); s++) {
                double v = values[s][c];
                double h = (bottom - top) * v / ticks.top();
                double x = stacked ? x0 : x0 + s * barW;
                double y = stacked ? base - h : bottom - h;
                b.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s · %s: %s</title></rect>\n",
                        x, y, Math.max(1, barW - 2), h, PALETTE[s % PALETTE.length], Html.escape(categories.get(c)),
                        Html.escape(series.get(s)), Html.escape(tick.apply(v))));
                if (whiskers != null && whiskers[s] != null) {
                    double lo = bottom - (bottom - top) * whiskers[s][c][0] / ticks.top();
                    double hi = bottom - (bottom - top) * whiskers[s][c][1] / ticks.top();
                    double mid = x + (barW - 2) / 2;
                    b.append(String.format(Locale.ROOT,
                            "<path d=\"M %.1f %.1f V %.1f M %.1f %.1f H %.1f M %.1f %.1f H %.1f\" stroke=\"#222\" fill=\"none\"/>\n",
                            mid, lo, hi, mid - 4, lo, mid + 4, mid - 4, hi, mid + 4));
                }
                base -= h;
            }
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>\n",
                    left + c * slot + slot / 2, bottom + 16, Html.escape(categories.get(c))));
        }
        legend(b, series, left, 18);
        return b.append("</svg>").toString();
    }

    /**
     * Horizontal bars with their values written after them.
     *
     * @param values label → value, in display order
     * @param format how a value is written
     * @param width pixels
     * @return the chart
     */
    public static String horizontalBars(Map<String, Long> values, java.util.function.LongFunction<String> format,
            int width) {
        int row = 26;
        int labelW = Math.min(260, width / 2 - 20);
        int h = 20 + row * Math.max(1, values.size());
        long max = 1;
        for (long v : values.values()) {
            max = Math.max(max, v);
        }
        StringBuilder b = new StringBuilder(open(width, h, "bar chart"));
        int i = 0;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            double y = 10 + i * row;
            double bw = (width - labelW - 110) * (double) Math.max(0, e.getValue()) / max;
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">%s</text>\n",
                    labelW - 6, y + 15, Html.escape(e.getKey())));
            b.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %s</title></rect>\n",
                    labelW, y + 3, bw, row - 8, PALETTE[i % PALETTE.length], Html.escape(e.getKey()),
                    Html.escape(format.apply(e.getValue()))));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">%s</text>\n",
                    labelW + bw + 6, y + 15, Html.escape(format.apply(e.getValue()))));
            i++;
        }
        return b.append("</svg>").toString();
    }

    /**
     * A legend row.
     *
     * @param b where to write
     * @param names the series
     * @param x left
     * @param y baseline
     * @param colours colours, else the palette's
     */
    public static void legend(StringBuilder b, List<String> names, int x, int y, String... colours) {
        int at = x;
        for (int i = 0; i < names.size(); i++) {
            String colour = colours.length > i ? colours[i] : PALETTE[i % PALETTE.length];
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>\n", at,
                    y - 10, colour));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>\n", at + 16, y,
                    Html.escape(names.get(i))));
            at += 28 + 8 * io.github.omniretail.examples.Text.width(names.get(i));
        }
    }
}
