package io.github.omniretail.inventory.spi;

import org.jspecify.annotations.Nullable;
import java.util.List;

/**
 * Where a stored inventory engine keeps its rows — the second kind of inventory SPI. A storage decides nothing: the
 * engine's rules kernel decides every operation from the rows a transaction locks and loads, and hands back the rows
 * to write. So another database is another storage (lock and load these keys, write these rows), never another
 * engine. Build an engine on one with {@link io.github.omniretail.inventory.InventoryEngine#storedIn}.
 *
 * <p>The engine gathers concurrent calls into one transaction (group commit) and calls, in order:
 * {@link Session#lock} once, {@link Session#write} at most once, then the storage commits. Obligations of an
 * implementation:
 * <ul>
 *   <li><b>Locks.</b> {@link Session#lock} locks the SKUs it returns (their rows, or a lock per SKU), in one fixed
 *       order, until the transaction ends, and takes the catalogue lock shared ({@link Session#lockCatalogue}
 *       exclusive); with those locks two instances can never both decide on the same SKU, and never deadlock on
 *       SKUs.</li>
 *   <li><b>Atomicity.</b> Everything written in one {@link #transaction} commits or nothing does; a key written by
 *       {@link Session#write} that already exists (another instance's concurrent call under the same key) fails the
 *       transaction with a failure {@link #transaction} retries.</li>
 *   <li><b>Outbox.</b> {@link Session#write} appends {@link StoredRows#events()} in the same transaction, in
 *       order, each with an id that orders it after every event already committed on the same SKU; a relay
 *       delivers them from there at least once (the PostgreSQL store's {@code InventoryOutbox}).</li>
 *   <li><b>Retries.</b> {@link #transaction} reruns its work from the start on transient failures (deadlock,
 *       serialization, lost connection before commit); the work is written to be rerun.</li>
 * </ul>
 * The {@code omniretail-testkit} inventory contracts, run on an engine built over the storage, are the authority.
 * Implementations are thread-safe.
 */
public interface InventoryStorage {

    /**
     * Runs {@code work} in one transaction and commits it; reruns it on transient failures.
     *
     * @param operation non-null name for logs and errors
     * @param work non-null work; may run more than once
     * @param <T> result type
     * @return what the last run of {@code work} returned, after its commit
     * @throws RuntimeException a storage-specific exception when the transaction cannot commit
     */
    <T> T transaction(String operation, Work<T> work);

    /**
     * Reserves a block of ids that no other instance will be given.
     *
     * @param sequence {@code "hold"} or {@code "transfer"}
     * @param count positive number of ids
     * @return the first id of {@code count} consecutive ids, all positive
     */
    long reserveIds(String sequence, int count);

    /**
     * Work run inside a transaction.
     *
     * @param <T> result type
     */
    @FunctionalInterface
    interface Work<T> {
        /**
         * @param session non-null session of this transaction, valid only during the call
         * @return the result
         */
        T run(Session session);
    }

    /** One transaction's access to the rows. Not thread-safe; valid only inside {@link Work#run}. */
    interface Session {

        /**
         * Takes the catalogue lock exclusively (catalogue changes, snapshots) and reads the whole catalogue.
         *
         * @return the catalogue as stored
         */
        StoredCatalogue lockCatalogue();

        /**
         * Takes the catalogue lock shared and reads the whole catalogue.
         *
         * @return the catalogue as stored
         */
        StoredCatalogue readCatalogue();

        /**
         * Writes the catalogue (the caller holds it exclusively); the version is bumped by one.
         *
         * @param catalogue non-null catalogue; its version is the one read
         */
        void writeCatalogue(StoredCatalogue catalogue);

        /**
         * Takes the catalogue lock shared (unless held exclusively), creates the rows of
         * {@link LockRequest#create()} SKUs that do not exist, then locks, in SKU order, the requested SKUs, the SKUs
         * of the requested holds and transfers, and the SKUs of every hold that is {@code HELD} with its expiry at or
         * before {@link LockRequest#now()} on one of those — and loads them. A hold is loaded only with all of its
         * SKUs locked.
         *
         * @param request non-null keys
         * @return the locked rows, the holds (requested and due), transfers and idempotency records found
         */
        Locked lock(LockRequest request);

        /**
         * Loads every SKU, hold and transfer; the caller holds the catalogue lock exclusively, so no batch runs
         * meanwhile (catalogue changes and snapshots).
         *
         * @param idempotency whether to load the idempotency records too
         * @return everything
         */
        Locked lockAll(boolean idempotency);

        /**
         * Writes rows: SKUs updated, holds and transfers inserted or replaced by id, idempotency records inserted.
         *
         * @param rows non-null rows
         */
        void write(StoredRows rows);

        /**
         * Deletes idempotency records recorded before one instant and final holds finalised before another.
         *
         * @param idempotencyBefore records older than this go
         * @param finalHoldsBefore final holds finalised before this go
         * @return rows deleted
         */
        long prune(java.time.Instant idempotencyBefore, java.time.Instant finalHoldsBefore);

        /**
         * SKUs that have a {@code HELD} hold due at {@code now}, at most {@code limit} of them (the expiry sweep).
         *
         * @param now the instant
         * @param limit positive bound
         * @return SKUs, possibly empty
         */
        List<io.github.omniretail.core.Sku> dueSkus(java.time.Instant now, int limit);

        /**
         * SKUs whose stored detail has lots ({@link StoredSku#detail()} has a {@code "lots"} member), in SKU order
         * after {@code after}, at most {@code limit} of them: what the lot expiry sweep visits. A storage that
         * cannot list them keeps the default; {@code expireLots()} on it then throws.
         *
         * @param after the last SKU of the previous page, or null for the first page
         * @param limit positive bound
         * @return SKUs, possibly empty
         * @throws UnsupportedOperationException by default
         */
        default List<io.github.omniretail.core.Sku> lotSkus(io.github.omniretail.core.@Nullable Sku after, int limit) {
            throw new UnsupportedOperationException(getClass().getName() + " cannot list SKUs with lots");
        }
    }
}
