package io.github.omniretail.checkout;

/** The checkout's examples ({@link CheckoutTest}) with every store in PostgreSQL. */
class PostgresCheckoutTest extends CheckoutTest {

    @Override
    Shop newShop() {
        return PostgresShop.create();
    }
}
