package io.github.omniretail.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns JMH's JSON output (plus the heap-per-position measurement) into {@code benchmarks/results/latest.json} and
 * {@code docs/benchmarks.md}: each result beside its peer from the same run, the ratio (how many times better we
 * are, whichever way the unit points), the module issue's target and whether it was met. Unmet targets are shown
 * as unmet.
 *
 * <p>Usage: {@code BenchmarkReport <jmh.json[,more.json…]> <heap.txt|-> <quick|full> <latest.json> <benchmarks.md>}.
 */
public final class BenchmarkReport {

    /** How one reported result is read from the JMH output, what it is compared to, and its target. */
    /** {@code minScore} is a lower bound, or an upper bound when {@code lowerIsBetter} (times). */
    record Spec(String module, String name, String benchmark, Map<String, String> params, String peerName,
            String peerBenchmark, Double minScore, Double minRatio, String target, boolean lowerIsBetter) {
    }

    static final List<Spec> SPECS = List.of(
            new Spec("inventory", "inventory.hold.singleLine", "InventoryHoldBenchmark.holdSingleLine", Map.of(),
                    "postgresql.conditionalUpdate", "PostgresHoldBenchmark.conditionalUpdateHold", 3e6, 400.0,
                    ">= 3e6 ops/s (2 threads, 20 M positions); ratio >= 400", false),
            new Spec("metrics", "metrics.overhead.holdSingleLine", "InventoryHoldBenchmark.holdSingleLineMetered",
                    Map.of(), "uninstrumented", "InventoryHoldBenchmark.holdSingleLine", null, 0.95,
                    "instrumentation costs <= 5 %: ratio to the bare engine >= 0.95 (same run)", false),
            new Spec("metrics", "metrics.overhead.perCall", "MeteredCallBenchmark.readMetered", Map.of(),
                    "uninstrumented", "MeteredCallBenchmark.readBare", null, null,
                    "report: the view's cost per call is the difference (1 thread, a position read)", true),
            new Spec("inventory", "inventory.hold.thenConfirm", "InventoryHoldBenchmark.holdThenConfirm", Map.of(),
                    null, null, 1.5e6, null, ">= 1.5e6 pairs/s", false),
            new Spec("inventory", "inventory.hold.threeLines", "InventoryHoldBenchmark.holdThreeLines", Map.of(),
                    null, null, 1e6, null, ">= 1e6 requests/s", false),
            new Spec("routing", "routing.nearestWithStock.100", "RoutingBenchmark.nearestWithStock",
                    Map.of("nodes", "100"), "msi.distanceSortGreedy", "RoutingBenchmark.msiDistanceSortGreedy",
                    null, null, "scaling table", false),
            new Spec("routing", "routing.nearestWithStock.1000", "RoutingBenchmark.nearestWithStock",
                    Map.of("nodes", "1000"), "msi.distanceSortGreedy", "RoutingBenchmark.msiDistanceSortGreedy",
                    null, null, "scaling table", false),
            new Spec("routing", "routing.nearestWithStock.10000", "RoutingBenchmark.nearestWithStock",
                    Map.of("nodes", "10000"), "msi.distanceSortGreedy", "RoutingBenchmark.msiDistanceSortGreedy",
                    2e5, 50.0, ">= 2e5 orders/s per thread; ratio >= 50", false),
            new Spec("routing", "routing.nearestWithStock.100000", "RoutingBenchmark.nearestWithStock",
                    Map.of("nodes", "100000"), "msi.distanceSortGreedy", "RoutingBenchmark.msiDistanceSortGreedy",
                    null, null, "scaling table", false),
            new Spec("routing", "routing.costOptimal.fiveLines.10000", "RoutingBenchmark.costOptimalFiveLines",
                    Map.of("nodes", "10000"), null, null, null, null, "report orders/s", false),
            new Spec("routing", "routing.nearest20.10000", "NearestKBenchmark.spatialIndexNearest20", Map.of(),
                    "jts.strtree.nearestNeighbour", "NearestKBenchmark.jtsStrtreeNearest20", null, 1.0,
                    "not slower than JTS STRtree (ratio >= 1)", false),
            new Spec("routing", "routing.index.rebuildAfterMove.10000", "NearestKBenchmark.rebuildAfterAMove",
                    Map.of(), null, null, null, null, "report (cheap rebuild)", true),
            new Spec("persistence", "persistence.inventory.hold.spread.threads1", "PostgresInventoryBenchmark.spreadHold",
                    Map.of("threads", "1"), "postgresql.naive", "PostgresInventoryBenchmark.spreadHoldPeer", null, null,
                    "report (target stated at 8 threads)", false),
            new Spec("persistence", "persistence.inventory.hold.hotSku.threads1", "PostgresInventoryBenchmark.hotHold",
                    Map.of("threads", "1"), "postgresql.naive", "PostgresInventoryBenchmark.hotHoldPeer", null, null,
                    "report (target stated at 8 threads)", false),
            new Spec("persistence", "persistence.inventory.hold.threeLines.threads1", "PostgresInventoryBenchmark.threeLineHold",
                    Map.of("threads", "1"), "postgresql.naive", "PostgresInventoryBenchmark.threeLineHoldPeer", null, null,
                    "report (target stated at 8 threads)", false),
            new Spec("persistence", "persistence.inventory.hold.p99.threads1", "PostgresInventoryBenchmark.spreadHoldLatency:p0.99",
                    Map.of("threads", "1"), null, null, null, null, "report", true),
            new Spec("persistence", "persistence.inventory.hold.spread.threads4", "PostgresInventoryBenchmark.spreadHold",
                    Map.of("threads", "4"), "postgresql.naive", "PostgresInventoryBenchmark.spreadHoldPeer", null, null,
                    "report (target stated at 8 threads)", false),
            new Spec("persistence", "persistence.inventory.hold.hotSku.threads4", "PostgresInventoryBenchmark.hotHold",
                    Map.of("threads", "4"), "postgresql.naive", "PostgresInventoryBenchmark.hotHoldPeer", null, null,
                    "report (target stated at 8 threads)", false),
            new Spec("persistence", "persistence.inventory.hold.threeLines.threads4", "PostgresInventoryBenchmark.threeLineHold",
                    Map.of("threads", "4"), "postgresql.naive", "PostgresInventoryBenchmark.threeLineHoldPeer", null, null,
                    "report (target stated at 8 threads)", false),
            new Spec("persistence", "persistence.inventory.hold.p99.threads4", "PostgresInventoryBenchmark.spreadHoldLatency:p0.99",
                    Map.of("threads", "4"), null, null, null, null, "report", true),
            new Spec("persistence", "persistence.inventory.hold.spread.threads8", "PostgresInventoryBenchmark.spreadHold",
                    Map.of("threads", "8"), "postgresql.naive", "PostgresInventoryBenchmark.spreadHoldPeer", null, 5.0,
                    ">= 5x the naive conditional UPDATE at 8 threads (10,000 SKUs x 20 nodes)", false),
            new Spec("persistence", "persistence.inventory.hold.hotSku.threads8", "PostgresInventoryBenchmark.hotHold",
                    Map.of("threads", "8"), "postgresql.naive", "PostgresInventoryBenchmark.hotHoldPeer", null, 20.0,
                    ">= 20x the naive conditional UPDATE at 8 threads (one SKU x node)", false),
            new Spec("persistence", "persistence.inventory.hold.threeLines.threads8", "PostgresInventoryBenchmark.threeLineHold",
                    Map.of("threads", "8"), "postgresql.naive", "PostgresInventoryBenchmark.threeLineHoldPeer", null, 3.0,
                    ">= 3x the naive three-statement transaction at 8 threads", false),
            new Spec("persistence", "persistence.inventory.hold.p99.threads8", "PostgresInventoryBenchmark.spreadHoldLatency:p0.99",
                    Map.of("threads", "8"), null, null, 25.0, null, "p99 <= 25 ms at 8 threads", true),
            new Spec("persistence", "persistence.inventory.hold.spread.threads64", "PostgresInventoryBenchmark.spreadHold",
                    Map.of("threads", "64"), "postgresql.naive", "PostgresInventoryBenchmark.spreadHoldPeer", null, null,
                    "report: 64 concurrent callers (peer: pool of 16)", false),
            new Spec("persistence", "persistence.inventory.hold.hotSku.threads64", "PostgresInventoryBenchmark.hotHold",
                    Map.of("threads", "64"), "postgresql.naive", "PostgresInventoryBenchmark.hotHoldPeer", null, null,
                    "report: 64 concurrent callers (peer: pool of 16)", false),
            new Spec("persistence", "persistence.inventory.hold.threeLines.threads64", "PostgresInventoryBenchmark.threeLineHold",
                    Map.of("threads", "64"), "postgresql.naive", "PostgresInventoryBenchmark.threeLineHoldPeer", null, null,
                    "report: 64 concurrent callers (peer: pool of 16)", false),
            new Spec("persistence", "persistence.inventory.hold.p99.threads64", "PostgresInventoryBenchmark.spreadHoldLatency:p0.99",
                    Map.of("threads", "64"), null, null, null, null, "report", true),
            new Spec("persistence", "persistence.ledger.earn.threads1", "PostgresLedgerBenchmark.earn",
                    Map.of("threads", "1", "priorEntries", "10"), "postgresql.naive", "PostgresLedgerBenchmark.earnPeer",
                    null, null, "report: 1 client thread", false),
            new Spec("persistence", "persistence.ledger.earn.threads4", "PostgresLedgerBenchmark.earn",
                    Map.of("threads", "4", "priorEntries", "10"), "postgresql.naive", "PostgresLedgerBenchmark.earnPeer",
                    null, null, "report: 4 client threads", false),
            new Spec("persistence", "persistence.ledger.earn.threads8", "PostgresLedgerBenchmark.earn",
                    Map.of("threads", "8", "priorEntries", "10"), "postgresql.naive", "PostgresLedgerBenchmark.earnPeer",
                    null, 5.0, ">= 5x the naive transaction (8 client threads, durable)", false),
            new Spec("persistence", "persistence.ledger.earn.threads8.history10000", "PostgresLedgerBenchmark.earn",
                    Map.of("threads", "8", "priorEntries", "10000"), "postgresql.naive",
                    "PostgresLedgerBenchmark.earnPeer", null, 5.0,
                    ">= 5x naive, and within 25 % of the 10-entry row (10,000 prior entries per member)", false),
            new Spec("mysql", "mysql.inventory.hold.spread.threads8", "MySqlInventoryBenchmark.spreadHold",
                    Map.of("threads", "8"), "mariadb.naive", "MySqlInventoryBenchmark.spreadHoldPeer", null, null,
                    "report beside the naive conditional UPDATE (MariaDB 11.4, innodb_flush_log_at_trx_commit=1)",
                    false),
            new Spec("mysql", "mysql.inventory.hold.hotSku.threads8", "MySqlInventoryBenchmark.hotHold",
                    Map.of("threads", "8"), "mariadb.naive", "MySqlInventoryBenchmark.hotHoldPeer", null, null,
                    "report beside the naive conditional UPDATE", false),
            new Spec("mysql", "mysql.inventory.hold.threeLines.threads8", "MySqlInventoryBenchmark.threeLineHold",
                    Map.of("threads", "8"), "mariadb.naive", "MySqlInventoryBenchmark.threeLineHoldPeer", null, null,
                    "report beside the naive three-statement transaction", false),
            new Spec("mysql", "mysql.inventory.hold.p99.threads8", "MySqlInventoryBenchmark.spreadHoldLatency:p0.99",
                    Map.of("threads", "8"), null, null, null, null, "report", true),
            new Spec("mysql", "mysql.inventory.hold.spread.threads64", "MySqlInventoryBenchmark.spreadHold",
                    Map.of("threads", "64"), "mariadb.naive", "MySqlInventoryBenchmark.spreadHoldPeer", null, null,
                    "report: 64 concurrent callers (peer: pool of 16)", false),
            new Spec("mysql", "mysql.inventory.hold.hotSku.threads64", "MySqlInventoryBenchmark.hotHold",
                    Map.of("threads", "64"), "mariadb.naive", "MySqlInventoryBenchmark.hotHoldPeer", null, null,
                    "report: 64 concurrent callers (peer: pool of 16)", false),
            new Spec("mysql", "mysql.inventory.hold.threeLines.threads64", "MySqlInventoryBenchmark.threeLineHold",
                    Map.of("threads", "64"), "mariadb.naive", "MySqlInventoryBenchmark.threeLineHoldPeer", null, null,
                    "report: 64 concurrent callers (peer: pool of 16)", false),
            new Spec("loyalty", "loyalty.ledger.mixedPostings", "LedgerBenchmark.mixedPostings", Map.of(), null, null,
                    1e6, null, ">= 1e6 postings/s on 2 threads", false),
            new Spec("loyalty", "loyalty.balance.history10", "LedgerBenchmark.balance", Map.of("entries", "10"),
                    null, null, null, null, "constant time (compare with 100,000 entries)", false),
            new Spec("loyalty", "loyalty.balance.history100000", "LedgerBenchmark.balance",
                    Map.of("entries", "100000"), null, null, null, null,
                    "constant time: about the same as with 10 entries", false),
            new Spec("analytics", "analytics.rfm.1Mtransactions", "RfmBenchmark.omniretailRfm",
                    Map.of("customers", "100000"), "duckdb.groupByNtile", "RfmBenchmark.duckdbRfm", null, null,
                    "scaling table (100 k customers)", true),
            new Spec("analytics", "analytics.rfm.10Mtransactions", "RfmBenchmark.omniretailRfm",
                    Map.of("customers", "1000000"), "duckdb.groupByNtile", "RfmBenchmark.duckdbRfm", null, 2.0,
                    "time <= 0.5 x DuckDB's (10 M transactions, 1 M customers; DuckDB load excluded)", true),
            new Spec("analytics", "analytics.bgnbd.fit.100000", "BgNbdFitBenchmark.fit", Map.of("customers", "100000"),
                    null, null, 2000.0, null, "< 2 s (2,000 ms) for 100,000 customers", true),
            new Spec("analytics", "analytics.kpi.track.1Mevents", "KpiTrackerBenchmark.track", Map.of(), null, null,
                    1e6, null, ">= 1e6 events/s (1 thread, a month of 1,000,000 mixed events)", false),
            new Spec("analytics", "analytics.kpi.kpisOf1Mevents", "KpiTrackerBenchmark.kpisOfAMillionEvents", Map.of(),
                    null, null, null, null, "report: every KPI as of the month's end", true),
            new Spec("analytics", "analytics.forecastAndPlan.2000x40x730", "ForecastPlanBenchmark.forecastAndPlan",
                    Map.of(), null, null, 5000.0, null,
                    "<= 5 s (5,000 ms): forecast + replenishment plan, 2,000 SKUs x 40 nodes x 730 days, 2 cores", true),
            new Spec("pricing", "pricing.quote.cached", "PricingBenchmark.quoteCached", Map.of(), null, null, 1e6,
                    null, ">= 1e6 quotes/s per thread (cached base)", false),
            new Spec("pricing", "pricing.quote.uncached", "PricingBenchmark.quoteUncached", Map.of(), null, null, null,
                    null, "report (no cache)", false),
            new Spec("pricing", "pricing.cart50.promotions10000", "PricingBenchmark.cart50LinesThroughput", Map.of(),
                    "naive.scanAllPromotions", "PricingBenchmark.cart50LinesNaiveScan", null, null,
                    "carts/s; ratio to scanning every promotion", false),
            new Spec("pricing", "pricing.cart50.promotions10000.p99", "PricingBenchmark.cart50Lines:p0.99", Map.of(),
                    null, null, 1000.0, null, "p99 < 1 ms (1,000 us)", true),
            new Spec("core", "core.allocate50Lines", "CoreValuesBenchmark.allocateDiscountOverLines", Map.of(), null,
                    null, null, null, "report", false),
            new Spec("core", "core.markdownBasisPoints", "CoreValuesBenchmark.markdownBasisPoints", Map.of(),
                    "bigdecimal.markdown", "CoreValuesBenchmark.markdownBigDecimalPeer", null, null, "report", false),
            new Spec("core", "core.haversine", "CoreValuesBenchmark.distanceMetres", Map.of(), null, null, null, null,
                    "report", false),
            new Spec("engagement", "engagement.lbs.ping.10000", "LocationOffersBenchmark.ping",
                    Map.of("consents", "memory"), "jts.strtree.fenceLookup",
                    "LocationOffersBenchmark.jtsStrtreeFenceLookup", 2e5, null,
                    ">= 2e5 pings/s per thread (10,000 stores; consent, hours, caps, stock)", false),
            new Spec("engagement", "engagement.lbs.ping.p50", "LocationOffersBenchmark.pingLatency:p0.5",
                    Map.of("consents", "memory"), null, null, null, null, "report: p50 latency of a ping", true),
            new Spec("engagement", "engagement.lbs.ping.p99", "LocationOffersBenchmark.pingLatency:p0.99",
                    Map.of("consents", "memory"), null, null, 5.0, null, "<= 5 µs p99 per ping", true),
            new Spec("engagement", "engagement.lbs.ping.10000.consentReplica", "LocationOffersBenchmark.ping",
                    Map.of("consents", "replica"), null, null, 2e5, null,
                    ">= 2e5 pings/s per thread, consent from a ConsentReplica", false),
            new Spec("engagement", "engagement.lbs.ping.consentReplica.p99",
                    "LocationOffersBenchmark.pingLatency:p0.99", Map.of("consents", "replica"), null, null, 5.0, null,
                    "<= 5 µs p99 per ping, consent from a ConsentReplica", true),
            kafka("1", "64"), kafka("2", "64"), kafka("4", "64"),
            kafkaLatency("1", "0.5"), kafkaLatency("2", "0.5"), kafkaLatency("4", "0.5"),
            kafkaLatency("1", "0.99"), kafkaLatency("2", "0.99"), kafkaLatency("4", "0.99"),
            kafka("1", "256"), kafka("2", "256"), kafka("4", "256"),
            new Spec("kafka", "kafka.inventory.hold.spread.owners1.threads64.repliesAfterCommit",
                    "KafkaInventoryBenchmark.spreadHold", Map.of("owners", "1", "threads", "64",
                            "repliesAfterCommit", "true"), null, null, null, null,
                    "report: 1 owner, 64 callers, replies sent after each commit (KafkaSettings.repliesAfterCommit)",
                    false));

