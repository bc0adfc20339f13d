package io.github.omniretail.analytics;

import io.github.omniretail.analytics.KpiEvent.Line;
import io.github.omniretail.analytics.KpiEvent.LotExpired;
import io.github.omniretail.analytics.KpiEvent.OrderFulfilled;
import io.github.omniretail.analytics.KpiEvent.OrderPlaced;
import io.github.omniretail.analytics.KpiEvent.OrderRejected;
import io.github.omniretail.analytics.KpiEvent.OrderReturned;
import io.github.omniretail.analytics.KpiEvent.QuoteIssued;
import io.github.omniretail.analytics.KpiEvent.StockLevel;
import io.github.omniretail.analytics.KpiEvent.StockReceived;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The CSV export of {@link KpiEvent}s: one file per kind in a directory, UTF-8, a header row, RFC 4180 quoting,
 * instants in ISO-8601 UTC, amounts as decimals in one currency, an empty field for an absent value. Files:
 * {@code orders.csv} (order, placed_at, member, channel, store, quote, promised_by), {@code order_lines.csv} (order,
 * sku, units, revenue, cost), {@code returns.csv} (return, order, returned_at, sku, units, refund, cost),
 * {@code fulfilments.csv} (order, fulfilled_at), {@code rejections.csv} (rejected_at, channel, store, sku, reason),
 * {@code quotes.csv} (quote, quoted_at, channel), {@code stock_levels.csv} (at, sku, node, on_hand, atp),
 * {@code receipts.csv} (at, sku, node, units), {@code waste.csv} (at, sku, node, lot, units, value). A missing file
 * has no rows. Stateless; thread-safe.
 */
public final class KpiCsv {

    private static final Map<String, String> HEADERS = new LinkedHashMap<>();

    static {
        HEADERS.put("orders.csv", "order,placed_at,member,channel,store,quote,promised_by");
        HEADERS.put("order_lines.csv", "order,sku,units,revenue,cost");
        HEADERS.put("returns.csv", "return,order,returned_at,sku,units,refund,cost");
        HEADERS.put("fulfilments.csv", "order,fulfilled_at");
        HEADERS.put("rejections.csv", "rejected_at,channel,store,sku,reason");
        HEADERS.put("quotes.csv", "quote,quoted_at,channel");
        HEADERS.put("stock_levels.csv", "at,sku,node,on_hand,atp");
        HEADERS.put("receipts.csv", "at,sku,node,units");
        HEADERS.put("waste.csv", "at,sku,node,lot,units,value");
    }

    private KpiCsv() {
    }

