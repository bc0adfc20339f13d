package io.github.omniretail.postgres;

import io.github.omniretail.postgres.jdbc.Transactions;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What every PostgreSQL store is configured with: the data source, the schema holding its tables, attempts per
 * operation and a statement timeout. Subclassed by each store's builder. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by the setters
 */
public abstract sealed class StoreBuilder<B extends StoreBuilder<B>>
        permits PostgresInventoryStore.Builder, PostgresLedgerStore.Builder, PostgresPromotionLedger.Builder,
        PostgresCheckoutStore.Builder {

    private final DataSource dataSource;
    private String schema = "public";
    private int maxAttempts = 8;
    private Duration statementTimeout = Duration.ZERO;

    /**
     * @param dataSource non-null source of connections (the caller's pool)
     */
    StoreBuilder(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * @param schema the PostgreSQL schema holding the tables: a plain lower-case identifier; default {@code public}
     * @return this builder
     */
    public B schema(String schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
        return self();
    }

    /**
     * @param maxAttempts attempts per operation before a transient failure is reported, 1..100; default 8
     * @return this builder
     */
    public B maxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
        return self();
    }

    /**
     * @param timeout limit per SQL statement; zero (the default) for the server's setting
     * @return this builder
     */
    public B statementTimeout(Duration timeout) {
        this.statementTimeout = Objects.requireNonNull(timeout, "timeout");
        return self();
    }

    /** @return the configured schema */
    String schema() {
        return schema;
    }

    /**
     * The transaction runner the store uses: the settings above, unique violations retried (idempotency keys).
     *
     * @return a new runner
     * @throws IllegalArgumentException for an attempt count or timeout out of range
     */
    Transactions transactions() {
        return Transactions.builder(dataSource).maxAttempts(maxAttempts).statementTimeout(statementTimeout)
                .retryUniqueViolations(true).build();
    }
}
