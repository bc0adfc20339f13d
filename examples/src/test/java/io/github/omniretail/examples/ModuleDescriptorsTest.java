package io.github.omniretail.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.checkout.CheckoutException;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.json.CoreJsonModule;
import io.github.omniretail.inventory.InventoryException;
import io.github.omniretail.loyalty.LoyaltyException;
import io.github.omniretail.postgres.PostgresInventoryStore;
import io.github.omniretail.pricing.PricingException;
import io.github.omniretail.routing.RoutingException;
import io.github.omniretail.testkit.checkout.CheckoutStoreContract;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Each published module's descriptor exports exactly its API packages and requires what it should. */
class ModuleDescriptorsTest {

    record Expected(Class<?> anyClass, String module, Set<String> exports, Set<String> internal) {
    }

    static List<Expected> modules() {
        String base = "io.github.omniretail.";
        return List.of(
                new Expected(Money.class, base + "core",
                        Set.of(base + "core", base + "core.event", base + "core.json", base + "core.privacy",
                                base + "core.spi"),
                        Set.of(base + "core.internal")),
                new Expected(InventoryException.class, base + "inventory",
                        Set.of(base + "inventory", base + "inventory.spi"), Set.of()),
                new Expected(RoutingException.class, base + "routing",
                        Set.of(base + "routing", base + "routing.spi"), Set.of()),
                new Expected(LoyaltyException.class, base + "loyalty",
                        Set.of(base + "loyalty", base + "loyalty.spi", base + "loyalty.analytics"), Set.of()),
                new Expected(PricingException.class, base + "pricing", Set.of(base + "pricing", base + "pricing.spi"), Set.of()),
                new Expected(CheckoutException.class, base + "checkout",
                        Set.of(base + "checkout", base + "checkout.spi"), Set.of()),
                new Expected(io.github.omniretail.analytics.KpiTracker.class, base + "analytics",
                        Set.of(base + "analytics", base + "analytics.forecast", base + "analytics.replenishment"), Set.of()),
                new Expected(io.github.omniretail.engagement.Treatments.class, base + "engagement",
                        Set.of(base + "engagement", base + "engagement.spi"), Set.of()),
                new Expected(PostgresInventoryStore.class, base + "postgres", Set.of(base + "postgres"),
                        Set.of(base + "postgres.jdbc", base + "postgres.inventory", base + "postgres.loyalty")),
                new Expected(io.github.omniretail.mysql.MySqlInventoryStore.class, base + "mysql",
                        Set.of(base + "mysql"), Set.of(base + "mysql.jdbc", base + "mysql.inventory",
                        base + "mysql.loyalty")),
                new Expected(io.github.omniretail.kafka.KafkaInventory.class, base + "kafka", Set.of(base + "kafka"),
                        Set.of()),
                new Expected(io.github.omniretail.micrometer.OmniRetailMetrics.class, base + "micrometer",
                        Set.of(base + "micrometer"), Set.of()),
                new Expected(CheckoutStoreContract.class, base + "testkit", Set.of(base + "testkit.checkout",
                        base + "testkit.engagement", base + "testkit.inventory", base + "testkit.loyalty",
                        base + "testkit.pricing"), Set.of()));
    }

    static ModuleDescriptor descriptorOf(Class<?> type) throws URISyntaxException {
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<ModuleReference> found = ModuleFinder.of(location).findAll();
        assertEquals(1, found.size(), "one module at " + location);
        return found.iterator().next().descriptor();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void exportsOnlyApiPackages(Expected expected) throws URISyntaxException {
        ModuleDescriptor descriptor = descriptorOf(expected.anyClass());
        assertEquals(expected.module(), descriptor.name());
        assertTrue(!descriptor.isAutomatic() && !descriptor.isOpen(), "a real, closed module");
        // The one qualified export: core's group-commit machinery, to the two engine modules that batch.
        Set<String> exports = descriptor.exports().stream()
                .filter(e -> {
                    if (e.targets().isEmpty()) {
                        return true;
                    }
                    assertEquals("io.github.omniretail.core.internal", e.source(), "no other qualified export");
                    assertEquals(Set.of("io.github.omniretail.inventory", "io.github.omniretail.loyalty"), e.targets());
                    return false;
                })
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(expected.exports(), exports);
        Set<String> internal = descriptor.packages().stream().filter(p -> !exports.contains(p))
                .collect(Collectors.toSet());
        assertEquals(expected.internal(), internal, "unexported (implementation) packages");
        if (!expected.module().endsWith(".core")) {
            assertTrue(descriptor.requires().stream().anyMatch(r -> r.name().equals("io.github.omniretail.core")
                    && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)), "requires transitive core");
        }
    }

    /** Every package of every published module is JSpecify {@code @NullMarked}: IDEs and NullAway see the contract. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void everyPackageIsNullMarked(Expected expected) throws Exception {
        ModuleDescriptor descriptor = descriptorOf(expected.anyClass());
        ClassLoader loader = expected.anyClass().getClassLoader();
        for (String pkg : descriptor.packages()) {
            Class<?> info;
            try {
                info = Class.forName(pkg + ".package-info", false, loader);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(pkg + " has no package-info", e);
            }
            assertTrue(info.isAnnotationPresent(org.jspecify.annotations.NullMarked.class), pkg + " is @NullMarked");
        }
    }

    /** An in-memory user's module path holds no JDBC: only the database artifacts require java.sql. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void onlyTheDatabaseArtifactsRequireJdbc(Expected expected) throws URISyntaxException {
        boolean jdbc = descriptorOf(expected.anyClass()).requires().stream().anyMatch(r -> r.name().equals("java.sql"));
        assertEquals(expected.module().endsWith(".postgres") || expected.module().endsWith(".mysql"), jdbc, expected.module() + " requires java.sql");
    }

    @Test
    void coreProvidesItsJacksonModuleToServiceLoader() throws URISyntaxException {
        ModuleDescriptor core = descriptorOf(Money.class);
        Map<String, List<String>> provides = core.provides().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Provides::service, ModuleDescriptor.Provides::providers));
        assertEquals(Map.of("com.fasterxml.jackson.databind.Module", List.of(CoreJsonModule.class.getName())), provides);
    }
}
