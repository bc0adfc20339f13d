package io.github.omniretail.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.json.InvalidJsonException;
import io.github.omniretail.loyalty.analytics.BgNbdModel;
import io.github.omniretail.loyalty.analytics.CustomerBase;
import io.github.omniretail.loyalty.analytics.CustomerSummary;
import io.github.omniretail.loyalty.analytics.FrequencyMeasure;
import io.github.omniretail.loyalty.analytics.GammaGammaModel;
import io.github.omniretail.loyalty.analytics.LifetimeValue;
import io.github.omniretail.loyalty.analytics.ModelData;
import io.github.omniretail.loyalty.analytics.ModelFitException;
import io.github.omniretail.loyalty.analytics.ModelTimeUnit;
import io.github.omniretail.loyalty.analytics.MonetaryMeasure;
import io.github.omniretail.loyalty.analytics.ParetoNbdModel;
import io.github.omniretail.loyalty.analytics.PurchaseHistory;
import io.github.omniretail.loyalty.analytics.PurchaseModel;
import io.github.omniretail.loyalty.analytics.RfmModel;
import io.github.omniretail.loyalty.analytics.RfmScores;
import io.github.omniretail.loyalty.analytics.SegmentCoverage;
import io.github.omniretail.loyalty.analytics.SegmentTable;
import io.github.omniretail.loyalty.analytics.Segmentation;
import io.github.omniretail.loyalty.analytics.SummaryDefinition;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rfm}: RFM scores, segments and (optionally) lifetime-value models for a transactions CSV.
 */
@Command(name = "rfm", mixinStandardHelpOptions = true,
        description = {"Scores customers by recency, frequency and monetary value, assigns segments, and optionally "
            + "fits BG/NBD, Pareto/NBD and Gamma-Gamma models for P(alive), expected purchases and CLV.",
            "Input: CSV with a header holding customer_id, date (yyyy-MM-dd or ISO date-time) and amount (decimal "
            + "with a dot), in any order; other columns are ignored.",
            "Scores run 1..n with n from the segment table (5 for rfm10 and retail4; cn8 splits at the mean).",
            "Writes OUT/customers.csv, OUT/model.json and OUT/report.html."})
final class RfmCommand implements Callable<Integer> {

    /** Segment presets by name. */
    enum Preset { rfm10, retail4, cn8 }

    /** Model time units as typed on the command line. */
    enum Unit {
        days(ModelTimeUnit.DAYS), weeks(ModelTimeUnit.WEEKS), months(ModelTimeUnit.MONTHS);

        final ModelTimeUnit unit;

        Unit(ModelTimeUnit unit) {
            this.unit = unit;
        }
    }

    /** Frequency measures as typed on the command line. */
    enum Frequency {
        days(FrequencyMeasure.PURCHASE_DAYS), orders(FrequencyMeasure.ORDERS);

        final FrequencyMeasure measure;

        Frequency(FrequencyMeasure measure) {
            this.measure = measure;
        }
    }

    /** Monetary measures as typed on the command line. */
    enum Monetary {
        total(MonetaryMeasure.TOTAL), mean(MonetaryMeasure.MEAN);

        final MonetaryMeasure measure;

        Monetary(MonetaryMeasure measure) {
            this.measure = measure;
        }
    }

    /** Which models to fit. */
    enum ModelChoice { none, bgnbd, paretonbd, gammagamma, all }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Transactions CSV.")
    private Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    private Path out;

    @Option(names = "--analysis-date", paramLabel = "DATE",
            description = "Recency is measured to this date; later purchases are ignored (default: last purchase day).")
    private LocalDate analysisDate;

    @Option(names = "--calibration-end", paramLabel = "DATE",
            description = "Models are fitted on purchases up to this date (default: the analysis date).")
    private LocalDate calibrationEnd;

    @Option(names = "--time-unit", defaultValue = "weeks", paramLabel = "UNIT",
            description = "Model time unit: days, weeks or months (default: ${DEFAULT-VALUE}).")
    private Unit timeUnit;

