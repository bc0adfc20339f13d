package io.github.omniretail.core;

/** The kind of a sales channel; engines use it for rules such as "keep stock for walk-in (store POS) sales". */
public enum ChannelKind {
    /** A web shop. */
    ONLINE_STORE,
    /** The retailer's own mobile app. */
    APP,
    /** A mini-program inside a super-app (WeChat, Alipay). */
    MINI_PROGRAM,
    /** Selling through social networks and group buying. */
    SOCIAL_COMMERCE,
    /** Live-stream selling: short, intense demand bursts. */
    LIVE_STREAM,
    /** A third-party marketplace (Tmall, JD, Meituan…). */
    MARKETPLACE,
    /** The till in a physical store: walk-in customers. */
    STORE_POS,
    /** Orders taken by phone. */
    CALL_CENTER
}
