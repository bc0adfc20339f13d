package io.github.omniretail.kafka;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Stops the in-JVM brokers when the last test class has run, while the JVM is still whole: stopped from a shutdown
 * hook instead, they race the deletion of their own directories, fail a log directory and halt the JVM.
 * Registered for every test class (junit-platform.properties turns on extension auto-detection).
 */
public final class BrokersExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent("omniretail-brokers",
                k -> new Stop());
    }

    /** Closed with the root context, after the last test class. */
    private static final class Stop implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            Brokers.close();
        }
    }
}
