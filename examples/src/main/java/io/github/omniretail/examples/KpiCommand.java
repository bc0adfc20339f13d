package io.github.omniretail.examples;

import io.github.omniretail.analytics.KpiCsv;
import io.github.omniretail.analytics.KpiEvent;
import io.github.omniretail.analytics.KpiTracker;
import io.github.omniretail.analytics.Kpis;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.examples.report.KpiSections;
import io.github.omniretail.examples.report.Lang;
import io.github.omniretail.examples.report.Page;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kpi}: reads a KPI export (the CSV files of {@code KpiCsv}, as the demo writes to {@code demo-report/export})
 * and writes the KPI report: {@code index.html} and every table as CSV, in English or Chinese.
 */
@Command(name = "kpi", mixinStandardHelpOptions = true,
        description = {"Computes retail KPIs from a CSV export (orders.csv, order_lines.csv, returns.csv,"
                + " fulfilments.csv, rejections.csv, quotes.csv, stock_levels.csv, receipts.csv, waste.csv) and writes"
                + " an HTML report with a CSV of every table."})
final class KpiCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, description = "Directory of the export.")
    private Path input;

    @Option(names = "--report", defaultValue = "kpi-report", description = "Directory for index.html and tables/ (default: ${DEFAULT-VALUE}).")
    private Path report;

    @Option(names = "--currency", defaultValue = "CNY", description = "Currency of every amount (default: ${DEFAULT-VALUE}).")
    private String currency;

    @Option(names = "--zone", defaultValue = "Asia/Shanghai", description = "Time zone of days and cohorts (default: ${DEFAULT-VALUE}).")
    private String zone;

    @Option(names = "--as-of", description = "The instant the KPIs describe (ISO-8601); default: the end of the last day with an event.")
    private String asOf;

    @Option(names = "--repurchase-days", defaultValue = "90", description = "Repurchase window in days (default: ${DEFAULT-VALUE}).")
    private int repurchaseDays;

    @Option(names = "--own-channels", split = ",", description = "Channel kinds that are the retailer's own (私域), e.g. APP,MINI_PROGRAM,STORE_POS; default: all but MARKETPLACE and LIVE_STREAM.")
    private List<String> ownChannels;

    @Option(names = "--lang", defaultValue = "en", description = "Report language: zh or en (default: ${DEFAULT-VALUE}).")
    private String language;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Currency money;
        ZoneId zoneId;
        Lang lang;
        KpiTracker tracker;
        try {
            money = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
            zoneId = ZoneId.of(zone);
            lang = Lang.parse(language);
            if (repurchaseDays < 1) {
                throw new IllegalArgumentException("--repurchase-days must be >= 1, was " + repurchaseDays);
            }
            KpiTracker.Builder b = KpiTracker.builder().currency(money).zone(zoneId)
                    .repurchaseWindow(Duration.ofDays(repurchaseDays));
            if (ownChannels != null) {
                Set<ChannelKind> own = EnumSet.noneOf(ChannelKind.class);
                for (String c : ownChannels) {
                    try {
                        own.add(ChannelKind.valueOf(c.trim().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--own-channels: unknown channel kind '" + c + "'; kinds are "
                                + List.of(ChannelKind.values()));
                    }
                }
                b.ownChannels(own);
            }
            tracker = b.build();
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (!Files.isDirectory(input)) {
            err.println("error: --input " + input + " is not a directory");
            return 2;
        }
        List<KpiEvent> events;
        try {
            events = KpiCsv.read(input, money);
            tracker.acceptAll(events);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("error: " + input + ": " + e.getMessage());
            return 1;
        }
        if (events.isEmpty()) {
            err.println("error: " + input + " holds no events (expected orders.csv and the other export files)");
            return 1;
        }
        Instant end;
        try {
            end = asOf != null ? Instant.parse(asOf) : LocalDate.ofInstant(events.stream().map(KpiEvent::at)
                    .max(Comparator.naturalOrder()).orElseThrow(), zoneId).plusDays(1).atStartOfDay(zoneId).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            err.println("error: --as-of must be an ISO-8601 instant such as 2026-11-23T00:00:00Z, was '" + asOf + "'");
            return 2;
        }
        Kpis k = tracker.kpis(end);
        KpiSections sections = new KpiSections(k, lang, id -> id.value());
        Page page = new Page(lang, lang.t("kpi.title"), input.toAbsolutePath() + " · " + lang.count(events.size())
                + " · " + end).cards(sections.cards());
        sections.sections().forEach(page::section);
        Path written = page.write(report);
        for (Page.Card c : sections.cards()) {
            out.println(Text.pad(c.label(), 44) + c.value());
        }
        out.printf("%nReport: %s (%d tables as CSV in %s)%n", written.toAbsolutePath(), page.tables().size(),
                report.resolve("tables").toAbsolutePath());
        out.flush();
        return 0;
    }
}
