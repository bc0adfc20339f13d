package io.github.omniretail.examples;

import io.github.omniretail.examples.demo.DaySummary;
import io.github.omniretail.examples.demo.DemoReport;
import io.github.omniretail.examples.demo.RetailDay;
import io.github.omniretail.examples.demo.RetailWorld;
import io.github.omniretail.examples.report.Lang;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: one deterministic day of an omnichannel retailer in Hangzhou through every engine, a summary table
 * and a self-contained HTML report with charts.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Simulates one day of an omnichannel retailer in Hangzhou — 1 DC, 30 stores, 5 dark stores,"
                + " 4 pickup lockers, ~2,000 SKUs, ~50,000 members — through pricing, routing, inventory, the"
                + " points ledger and end-of-day analytics; prints a summary and writes an operations report (English or Chinese) to demo-report/index.html, every table as CSV, and the day's KPI export."})
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", defaultValue = "20261122", description = "Random seed: the same seed gives the same day (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--scale", defaultValue = "1", description = "Size factor for SKUs, members and orders, in (0, 20] (default: ${DEFAULT-VALUE}: ~2,000 SKUs, ~50,000 members, ~24,000 orders).")
    private double scale;

    @Option(names = "--report", defaultValue = "demo-report", description = "Directory for index.html (default: ${DEFAULT-VALUE}).")
    private Path report;

    @Option(names = "--lang", defaultValue = "en", description = "Report language: zh or en (default: ${DEFAULT-VALUE}).")
    private String language;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show a progress bar (default: on).")
    private boolean progress;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!(scale > 0 && scale <= 20)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be in (0, 20], was " + scale);
        }
        Lang lang;
        try {
            lang = Lang.parse(language);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        long started = System.nanoTime();
        RetailWorld world = RetailWorld.generate(seed, scale);
        out.printf("Generated %s%nOpening the retailer: stock at %d nodes, %,d members' identities, 13 months of points…%n",
                world, world.stockingNodes().size(), world.members().size());
        out.flush();
        AtomicReference<ProgressBar> bar = new AtomicReference<>();
        DaySummary summary;
        try {
            summary = RetailDay.run(world, (done, total) -> {
                if (!progress) {
                    return;
                }
                if (bar.get() == null) {
                    bar.set(new ProgressBarBuilder().setTaskName("Trading day").setInitialMax(total)
                            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate()
                            .setConsumer(new ConsoleProgressBarConsumer(System.err)).build());
                }
                bar.get().maxHint(total);
                bar.get().stepTo(done);
            });
        } finally {
            if (bar.get() != null) {
                bar.get().close();
            }
        }
        summary.print(out);
        Path page = DemoReport.write(summary, world, report, lang);
        out.printf("%nReport: %s (tables as CSV in %s; the day's KPI export in %s, for the kpi command)%nDone in %.1f s.%n",
                page.toAbsolutePath(), report.resolve("tables").toAbsolutePath(), report.resolve("export").toAbsolutePath(),
                Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
        out.flush();
        return 0;
    }
}
