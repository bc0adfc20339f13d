package io.github.omniretail.checkout;

/** {@link CheckoutConcurrencyTest}'s 8 racing threads with every store in PostgreSQL. */
class PostgresCheckoutConcurrencyTest extends CheckoutConcurrencyTest {

    @Override
    Shop newShop() {
        return PostgresShop.create();
    }
}
