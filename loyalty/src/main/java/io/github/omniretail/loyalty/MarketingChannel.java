package io.github.omniretail.loyalty;

/** A way of reaching a member with marketing, each consented to separately. */
public enum MarketingChannel {
    /** Text messages. */
    SMS,
    /** E-mail. */
    EMAIL,
    /** Push notifications of the retailer's app. */
    APP_PUSH,
    /** Messages in a mini-program or a social platform account (WeChat service messages…). */
    MINI_PROGRAM,
    /** Offers triggered by the member's location (LBS): also consent to use the location for it. */
    LOCATION
}
