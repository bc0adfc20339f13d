package io.github.omniretail.checkout;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;

/**
 * {@link CheckoutProperties} — random journeys, each run plainly and with a crash injected then retried — with every
 * store in PostgreSQL. The same actions and assertions; 6 journeys of up to 100 steps instead of 1,000 of up to 40,
 * because each journey migrates eight fresh schemas (about 15 s a journey late in a full integration run, when the
 * database holds hundreds of schemas), while a step costs a few transactions.
 */
@PropertyDefaults(tries = 6)
class PostgresCheckoutProperties extends CheckoutProperties {

    @Override
    Shop newShop() {
        return PostgresShop.create();
    }

    @Override
    @Provide
    Arbitrary<ActionChain<World>> journeys() {
        return ((ActionChainArbitrary<World>) super.journeys()).withMaxTransformations(100);
    }
}
