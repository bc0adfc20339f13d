package io.github.omniretail.inventory;

/** Which lots a hold line takes first. */
public enum LotOrder {
    /** First expiry, first out: the lot that expires first (lots without expiry last). The default. */
    FEFO,
    /** First in, first out: the lot received first. */
    FIFO
}
