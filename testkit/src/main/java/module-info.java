/**
 * OmniRetail testkit: test support for users and for implementers of OmniRetail SPIs, starting with a settable
 * {@link java.time.Clock}. Contract tests for storage SPIs join it as those SPIs are published.
 */
module io.github.omniretail.testkit {
    requires transitive io.github.omniretail.core;

    exports io.github.omniretail.testkit;
}
