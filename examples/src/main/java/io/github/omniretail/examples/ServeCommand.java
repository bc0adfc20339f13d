package io.github.omniretail.examples;

import io.github.omniretail.examples.demo.MemberAnalytics;
import io.github.omniretail.examples.demo.Retailer;
import io.github.omniretail.examples.demo.RetailWorld;
import io.github.omniretail.examples.demo.SimulationClock;
import io.github.omniretail.examples.serve.RetailService;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve}: the HTTP/JSON service of {@link RetailService}, seeded with the demo's catalogue, network and
 * members. The engines' clock starts at 08:00 on the demo's day in Hangzhou and runs with the wall clock from there.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the engines over HTTP/JSON (JDK HttpServer + Jackson), seeded with the demo's world.",
            "Endpoints: GET /health, POST /quote, POST /route, POST /holds, GET /holds/{id},",
            "  POST /holds/{id}/confirm|release, GET /atp?sku=&node=&channel=,",
            "  POST /members/{id}/earn|redeem, GET /members/{id}/balance|segment.",
            "Send an Idempotency-Key header with holds, earns and redemptions."})
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; use 0.0.0.0 to accept other hosts).")
    private String bind;

    @Option(names = "--seed", defaultValue = "20261122", description = "World seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--scale", defaultValue = "1", description = "World size factor in (0, 20] (default: ${DEFAULT-VALUE}).")
    private double scale;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!(scale > 0 && scale <= 20)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be in (0, 20], was " + scale);
        }
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535, was " + port);
        }
        out.println("Loading the demo's world (catalogue, network, members, 13 months of points)…");
        out.flush();
        RetailWorld world = RetailWorld.generate(seed, scale);
        Instant open = RetailWorld.DAY.atTime(8, 0).atZone(RetailWorld.ZONE).toInstant();
        Retailer retailer = Retailer.open(world, open, Retailer.EventSink.none());
        SimulationClock clock = retailer.clock();
        MemberAnalytics analytics = MemberAnalytics.of(world, List.of());
        long started = System.nanoTime();
        RetailService service = RetailService.start(retailer, analytics,
                new InetSocketAddress(InetAddress.getByName(bind), port),
                () -> clock.advanceTo(open.plus(Duration.ofNanos(System.nanoTime() - started))));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "retail-service-shutdown"));
        out.printf("Listening on %s (%s) — try: curl %s/health%nCtrl-C stops.%n", service.uri(), world,
                service.uri());
        out.flush();
        stopped.await();
        return 0;
    }
}
