package io.github.omniretail.checkout;

/** Base of the checkout's own exceptions; engine exceptions (bad input, unknown SKUs …) pass through unchanged. */
public class CheckoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message non-null description naming the order and the offending values
     */
    public CheckoutException(String message) {
        super(message);
    }
}
