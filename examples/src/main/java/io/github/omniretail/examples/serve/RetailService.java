package io.github.omniretail.examples.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.omniretail.examples.demo.MemberAnalytics;
import io.github.omniretail.examples.demo.Retailer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RetailApi} served by the JDK's built-in {@link HttpServer}: Jackson, no framework. Requests run on a
 * small pool; the endpoints, errors and guarantees are {@link RetailApi}'s. Thread-safe.
 */
public final class RetailService implements AutoCloseable {

    /** The largest request body accepted, in bytes (1 MiB). */
    public static final int MAX_BODY_BYTES = RetailApi.MAX_BODY_BYTES;
    /** The header carrying the caller's idempotency key. */
    public static final String IDEMPOTENCY_KEY = RetailApi.IDEMPOTENCY_KEY;

    private static final Logger LOG = LoggerFactory.getLogger(RetailService.class);

    private final RetailApi api;
    private final HttpServer server;
    private final ExecutorService pool;

    private RetailService(RetailApi api, InetSocketAddress address) throws IOException {
        this.api = api;
        server = HttpServer.create(address, 64);
        AtomicInteger threads = new AtomicInteger();
        pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "retail-service-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("listening on {}", uri());
    }

    /**
     * Starts the service.
     *
     * @param retailer the engines; non-null
     * @param analytics last night's member analytics, for {@code /segment}; non-null
     * @param address where to listen (port 0 picks a free one); non-null
     * @param tick run before every request, e.g. to move a simulated clock; non-null
     * @return the running service
     * @throws IOException if the address cannot be bound
     */
    public static RetailService start(Retailer retailer, MemberAnalytics analytics, InetSocketAddress address,
            Runnable tick) throws IOException {
        return new RetailService(RetailApi.over(retailer, analytics, tick), Objects.requireNonNull(address,
                "address"));
    }

    /** @return the bound port */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return the base URI, e.g. {@code http://127.0.0.1:8080} */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
    }

    /** Stops accepting requests and stops the pool. Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            RetailApi.Response response = api.respond(new RetailApi.Request() {
                @Override
                public String method() {
                    return exchange.getRequestMethod();
                }

                @Override
                public String path() {
                    return exchange.getRequestURI().getPath();
                }

                @Override
                public String rawQuery() {
                    return exchange.getRequestURI().getRawQuery();
                }

                @Override
                public List<String> header(String name) {
                    List<String> values = exchange.getRequestHeaders().get(name);
                    return values == null ? List.of() : values;
                }

                @Override
                public InputStream body() {
                    return exchange.getRequestBody();
                }
            });
            for (Map.Entry<String, String> h : response.headers().entrySet()) {
                exchange.getResponseHeaders().set(h.getKey(), h.getValue());
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(response.status(), response.json().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.json());
            }
        }
    }
}