    @Option(names = "--segments", defaultValue = "rfm10", paramLabel = "TABLE",
            description = "rfm10, retail4, cn8 or a JSON segment table file (default: ${DEFAULT-VALUE}).")
    private String segments;

    @Option(names = "--model", defaultValue = "none", paramLabel = "MODEL",
            description = "none, bgnbd, paretonbd, gammagamma or all (default: ${DEFAULT-VALUE}).")
    private ModelChoice model;

    @Option(names = "--horizon", defaultValue = "39", paramLabel = "T",
            description = "Forecast horizon in time units for expected purchases and CLV (default: ${DEFAULT-VALUE}).")
    private double horizon;

    @Option(names = "--discount-rate", defaultValue = "0.01", paramLabel = "D",
            description = "Monthly discount rate for CLV (default: ${DEFAULT-VALUE}).")
    private double discountRate;

    @Option(names = "--penalty", defaultValue = "0", paramLabel = "L2",
            description = "L2 penalty on the BG/NBD parameters; small values (0.001) steady fits on sparse data "
                    + "(default: ${DEFAULT-VALUE}).")
    private double penalty;

    @Option(names = "--currency", defaultValue = "USD", paramLabel = "CODE",
            description = "ISO 4217 currency of the amounts (default: ${DEFAULT-VALUE}).")
    private String currency;

    @Option(names = "--zone", defaultValue = "UTC", paramLabel = "ZONE",
            description = "Time zone whose calendar days group purchases (default: ${DEFAULT-VALUE}).")
    private String zone;

    @Option(names = "--frequency", defaultValue = "days", paramLabel = "WHAT",
            description = "Frequency counts purchase days or orders (default: ${DEFAULT-VALUE}).")
    private Frequency frequency;

    @Option(names = "--monetary", defaultValue = "total", paramLabel = "WHAT",
            description = "Monetary is the total or the mean (default: ${DEFAULT-VALUE}).")
    private Monetary monetary;

