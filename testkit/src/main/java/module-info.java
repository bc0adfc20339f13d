/**
 * OmniRetail testkit: abstract JUnit 5 / jqwik contract tests that an implementer of a storage SPI extends, supplying a factory for fresh storage, to prove the implementation
 * keeps every guarantee of the in-memory default.
 */
module io.github.omniretail.testkit {
    requires transitive io.github.omniretail.core;
    requires transitive io.github.omniretail.inventory;
    requires transitive io.github.omniretail.loyalty;
    requires transitive io.github.omniretail.pricing;
    requires transitive io.github.omniretail.checkout;
    requires transitive io.github.omniretail.engagement;
    requires transitive org.junit.jupiter.api;
    requires transitive net.jqwik.api;

    exports io.github.omniretail.testkit.inventory;
    exports io.github.omniretail.testkit.loyalty;
    exports io.github.omniretail.testkit.pricing;
    exports io.github.omniretail.testkit.checkout;
    exports io.github.omniretail.testkit.engagement;
}
