package io.github.omniretail.inventory;

/** A transfer between two nodes of one SKU; {@code received} and {@code receivedAt} change under the SKU's lock. */
final class TransferState {
    final long id;
    final SkuState sku;
    final int from;
    final int to;
    final int quantity;
    final long dispatchedAt;
    int received;
    long receivedAt = -1;

    TransferState(long id, SkuState sku, int from, int to, int quantity, long dispatchedAt) {
        this.id = id;
        this.sku = sku;
        this.from = from;
        this.to = to;
        this.quantity = quantity;
        this.dispatchedAt = dispatchedAt;
    }
}
