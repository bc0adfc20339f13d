package io.github.omniretail.mysql;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InventoryStatefulContract;
import net.jqwik.api.PropertyDefaults;

/** Fewer tries than in memory: every action is followed by some forty reads through the database. */
@PropertyDefaults(tries = 25)
class MySqlInventoryStatefulProperties extends InventoryStatefulContract {

    @Override
    protected InventoryStore newStore() {
        return MariaDb.inventory();
    }
}