    @Option(names = "--skip-bad-rows", description = "Count and skip rows that cannot be read instead of failing.")
    private boolean skipBadRows;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show a progress bar on large inputs (default: on).")
    private boolean progress;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Currency money;
        ZoneId zoneId;
        ModelTimeUnit unit;
        FrequencyMeasure frequencyMeasure;
        MonetaryMeasure monetaryMeasure;
        SegmentTable table;
        try {
            money = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
            zoneId = ZoneId.of(zone);
            unit = timeUnit.unit;
            frequencyMeasure = frequency.measure;
            monetaryMeasure = monetary.measure;
            table = segmentTable();
            if (!(horizon > 0) || !(discountRate >= 0) || !(penalty >= 0)) {
                throw new IllegalArgumentException("--horizon must be > 0, --discount-rate and --penalty >= 0, were "
                        + horizon + ", " + discountRate + " and " + penalty);
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            stderr.println("error: " + e.getMessage());
            return 2;
        } catch (InvalidJsonException e) {
            stderr.println("error: segment table " + segments + ": " + e.jsonPath() + ": " + e.problem());
            return 2;
        }

        TransactionCsv.Result read;
        long size = Files.size(input);
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8);
                ProgressBar bar = progress && size > 4_000_000 ? progressBar(size) : null) {
            read = TransactionCsv.read(reader, money, zoneId, skipBadRows, bytes -> {
                if (bar != null) {
                    bar.stepBy(bytes);
                }
            });
        } catch (TransactionCsv.BadRowException e) {
            stderr.println("error: " + input + ": " + e.getMessage());
            if (e.line() > 1) { // a data row; a bad header cannot be skipped
                stderr.println("(use --skip-bad-rows to count and skip bad rows)");
            }
            return 1;
        }
        PurchaseHistory history = read.history();
        if (history.size() == 0) {
            stderr.println("error: " + input + " holds no readable transactions");
            return 1;
        }
        if (read.skipped() > 0) {
            stderr.println("skipped " + read.skipped() + " bad rows, e.g. " + read.firstProblems());
        }

        LocalDate end = analysisDate != null ? analysisDate : history.lastPurchaseDay().orElseThrow();
        SummaryDefinition definition = new SummaryDefinition(end, frequencyMeasure, monetaryMeasure, unit);
        CustomerBase base = history.summarize(definition);
        if (base.size() == 0) {
            stderr.println("error: no purchase on or before the analysis date " + end);
            return 1;
        }
        RfmModel rfm = table.scores() == 2 && table.name().equals("cn8") ? RfmModel.aboveMean(base)
                : RfmModel.quantiles(base, table.scores());
        RfmScores rfmScores = rfm.scoreAll(base);

        Models models;
        try {
            models = fitModels(history, calibrationEnd != null ? calibrationEnd : end, definition, base);
        } catch (ModelFitException e) {
            stderr.println("error: " + e.getMessage());
            return 1;
        }
        Segmentation segmentation = table.classifyAll(rfmScores, models.pAlive);

        Files.createDirectories(out);
        writeCustomers(base, rfmScores, segmentation, models);
        writeModelJson(definition, base, rfm, table, models);
        Files.writeString(out.resolve("report.html"), RfmReport.html(base, rfmScores, segmentation, models.pAlive,
                models.describe()), StandardCharsets.UTF_8);

        boolean defaultCurrency = !spec.commandLine().getParseResult().hasMatchedOption("--currency");
        stdout.printf("%d transactions, %d customers as of %s (%s, amounts in %s%s, frequency %s, monetary %s)%n",
                read.rows(), base.size(), end, zoneId, money.getCurrencyCode(), defaultCurrency
                        ? " by default: pass --currency to change" : "", frequencyMeasure, monetaryMeasure);
        stdout.printf("Segments (%s):%n", table.name());
        for (Map.Entry<String, Integer> e : segmentation.sizes().entrySet()) {
            stdout.printf("  %s %8d  %5.1f %%%n", Text.pad(e.getKey(), 24), e.getValue(),
                    100.0 * e.getValue() / base.size());
        }
        if (segmentation.unassigned() > 0) {
            stdout.printf("  %s %8d%n", Text.pad("(no segment)", 24), segmentation.unassigned());
        }
        for (String line : models.describe()) {
            stdout.println(line);
        }
        stdout.println("Wrote " + out.resolve("customers.csv") + ", " + out.resolve("model.json") + ", "
                + out.resolve("report.html"));
        stdout.flush();
        return 0;
    }

    private SegmentTable segmentTable() throws IOException, InvalidJsonException {
        SegmentTable table = switch (segments) {
            case "rfm10" -> SegmentTable.rfm10();
            case "retail4" -> SegmentTable.retail4(30, 0.3);
            case "cn8" -> SegmentTable.cn8();
            default -> {
                Path file = Path.of(segments);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("--segments must be rfm10, retail4, cn8 or a JSON file; "
                            + segments + " is none of these");
                }
                yield SegmentTable.fromJson(Files.readString(file, StandardCharsets.UTF_8));
            }
        };
        if (!List.of("rfm10", "retail4", "cn8").contains(segments)) {
            SegmentCoverage coverage = table.coverage();
            if (!coverage.complete()) {
                spec.commandLine().getErr().println("warning: segment table " + table.name() + ": "
                        + coverage.uncovered().size() + " uncovered cells " + coverage.uncovered() + ", "
                        + coverage.shadowed().size() + " shadowed rules " + coverage.shadowed());
            }
        }
        return table;
    }

    private static ProgressBar progressBar(long size) {
        return new ProgressBarBuilder().setTaskName("Reading").setInitialMax(size).setUnit(" MB", 1_000_000)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(250).build();
    }

    /** The fitted models and their per-customer outputs (aligned with the analysis base). */
    static final class Models {
        BgNbdModel bgNbd;
        ParetoNbdModel paretoNbd;
        GammaGammaModel gammaGamma;
        double[] pAlive;
        double[] expectedPurchases;
        double[] expectedSpend;
        double[] clv;
        int calibrationCustomers;
        LocalDate calibrationEnd;

        private static String describe(String name, Map<String, Double> parameters, double logLikelihood,
                String fittedTo) {
            StringBuilder line = new StringBuilder(name).append(':');
            parameters.forEach((k, v) -> line.append(' ').append(k).append('=').append(String.format(Locale.ROOT,
                    "%.4f", v)));
            return line.append(String.format(Locale.ROOT, " (LL %.2f, %s)", logLikelihood, fittedTo)).toString();
        }

        String[] describe() {
            List<String> lines = new java.util.ArrayList<>();
            if (bgNbd != null) {
                lines.add(describe("BG/NBD", bgNbd.parameters(), bgNbd.logLikelihood(), bgNbd.customers() + " customers"));
            }
            if (paretoNbd != null) {
                lines.add(describe("Pareto/NBD", paretoNbd.parameters(), paretoNbd.logLikelihood(),
                        paretoNbd.customers() + " customers"));
            }
            if (gammaGamma != null) {
                lines.add(describe("Gamma-Gamma", gammaGamma.parameters(), gammaGamma.logLikelihood(),
                        gammaGamma.customers() + " repeat buyers"));
            }
            return lines.toArray(String[]::new);
        }
    }

    private Models fitModels(PurchaseHistory history, LocalDate calEnd, SummaryDefinition definition,
            CustomerBase base) {
        Models models = new Models();
        if (model == ModelChoice.none) {
            return models;
        }
        models.calibrationEnd = calEnd;
        CustomerBase calibration = history.summarize(new SummaryDefinition(calEnd, definition.frequency(),
                definition.monetary(), definition.unit()));
        models.calibrationCustomers = calibration.size();
        ModelData data = calibration.modelData();
        if (model == ModelChoice.bgnbd || model == ModelChoice.all) {
            models.bgNbd = BgNbdModel.fit(data, penalty);
        }
        if (model == ModelChoice.paretonbd || model == ModelChoice.all) {
            models.paretoNbd = ParetoNbdModel.fit(data);
        }
        if (model == ModelChoice.gammagamma || model == ModelChoice.all) {
            models.gammaGamma = GammaGammaModel.fit(data);
        }
        PurchaseModel purchases = models.bgNbd != null ? models.bgNbd : models.paretoNbd;
        int n = base.size();
        if (purchases != null) {
            models.pAlive = new double[n];
            models.expectedPurchases = new double[n];
            Arrays.fill(models.pAlive, Double.NaN);
            Arrays.fill(models.expectedPurchases, Double.NaN);
        }
        if (models.gammaGamma != null) {
            models.expectedSpend = new double[n];
            Arrays.fill(models.expectedSpend, Double.NaN);
            if (purchases != null) {
                models.clv = new double[n];
                Arrays.fill(models.clv, Double.NaN);
            }
        }
        LifetimeValue value = purchases != null && models.gammaGamma != null
                ? LifetimeValue.of(purchases, models.gammaGamma, definition.unit(), discountRate) : null;
        for (int i = 0; i < n; i++) {
            int c = calibration.indexOf(base.customer(i));
            if (c < 0) {
                continue; // first purchase after the calibration end
            }
            CustomerSummary s = calibration.summary(c);
            int x = s.repeatPurchases();
            if (purchases != null) {
                models.pAlive[i] = purchases.probabilityAlive(x, s.timeOfLastPurchase(), s.age());
                models.expectedPurchases[i] = purchases.expectedPurchases(horizon, x, s.timeOfLastPurchase(), s.age());
            }
            if (models.gammaGamma != null) {
                models.expectedSpend[i] = models.gammaGamma.expectedAverageSpend(x, s.repeatAverageSpend());
            }
            if (value != null) {
                models.clv[i] = value.clv(horizon, x, s.timeOfLastPurchase(), s.age(), s.repeatAverageSpend());
            }
        }
        return models;
    }

    private void writeCustomers(CustomerBase base, RfmScores rfmScores, Segmentation segmentation, Models models)
            throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("customers.csv"), StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("customer_id,recency_days,frequency,monetary,r,f,m,rfm,segment");
            if (models.pAlive != null) {
                header.append(",p_alive,expected_purchases");
            }
            if (models.expectedSpend != null) {
                header.append(",expected_avg_spend");
            }
            if (models.clv != null) {
                header.append(",clv");
            }
            w.write(header.toString());
            w.newLine();
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < base.size(); i++) {
                CustomerSummary s = base.summary(i);
                row.setLength(0);
                row.append(csv(s.customer().value())).append(',').append(s.recencyDays()).append(',')
                        .append(s.frequency()).append(',').append(s.monetary().amountString()).append(',')
                        .append(rfmScores.r(i)).append(',').append(rfmScores.f(i)).append(',').append(rfmScores.m(i))
                        .append(',').append(rfmScores.score(i).code()).append(',')
                        .append(csv(segmentation.segment(i)));
                if (models.pAlive != null) {
                    row.append(',').append(number(models.pAlive[i], 6)).append(',')
                            .append(number(models.expectedPurchases[i], 6));
                }
                if (models.expectedSpend != null) {
                    row.append(',').append(number(models.expectedSpend[i], 2));
                }
                if (models.clv != null) {
                    row.append(',').append(number(models.clv[i], 2));
                }
                w.write(row.toString());
                w.newLine();
            }
        }
    }

    private void writeModelJson(SummaryDefinition definition, CustomerBase base, RfmModel rfm, SegmentTable table,
            Models models) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode def = root.putObject("definition");
        def.put("analysisDate", definition.end().toString());
        def.put("zone", zone);
        def.put("frequency", definition.frequency().name());
        def.put("monetary", definition.monetary().name());
        def.put("timeUnit", definition.unit().name());
        def.put("customers", base.size());
        ObjectNode scales = root.putObject("rfm");
        scales.put("method", rfm.method().name());
        scales.put("scores", rfm.scores());
        for (int k = 1; k < rfm.scores(); k++) {
            scales.withArray("recencyThresholdsDays").add(rfm.recency().threshold(k));
            scales.withArray("frequencyThresholds").add(rfm.frequency().threshold(k));
            scales.withArray("monetaryThresholdsMinor").add(rfm.monetary().threshold(k));
        }
        root.put("segments", table.name());
        if (models.calibrationEnd != null) {
            root.put("calibrationEnd", models.calibrationEnd.toString());
            root.put("horizon", horizon);
            root.put("monthlyDiscountRate", discountRate);
        }
        if (models.bgNbd != null) {
            putModel(root.putObject("bgnbd"), models.bgNbd.parameters(), models.bgNbd.logLikelihood(),
                    models.bgNbd.customers());
        }
        if (models.paretoNbd != null) {
            putModel(root.putObject("paretonbd"), models.paretoNbd.parameters(), models.paretoNbd.logLikelihood(),
                    models.paretoNbd.customers());
        }
        if (models.gammaGamma != null) {
            putModel(root.putObject("gammagamma"), models.gammaGamma.parameters(),
                    models.gammaGamma.logLikelihood(), models.gammaGamma.customers());
        }
        mapper.writeValue(out.resolve("model.json").toFile(), root);
    }

    private static void putModel(ObjectNode node, Map<String, Double> parameters, double logLikelihood,
            int customers) {
        parameters.forEach(node::put);
        node.put("logLikelihood", logLikelihood);
        node.put("customers", customers);
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String csv(String text) {
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