    /** Holds/s on Kafka with {@code owners} instances and {@code threads} callers, beside the PostgreSQL store. */
    private static Spec kafka(String owners, String threads) {
        boolean peer = threads.equals("64");
        return new Spec("kafka", "kafka.inventory.hold.spread.owners" + owners + ".threads" + threads,
                "KafkaInventoryBenchmark.spreadHold", Map.of("owners", owners, "threads", threads,
                        "repliesAfterCommit", "false"),
                peer ? "postgresql.store (64 threads)" : null, peer ? "PostgresInventoryBenchmark.spreadHold" : null,
                null, null, "report: " + owners + " owner" + (owners.equals("1") ? "" : "s") + ", " + threads
                        + " callers, 3 in-JVM brokers (docs/scaling.md)", false);
    }

    private static Spec kafkaLatency(String owners, String percentile) {
        String p = percentile.equals("0.5") ? "p50" : "p99";
        return new Spec("kafka", "kafka.inventory.hold." + p + ".owners" + owners + ".threads64",
                "KafkaInventoryBenchmark.spreadHoldLatency:p" + percentile, Map.of("owners", owners, "threads", "64",
                        "repliesAfterCommit", "false"),
                null, null, null, null, "report: " + p + " latency, " + owners + " owner"
                        + (owners.equals("1") ? "" : "s") + ", 64 callers", true);
    }

