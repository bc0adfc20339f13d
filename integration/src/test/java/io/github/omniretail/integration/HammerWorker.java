package io.github.omniretail.integration;

import com.zaxxer.hikari.HikariDataSource;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.postgres.PostgresInventoryStore;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.postgres.PostgresLedgerStore;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One process of the hammer: reserves scarce SKUs through its own pool and engine on the shared database, and
 * appends every acknowledged step to its log ({@code index step key outcome}). Requests are a pure function of
 * (worker, index), so a restarted worker retries its in-flight request with the same keys; it also repeats its
 * last acknowledged requests and checks that they replay to the same outcomes (exit code 3 if not).
 *
 * <p>Arguments: jdbcUrl schema worker requests logFile.
 */
public final class HammerWorker {

    static final List<Sku> SKUS = List.of(Sku.of("FLASH-1"), Sku.of("FLASH-2"), Sku.of("FLASH-3"));
    static final List<NodeId> NODES = List.of(NodeId.of("DS-1"), NodeId.of("DS-2"));
    static final Channel LIVE = Channel.of("douyin-live", ChannelKind.LIVE_STREAM);
    static final List<MemberId> MEMBERS = List.of(MemberId.of("M-1"), MemberId.of("M-2"), MemberId.of("M-3"));

    private HammerWorker() {
    }

    public static void main(String[] args) throws IOException {
        String url = args[0];
        String schema = args[1];
        int worker = Integer.parseInt(args[2]);
        int requests = Integer.parseInt(args[3]);
        Path log = Path.of(args[4]);
        Map<String, String> acked = new HashMap<>();
        int resumeAt = 0;
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length == 4) {
                    acked.put(f[2], f[3]);
                    resumeAt = Math.max(resumeAt, Integer.parseInt(f[0]));
                }
            }
        }
        try (HikariDataSource pool = Databases.pool(url, 4);
                Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
            PostgresInventoryStore store = PostgresInventoryStore.builder(pool).schema(schema).build();
            InventoryEngine engine = InventoryEngine.builder().store(store).clock(Clock.systemUTC()).build();
            PointsLedger ledger = ledger(pool, schema);
            // replay the last acknowledged requests (and the one in flight when killed) with the same keys
            for (int i = Math.max(0, resumeAt - 5); i < requests; i++) {
                run(engine, ledger, worker, i, acked, out);
            }
        }
    }

    static PointsLedger ledger(javax.sql.DataSource pool, String schema) {
        return PointsLedger.builder().store(PostgresLedgerStore.builder(pool).schema(schema).build())
                .clock(Clock.systemUTC()).rules(LoyaltyRules.standard().withPendingFor(java.time.Duration.ZERO)).build();
    }

    private static void run(InventoryEngine engine, PointsLedger ledger, int worker, int i, Map<String, String> acked,
            Writer out) throws IOException {
        SplittableRandom random = new SplittableRandom(worker * 1_000_003L + i);
        String key = "w" + worker + "-" + i;
        HoldRequest.Builder b = HoldRequest.builder(IdempotencyKey.of(key), LIVE,
                Duration.ofMinutes(30)).reference("order-" + key);
        Sku first = SKUS.get(random.nextInt(SKUS.size()));
        b.line(HoldLine.atNode(first, NODES.get(random.nextInt(NODES.size())), 1 + random.nextInt(3)));
        if (random.nextInt(3) == 0) {
            Sku second = SKUS.get((SKUS.indexOf(first) + 1) % SKUS.size());
            b.line(HoldLine.atNode(second, NODES.get(random.nextInt(NODES.size())), 1 + random.nextInt(2)));
        }
        Hold hold;
        try {
            hold = engine.hold(b.build());
        } catch (InsufficientStockException e) {
            ack(out, i, "hold", key, "refused", acked);
            return;
        }
        ack(out, i, "hold", key, String.valueOf(hold.id().value()), acked);
        Hold confirmed = engine.confirm(IdempotencyKey.of(key + "-c"), hold.id());
        ack(out, i, "confirm", key + "-c", confirmed.status().name(), acked);
        boolean cancel = random.nextInt(5) == 0;
        Hold done = cancel ? engine.releaseAll(IdempotencyKey.of(key + "-r"),
                hold.id()) : engine.fulfilAll(IdempotencyKey.of(key + "-f"), hold.id());
        ack(out, i, cancel ? "release" : "fulfil", key + (cancel ? "-r" : "-f"), done.status().name(), acked);
        if (!cancel) {
            // points for the fulfilled order: 10 yuan per unit, to one of three members every worker posts for
            long units = done.lines().stream().mapToLong(l -> l.fulfilled()).sum();
            LedgerEntry earned = ledger.earn(IdempotencyKey.of(key + "-pts"),
                    MEMBERS.get(random.nextInt(MEMBERS.size())),
                    OrderId.of("order-" + key), LIVE, Money.ofMinor(units * 1_000, "CNY"));
            ack(out, i, "points", key + "-pts", String.valueOf(earned.change(io.github.omniretail.loyalty.AccountKind.PENDING)
                    + earned.change(io.github.omniretail.loyalty.AccountKind.AVAILABLE)), acked);
        }
    }

    private static void ack(Writer out, int i, String step, String key, String outcome, Map<String, String> acked)
            throws IOException {
        String before = acked.get(key);
        if (before != null && !before.equals(outcome)) {
            System.err.println("replayed " + key + " to " + outcome + " but it was acknowledged as " + before);
            System.exit(3);
        }
        if (before == null) {
            out.write(i + " " + step + " " + key + " " + outcome + "\n");
            out.flush();
            acked.put(key, outcome);
        }
    }
}
