package io.github.omniretail.examples.report;

import io.github.omniretail.examples.Html;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A self-contained report page: a title, headline numbers, sections of charts and tables, and a collapsed appendix.
 * {@link #write} puts {@code index.html} (well-formed XHTML, no scripts, fonts or files from elsewhere) and every
 * table as {@code tables/<id>.csv} in a directory. Build once, then write; not thread-safe while building.
 */
public final class Page {

    /**
     * A headline number.
     *
     * @param label what it is
     * @param value its value, formatted
     */
    public record Card(String label, String value) {
    }

    /**
     * A section: a heading, a sentence, an optional chart and tables.
     *
     * @param id the anchor
     * @param title the heading
     * @param intro one sentence saying what it shows, or empty
     * @param chart an SVG chart, or empty
     * @param tables its tables
     */
    public record Section(String id, String title, String intro, String chart, List<Table> tables) {
        /** Copies. */
        public Section {
            Objects.requireNonNull(id, "id");
            tables = List.copyOf(tables);
        }
    }

    private final Lang lang;
    private final String title;
    private final String subtitle;
    private final List<Card> cards = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final List<Section> appendix = new ArrayList<>();

    /**
     * A page.
     *
     * @param lang its language
     * @param title the title
     * @param subtitle one line under it
     */
    public Page(Lang lang, String title, String subtitle) {
        this.lang = lang;
        this.title = title;
        this.subtitle = subtitle;
    }

    /**
     * Adds headline numbers.
     *
     * @param more the cards
     * @return this page
     */
    public Page cards(List<Card> more) {
        cards.addAll(more);
        return this;
    }

    /**
     * Adds a section.
     *
     * @param section the section
     * @return this page
     */
    public Page section(Section section) {
        sections.add(section);
        return this;
    }

    /**
     * Adds a section to the collapsed appendix.
     *
     * @param section the section
     * @return this page
     */
    public Page appendix(Section section) {
        appendix.add(section);
        return this;
    }

    /**
     * Every table on the page, appendix included.
     *
     * @return the tables
     */
    public List<Table> tables() {
        List<Table> all = new ArrayList<>();
        sections.forEach(s -> all.addAll(s.tables()));
        appendix.forEach(s -> all.addAll(s.tables()));
        return all;
    }

    /**
     * Writes {@code dir/index.html} and {@code dir/tables/*.csv}, creating directories.
     *
     * @param dir the directory
     * @return the page written
     * @throws IOException if it cannot be written
     */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("tables"));
        for (Table t : tables()) {
            Files.writeString(dir.resolve("tables").resolve(t.id() + ".csv"), t.csv(), StandardCharsets.UTF_8);
        }
        Path page = dir.resolve("index.html");
        Files.writeString(page, html(), StandardCharsets.UTF_8);
        return page;
    }

    /**
     * The page as text.
     *
     * @return XHTML
     */
    public String html() {
        StringBuilder b = new StringBuilder(256 * 1024);
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"").append(lang.tag())
                .append("\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>").append(Html.escape(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif;")
                .append("margin:2em auto;max-width:1100px;color:#222;padding:0 1em}h1{margin-bottom:0}.sub{color:#666;margin-top:.2em}")
                .append(".kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:1.5em 0}")
                .append(".kpi{background:#f5f7fa;border-radius:8px;padding:12px}.kpi b{display:block;font-size:1.4em}")
                .append("section{margin:2.2em 0}svg{background:#fff;border:1px solid #e3e6ea;border-radius:6px}")
                .append("table{border-collapse:collapse;margin:.6em 0}td,th{padding:4px 10px;border-bottom:1px solid #eee;")
                .append("text-align:right;font-variant-numeric:tabular-nums}td:first-child,th:first-child{text-align:left}")
                .append(".csv{font-size:.85em;margin:0}details{margin:2em 0;color:#444}summary{cursor:pointer;font-weight:600}")
                .append("\n</style>\n</head>\n<body>\n<h1>").append(Html.escape(title)).append("</h1>\n<p class=\"sub\">")
                .append(Html.escape(subtitle)).append("</p>\n<div class=\"kpis\">\n");
        for (Card c : cards) {
            b.append("<div class=\"kpi\">").append(Html.escape(c.label())).append("<b>").append(Html.escape(c.value()))
                    .append("</b></div>\n");
        }
        b.append("</div>\n");
        sections.forEach(s -> section(b, s));
        if (!appendix.isEmpty()) {
            b.append("<details id=\"appendix\">\n<summary>").append(Html.escape(lang.t("appendix"))).append("</summary>\n");
            appendix.forEach(s -> section(b, s));
            b.append("</details>\n");
        }
        return b.append("</body>\n</html>\n").toString();
    }

    private void section(StringBuilder b, Section s) {
        b.append("<section id=\"").append(Html.escape(s.id())).append("\">\n<h2>").append(Html.escape(s.title()))
                .append("</h2>\n");
        if (!s.intro().isEmpty()) {
            b.append("<p>").append(Html.escape(s.intro())).append("</p>\n");
        }
        b.append(s.chart());
        if (!s.chart().isEmpty()) {
            b.append('\n');
        }
        for (Table t : s.tables()) {
            if (!t.title().equals(s.title())) {
                b.append("<h3>").append(Html.escape(t.title())).append("</h3>\n");
            }
            b.append(t.html(lang));
        }
        b.append("</section>\n");
    }
}
