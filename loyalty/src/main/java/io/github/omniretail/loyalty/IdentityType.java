package io.github.omniretail.loyalty;

/** Kinds of channel identity a member can be recognised by. */
public enum IdentityType {
    /** The retailer's app user id. */
    APP_USER,
    /** A mini-program open id (WeChat, Alipay). */
    MINI_PROGRAM,
    /** A mobile phone number. */
    PHONE,
    /** An e-mail address. */
    EMAIL,
    /** A loyalty card number scanned at the till. */
    POS_CARD,
    /** An account on a marketplace. */
    MARKETPLACE,
    /** Anything else. */
    OTHER
}
