/**
 * OmniRetail core: the shared retail domain (money, identifiers, geo points, channels, nodes, orders, events)
 * and its JSON form.
 *
 * <p>Provides a Jackson {@code Module} through {@link java.util.ServiceLoader}, so
 * {@code ObjectMapper.findAndRegisterModules()} picks it up.
 */
module io.github.omniretail.core {
    requires transitive com.fasterxml.jackson.databind;
    requires transitive org.jspecify;

    exports io.github.omniretail.core;
    exports io.github.omniretail.core.event;
    exports io.github.omniretail.core.json;
    exports io.github.omniretail.core.privacy;
    exports io.github.omniretail.core.spi;
    exports io.github.omniretail.core.internal to io.github.omniretail.inventory, io.github.omniretail.loyalty;

    provides com.fasterxml.jackson.databind.Module with io.github.omniretail.core.json.CoreJsonModule;
}