    private BenchmarkReport() {
    }

    /**
     * Writes the JSON and the docs page.
     *
     * @param args JMH JSON, heap text file (or {@code -}), mode, output JSON, output Markdown, and optionally the
     *     previous results JSON: a result this run did not measure is carried over from it with its date
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode jmh = json.createArrayNode();
        for (String file : args[0].split(",")) {
            if (Files.exists(Path.of(file))) {
                json.readTree(Path.of(file).toFile()).forEach(jmh::add);
            }
        }
        Optional<Double> heap = args[1].equals("-") || !Files.exists(Path.of(args[1])) ? Optional.empty()
                : parseHeap(Files.readString(Path.of(args[1])));
        String mode = args[2];
        ObjectNode root = json.createObjectNode();
        root.put("date", Instant.now().toString());
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        root.put("mode", mode);
        ArrayNode results = root.putArray("results");
        List<String[]> rows = new ArrayList<>();
        Map<String, JsonNode> previous = new LinkedHashMap<>();
        String previousDate = null;
        if (args.length > 5 && Files.exists(Path.of(args[5]))) {
            JsonNode before = json.readTree(Path.of(args[5]).toFile());
            previousDate = before.path("date").asText();
            for (JsonNode r : before.path("results")) {
                previous.put(r.path("name").asText(), r);
            }
        }
        for (Spec spec : SPECS) {
            String[] percentile = spec.benchmark().split(":p");
            Optional<JsonNode> ours = find(jmh, percentile[0], spec.params());
            if (ours.isEmpty()) {
                JsonNode carried = previous.get(spec.name());
                if (carried != null) {
                    ObjectNode r = results.addObject();
                    r.setAll((ObjectNode) carried);
                    String date = carried.has("measured") ? carried.path("measured").asText() : previousDate;
                    r.put("measured", date);
                    rows.add(carriedRow(spec, carried, date));
                }
                continue;
            }
            double score = percentile.length == 2
                    ? ours.get().at("/primaryMetric/scorePercentiles").path(String.valueOf(
                            Double.parseDouble(percentile[1]) * 100)).asDouble()
                    : ours.get().at("/primaryMetric/score").asDouble();
            String unit = ours.get().at("/primaryMetric/scoreUnit").asText();
            ObjectNode r = results.addObject();
            r.put("name", spec.name());
            r.put("score", score);
            r.put("unit", unit);
            r.put("params", ours.get().path("params").toString());
            Double ratio = null;
            Double peerScore = null;
            if (spec.peerBenchmark() != null) {
                Optional<JsonNode> peer = find(jmh, spec.peerBenchmark(), spec.params());
                if (peer.isPresent()) {
                    peerScore = peer.get().at("/primaryMetric/score").asDouble();
                    ratio = spec.lowerIsBetter() ? peerScore / score : score / peerScore;
                    r.put("peer", spec.peerName());
                    r.put("peerScore", peerScore);
                    r.put("ratio", round(ratio));
                }
            }
            r.put("target", spec.target());
            Boolean met = null;
            if (spec.minScore() != null || spec.minRatio() != null) {
                met = (spec.minScore() == null
                        || (spec.lowerIsBetter() ? score <= spec.minScore() : score >= spec.minScore()))
                        && (spec.minRatio() == null || (ratio != null && ratio >= spec.minRatio()));
                r.put("met", met);
            }
            rows.add(new String[] {spec.module(), spec.name(), fmt(score) + " " + unit,
                    spec.peerName() == null ? "—" : spec.peerName() + ": " + (peerScore == null ? "not run"
                            : fmt(peerScore) + " " + unit), ratio == null ? "—" : fmt(ratio) + "×", spec.target(),
                    met == null ? "—" : (met ? "yes" : "**no**")});
        }
        if (heap.isEmpty() && previous.containsKey("inventory.heapPerPosition")) {
            JsonNode carried = previous.get("inventory.heapPerPosition");
            ObjectNode r = results.addObject();
            r.setAll((ObjectNode) carried);
            String date = carried.has("measured") ? carried.path("measured").asText() : previousDate;
            r.put("measured", date);
            rows.add(new String[] {"inventory", "inventory.heapPerPosition (run of " + date.substring(0, 10) + ")",
                    fmt(carried.path("score").asDouble())
                    + " bytes/position", "—", "—", "<= 32 bytes/position after GC",
                    carried.path("met").asBoolean() ? "yes" : "**no**"});
        }
        if (heap.isPresent()) {
            ObjectNode r = results.addObject();
            r.put("name", "inventory.heapPerPosition");
            r.put("score", heap.get());
            r.put("unit", "bytes/position");
            r.put("target", "<= 32 bytes/position after GC");
            r.put("met", heap.get() <= 32);
            rows.add(new String[] {"inventory", "inventory.heapPerPosition", fmt(heap.get()) + " bytes/position", "—",
                    "—", "<= 32 bytes/position after GC", heap.get() <= 32 ? "yes" : "**no**"});
        }
        Path out = Path.of(args[3]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        json.writeValue(out.toFile(), root);
        Files.writeString(Path.of(args[4]), markdown(root, rows, mode));
    }

    /** A row measured in an earlier run, marked with that run's date. */
    private static String[] carriedRow(Spec spec, JsonNode r, String date) {
        String unit = r.path("unit").asText();
        String peer = spec.peerName() == null ? "—" : spec.peerName() + ": " + (r.has("peerScore")
                ? fmt(r.path("peerScore").asDouble()) + " " + unit : "not run");
        return new String[] {spec.module(), spec.name() + " (run of " + date.substring(0, 10) + ")",
                fmt(r.path("score").asDouble()) + " " + unit, peer, r.has("ratio") ? fmt(r.path("ratio").asDouble())
                        + "×" : "—", spec.target(), r.has("met") ? (r.path("met").asBoolean() ? "yes" : "**no**")
                        : "—"};
    }

