package io.github.omniretail.examples.report;

import io.github.omniretail.examples.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One table of a report, shown in the page and exported as {@code tables/<id>.csv} with the same labels and
 * values. Columns after the first are right-aligned numbers. A long table shows its first {@code shown} rows in the
 * page; its CSV has them all. Immutable.
 *
 * @param id the file and anchor name, e.g. {@code sales-by-channel}
 * @param title the heading, in the report's language
 * @param columns column headings
 * @param rows the rows, each as wide as {@code columns}
 * @param shown how many rows the page shows, {@code >= 1}
 */
public record Table(String id, String title, List<String> columns, List<List<String>> rows, int shown) {

    /**
     * A table the page shows whole.
     *
     * @param id the file and anchor name
     * @param title the heading
     * @param columns column headings
     * @param rows the rows
     */
    public Table(String id, String title, List<String> columns, List<List<String>> rows) {
        this(id, title, columns, rows, Integer.MAX_VALUE);
    }

    /** Validates and copies. */
    public Table {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        if (shown < 1) {
            throw new IllegalArgumentException("shown must be >= 1, was " + shown);
        }
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("table " + id + ": a row has " + r.size() + " cells for "
                        + columns.size() + " columns: " + r);
            }
            copy.add(List.copyOf(r));
        }
        rows = List.copyOf(copy);
    }

    /**
     * The table as XHTML, with a link to its CSV.
     *
     * @param lang the language of the link
     * @return the markup
     */
    public String html(Lang lang) {
        StringBuilder b = new StringBuilder("<table id=\"t-").append(Html.escape(id)).append("\">\n<tr>");
        for (String c : columns) {
            b.append("<th>").append(Html.escape(c)).append("</th>");
        }
        b.append("</tr>\n");
        for (List<String> r : rows.subList(0, Math.min(shown, rows.size()))) {
            b.append("<tr>");
            for (String c : r) {
                b.append("<td>").append(Html.escape(c)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n<p class=\"csv\">");
        if (rows.size() > shown) {
            b.append(Html.escape(lang.t("more rows").replace("{n}", lang.count(rows.size() - shown)))).append(' ');
        }
        return b.append("<a href=\"tables/").append(Html.escape(id)).append(".csv\">").append(lang.t("csv"))
                .append("</a></p>\n").toString();
    }

    /**
     * The table as CSV (RFC 4180, a header row).
     *
     * @return the text
     */
    public String csv() {
        StringBuilder b = new StringBuilder();
        line(b, columns);
        rows.forEach(r -> line(b, r));
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String s = cells.get(i);
            if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
                b.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                b.append(s);
            }
        }
        b.append('\n');
    }
}
