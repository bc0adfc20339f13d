package io.github.omniretail.checkout;

import net.jqwik.api.PropertyDefaults;

/**
 * {@link CheckoutProperties} — random journeys, each run plainly and with a crash injected then retried — with every
 * store in PostgreSQL. The same assertions, 15 tries instead of 1,000 (a try takes about 5 s here: eight fresh
 * schemas migrated, then up to 40 steps in two runs, each step several transactions).
 */
@PropertyDefaults(tries = 15)
class PostgresCheckoutProperties extends CheckoutProperties {

    @Override
    Shop newShop() {
        return PostgresShop.create();
    }
}