    private static Optional<JsonNode> find(JsonNode jmh, String benchmark, Map<String, String> params) {
        for (JsonNode b : jmh) {
            if (!b.path("benchmark").asText().endsWith("." + benchmark)) {
                continue;
            }
            boolean match = true;
            for (Map.Entry<String, String> p : params.entrySet()) {
                JsonNode value = b.path("params").path(p.getKey());
                // a peer without the parameter (PostgreSQL has no owners) matches on the others
                match &= value.isMissingNode() || p.getValue().equals(value.asText());
            }
            if (match) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    static Optional<Double> parseHeap(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("inventory.heapPerPosition ")) {
                return Optional.of(Double.parseDouble(line.split(" ")[1]));
            }
        }
        return Optional.empty();
    }

    private static double round(double v) {
        return Math.round(v * 10.0) / 10.0;
    }

    static String fmt(double v) {
        if (Math.abs(v) >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        }
        if (Math.abs(v) >= 1e4) {
            return String.format(Locale.ROOT, "%.1f k", v / 1e3);
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String markdown(JsonNode root, List<String[]> rows, String mode) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Generated by `benchmarks/run.sh` from `benchmarks/results/latest.json`; do not edit by hand.\n\n");
        md.append("- Date: ").append(root.path("date").asText()).append("\n");
        md.append("- Mode: ").append(mode).append(mode.equals("quick")
                ? " (smaller sizes and fewer iterations than the targets assume: read targets against a full run)\n"
                : mode.equals("kafka") ? " (the Kafka rows and their PostgreSQL peer re-measured at full size; the "
                        + "other rows carried over from the run named beside each)\n"
                : mode.equals("engagement") ? " (the location-offer rows and their JTS peer re-measured at full size; "
                        + "the other rows carried over from the run named beside each)\n"
                : " (the sizes the targets are stated for)\n");
        JsonNode m = root.path("machine");
        md.append("- Machine: ").append(m.path("cores").asInt()).append(" cores, ").append(m.path("jdk").asText())
                .append(", ").append(m.path("os").asText()).append("\n\n");
        md.append("Rows marked with an earlier run's date were carried over from that run (`run.sh --kafka` re-measures "
                + "only the Kafka rows and their PostgreSQL peer; `run.sh --engagement` only the location-offer rows). ");
        md.append("Every peer ran in the same JVM run as our code, except the Kafka rows' PostgreSQL peer: the same "
                + "session on the same machine, a JVM of its own. ");
        md.append("`ratio` is how many times better we are than the "
                + "peer, whichever way the unit points. Unmet targets are shown as unmet; the module guides explain "
                + "the gaps.\n");
        Map<String, List<String[]>> byModule = new LinkedHashMap<>();
        for (String[] r : rows) {
            byModule.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<String[]>> e : byModule.entrySet()) {
            md.append("\n## ").append(e.getKey()).append("\n\n");
            md.append("| result | ours | peer (same run) | ratio | target | met |\n|---|---|---|---|---|---|\n");
            for (String[] r : e.getValue()) {
                md.append("| ").append(r[1]).append(" | ").append(r[2]).append(" | ").append(r[3]).append(" | ")
                        .append(r[4]).append(" | ").append(r[5]).append(" | ").append(r[6]).append(" |\n");
            }
        }
        md.append("\n## Reproduce\n\n");
        md.append("```sh\nmvn -B install -DskipTests\nbenchmarks/run.sh --quick   # under 10 minutes on 2 cores\n"
                + "benchmarks/run.sh           # the sizes the targets are stated for\n```\n\n");
        md.append("`run.sh` runs JMH (`benchmarks/target/benchmarks.jar`), measures heap per stock position after GC, "
                + "and rewrites `benchmarks/results/latest.json` and this page. The inventory benchmarks need "
                + "about 16 GB of heap at full size.\n");
        return md.toString();
    }
}
