package io.github.omniretail.spring;

import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.ConsentLog;
import io.github.omniretail.loyalty.spi.ConsentReplica;
import io.github.omniretail.loyalty.spi.LedgerStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The stores the auto-configured engines run on, with what the health indicator and the outbox relay need of them.
 * The auto-configuration builds one from {@code omniretail.store}; declare a bean of this type to bring your own
 * (for example {@link #of} over stores you built). Immutable and thread-safe.
 */
public final class OmniRetailStores {

    /** An outbox the relay delivers from. Implementations are thread-safe. */
    public interface Outbox {
        /**
         * Delivers committed events to {@code publish}, oldest first.
         *
         * @param consumer non-null consumer name
         * @param max events at most
         * @param publish non-null receiver of each event; a throw rolls the delivery back
         * @return events delivered
         */
        int deliver(String consumer, int max, Consumer<Object> publish);

        /**
         * @param consumer non-null consumer name
         * @return events the consumer has not passed yet
         */
        long backlog(String consumer);
    }

    /** Delivers committed events of one outbox (the shape of the stores' relays). */
    @FunctionalInterface
    public interface Delivery {
        /**
         * @param consumer non-null consumer name
         * @param max events at most
         * @param publish non-null receiver of each event
         * @return events delivered
         */
        int deliver(String consumer, int max, Consumer<Object> publish);
    }

    /**
     * An outbox from a store relay's two methods.
     *
     * @param delivery non-null delivery
     * @param backlog non-null backlog per consumer
     * @return the outbox
     */
    public static Outbox outbox(Delivery delivery, java.util.function.ToLongFunction<String> backlog) {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(backlog, "backlog");
        return new Outbox() {
            @Override
            public int deliver(String consumer, int max, Consumer<Object> publish) {
                return delivery.deliver(consumer, max, publish);
            }

            @Override
            public long backlog(String consumer) {
                return backlog.applyAsLong(consumer);
            }
        };
    }

    private final StoreKind kind;
    private final InventoryStore inventory;
    private final LedgerStore ledger;
    private final CheckoutStore orders;
    private final Map<String, BooleanSupplier> schemas;
    private final Map<String, Outbox> outboxes;
    private final Optional<ConsentLog> consentLog;

    private OmniRetailStores(StoreKind kind, InventoryStore inventory, LedgerStore ledger, CheckoutStore orders,
            Map<String, BooleanSupplier> schemas, Map<String, Outbox> outboxes, Optional<ConsentLog> consentLog) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.schemas = Map.copyOf(schemas);
        this.outboxes = Map.copyOf(outboxes);
        this.consentLog = Objects.requireNonNull(consentLog, "consentLog");
    }

    /** @return stores in this JVM's memory */
    public static OmniRetailStores inMemory() {
        return new OmniRetailStores(StoreKind.MEMORY, InventoryEngine.inMemoryStore(), PointsLedger.inMemoryStore(),
                CheckoutStore.inMemory(), Map.of(), Map.of(), Optional.empty());
    }

    /**
     * Stores you built.
     *
     * @param kind non-null what they are
     * @param inventory non-null inventory store
     * @param ledger non-null ledger store
     * @param orders non-null checkout order store
     * @param schemas non-null per component ({@code inventory}, …), whether its schema is current (for health)
     * @param outboxes non-null per component, its outbox (for the relay and health)
     * @return the stores
     */
    public static OmniRetailStores of(StoreKind kind, InventoryStore inventory, LedgerStore ledger,
            CheckoutStore orders, Map<String, BooleanSupplier> schemas, Map<String, Outbox> outboxes) {
        return new OmniRetailStores(kind, inventory, ledger, orders, schemas, outboxes, Optional.empty());
    }

    /**
     * These stores with a shared consent log: the auto-configured {@code ConsentStore} becomes a
     * {@link ConsentReplica} following it.
     *
     * @param log non-null consent log, e.g. {@code ledgerStore.consentLog()}
     * @return a copy with the log
     */
    public OmniRetailStores withConsentLog(ConsentLog log) {
        return new OmniRetailStores(kind, inventory, ledger, orders, schemas, outboxes,
                Optional.of(Objects.requireNonNull(log, "log")));
    }

    /** @return the shared consent log; empty in memory */
    public Optional<ConsentLog> consentLog() {
        return consentLog;
    }

    /** @return what the stores are */
    public StoreKind kind() {
        return kind;
    }

    /** @return the inventory store */
    public InventoryStore inventory() {
        return inventory;
    }

    /** @return the ledger store */
    public LedgerStore ledger() {
        return ledger;
    }

    /** @return the checkout's order store */
    public CheckoutStore orders() {
        return orders;
    }

    /** @return per component, whether its schema is current; empty in memory */
    public Map<String, BooleanSupplier> schemas() {
        return schemas;
    }

    /** @return per component, its outbox; empty in memory */
    public Map<String, Outbox> outboxes() {
        return outboxes;
    }

    /** @return the component names with an outbox, sorted */
    List<String> outboxNames() {
        return outboxes.keySet().stream().sorted().toList();
    }
}