    /**
     * Writes events into {@code dir} (created if needed), one file per kind, replacing files there. An order delivered
     * more than once is written once (its lines belong to it); other repeats are written as they come.
     *
     * @param events the events
     * @param dir the directory
     * @throws UncheckedIOException if a file cannot be written
     */
    public static void write(Iterable<? extends KpiEvent> events, Path dir) {
        Map<String, StringBuilder> files = new LinkedHashMap<>();
        HEADERS.forEach((f, h) -> files.put(f, new StringBuilder(h).append('\n')));
        java.util.Set<OrderId> written = new java.util.HashSet<>();
        for (KpiEvent e : events) {
            if (e instanceof OrderPlaced o) {
                if (!written.add(o.order())) {
                    continue;
                }
                row(files.get("orders.csv"), o.order().value(), o.at(), o.member().map(MemberId::value).orElse(""),
                        o.channel(), o.store().value(), o.quote().orElse(""), o.promisedBy().map(Instant::toString).orElse(""));
                for (Line l : o.lines()) {
                    row(files.get("order_lines.csv"), o.order().value(), l.sku().value(), l.units(),
                            l.revenue().amountString(), l.cost().map(Money::amountString).orElse(""));
                }
            } else if (e instanceof OrderReturned r) {
                row(files.get("returns.csv"), r.returnId(), r.order().value(), r.at(), r.sku().value(), r.units(),
                        r.refund().amountString(), r.cost().map(Money::amountString).orElse(""));
            } else if (e instanceof OrderFulfilled f) {
                row(files.get("fulfilments.csv"), f.order().value(), f.at());
            } else if (e instanceof OrderRejected r) {
                row(files.get("rejections.csv"), r.at(), r.channel(), r.store().value(),
                        r.sku().map(Sku::value).orElse(""), r.reason());
            } else if (e instanceof QuoteIssued q) {
                row(files.get("quotes.csv"), q.quote(), q.at(), q.channel());
            } else if (e instanceof StockLevel s) {
                row(files.get("stock_levels.csv"), s.at(), s.sku().value(), s.node().value(), s.onHand(), s.atp());
            } else if (e instanceof StockReceived s) {
                row(files.get("receipts.csv"), s.at(), s.sku().value(), s.node().value(), s.units());
            } else {
                LotExpired w = (LotExpired) e;
                row(files.get("waste.csv"), w.at(), w.sku().value(), w.node().value(), w.lot(), w.units(),
                        w.value().amountString());
            }
        }
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, StringBuilder> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the KPI export to " + dir, e);
        }
    }

    private static void row(StringBuilder b, Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String s = String.valueOf(fields[i]);
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                b.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                b.append(s);
            }
        }
        b.append('\n');
    }

    /**
     * Reads the events of an export: orders (with their lines) first, then the rest file by file; stock levels in
     * time order.
     *
     * @param dir the directory
     * @param currency the currency of every amount
     * @return the events
     * @throws IllegalArgumentException for a malformed file, naming the file, line and column
     * @throws UncheckedIOException if a file cannot be read
     */
    public static List<KpiEvent> read(Path dir, Currency currency) {
        List<KpiEvent> out = new ArrayList<>();
        Map<String, List<Line>> lines = new LinkedHashMap<>();
        for (Row r : rows(dir, "order_lines.csv")) {
            lines.computeIfAbsent(r.text("order"), k -> new ArrayList<>()).add(r.make(() -> new Line(Sku.of(r.text("sku")),
                    r.integer("units"), r.money("revenue", currency), r.optionalMoney("cost", currency))));
        }
        for (Row r : rows(dir, "orders.csv")) {
            String id = r.text("order");
            List<Line> ls = lines.remove(id);
            if (ls == null) {
                throw r.error("order", "order " + id + " has no lines in order_lines.csv");
            }
            out.add(r.make(() -> new OrderPlaced(r.instant("placed_at"), OrderId.of(id),
                    r.optional("member").map(MemberId::of), r.channel("channel"), NodeId.of(r.text("store")), ls,
                    r.optional("quote"), r.optional("promised_by").map(x -> r.instant("promised_by")))));
        }
        if (!lines.isEmpty()) {
            throw new IllegalArgumentException("order_lines.csv names orders missing from orders.csv: "
                    + lines.keySet().stream().limit(5).toList());
        }
        for (Row r : rows(dir, "returns.csv")) {
            out.add(r.make(() -> new OrderReturned(r.instant("returned_at"), OrderId.of(r.text("order")),
                    r.text("return"), Sku.of(r.text("sku")), r.integer("units"), r.money("refund", currency),
                    r.optionalMoney("cost", currency))));
        }
        for (Row r : rows(dir, "fulfilments.csv")) {
            out.add(r.make(() -> new OrderFulfilled(r.instant("fulfilled_at"), OrderId.of(r.text("order")))));
        }
        for (Row r : rows(dir, "rejections.csv")) {
            out.add(r.make(() -> new OrderRejected(r.instant("rejected_at"), r.channel("channel"),
                    NodeId.of(r.text("store")), r.optional("sku").map(Sku::of), r.text("reason"))));
        }
        for (Row r : rows(dir, "quotes.csv")) {
            out.add(r.make(() -> new QuoteIssued(r.instant("quoted_at"), r.text("quote"), r.channel("channel"))));
        }
        List<StockLevel> levels = new ArrayList<>();
        for (Row r : rows(dir, "stock_levels.csv")) {
            levels.add(r.make(() -> new StockLevel(r.instant("at"), Sku.of(r.text("sku")), NodeId.of(r.text("node")),
                    r.integer("on_hand"), r.integer("atp"))));
        }
        levels.sort(Comparator.comparing(StockLevel::at));
        out.addAll(levels);
        for (Row r : rows(dir, "receipts.csv")) {
            out.add(r.make(() -> new StockReceived(r.instant("at"), Sku.of(r.text("sku")), NodeId.of(r.text("node")),
                    r.integer("units"))));
        }
        for (Row r : rows(dir, "waste.csv")) {
            out.add(r.make(() -> new LotExpired(r.instant("at"), Sku.of(r.text("sku")), NodeId.of(r.text("node")),
                    r.text("lot"), r.integer("units"), r.money("value", currency))));
        }
        return out;
    }

    /** One parsed row, with its file and line for messages. */
    private record Row(String file, int line, Map<String, String> fields) {
        /** Column errors carry a column and pass through; a value the event refuses is named with the line. */
        static final class CsvError extends IllegalArgumentException {
            private static final long serialVersionUID = 1L;

            CsvError(String message) {
                super(message);
            }
        }

        IllegalArgumentException error(String column, String why) {
            return new CsvError(file + " line " + line + ", column " + column + ": " + why);
        }

        <T> T make(java.util.function.Supplier<T> event) {
            try {
                return event.get();
            } catch (CsvError e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new CsvError(file + " line " + line + ": " + e.getMessage());
            }
        }

        String text(String column) {
            String v = fields.get(column);
            if (v == null || v.isEmpty()) {
                throw error(column, "a value is required");
            }
            return v;
        }

        Optional<String> optional(String column) {
            String v = fields.get(column);
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
        }

        <T> T parse(String column, Function<String, T> parser, String expected) {
            String v = text(column);
            try {
                return parser.apply(v);
            } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
                throw error(column, "expected " + expected + ", was '" + v + "'");
            }
        }

        Instant instant(String column) {
            return parse(column, Instant::parse, "an ISO-8601 instant such as 2026-11-22T08:00:00Z");
        }

        int integer(String column) {
            return parse(column, Integer::parseInt, "an integer");
        }

        ChannelKind channel(String column) {
            return parse(column, s -> ChannelKind.valueOf(s.toUpperCase(Locale.ROOT)), "a channel kind such as APP");
        }

        Money money(String column, Currency currency) {
            return parse(column, s -> Money.of(new java.math.BigDecimal(s), currency), "an amount such as 12.50");
        }

        Optional<Money> optionalMoney(String column, Currency currency) {
            return optional(column).map(x -> money(column, currency));
        }
    }

    private static List<Row> rows(Path dir, String file) {
        Path p = dir.resolve(file);
        if (!Files.exists(p)) {
            return List.of();
        }
        List<Row> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            List<String> header = null;
            int lineNo = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                int startLine = lineNo;
                StringBuilder record = new StringBuilder(line);
                while (quotes(record) % 2 == 1) {
                    String more = in.readLine();
                    if (more == null) {
                        throw new IllegalArgumentException(file + " line " + startLine + ": unterminated quoted field");
                    }
                    lineNo++;
                    record.append('\n').append(more);
                }
                if (record.length() == 0) {
                    continue;
                }
                List<String> fields = split(record.toString());
                if (header == null) {
                    header = fields;
                    continue;
                }
                if (fields.size() != header.size()) {
                    throw new IllegalArgumentException(file + " line " + startLine + ": expected " + header.size()
                            + " fields (" + String.join(",", header) + "), found " + fields.size());
                }
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    m.put(header.get(i), fields.get(i));
                }
                out.add(new Row(file, startLine, m));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
        return out;
    }

    private static int quotes(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }

    private static List<String> split(String record) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < record.length() && record.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
