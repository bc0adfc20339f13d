package io.github.omniretail.inventory.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * An idempotency record: what a key was used for and what it answered.
 *
 * @param key non-null caller key
 * @param request non-null description of the request, compared on retries
 * @param failed whether the outcome is a failure
 * @param outcome non-null JSON of the result or failure, written by the engine
 * @param recordedAt non-null instant of the call
 */
public record StoredOutcome(String key, String request, boolean failed, String outcome, Instant recordedAt) {

    /** Checks for nulls. */
    public StoredOutcome {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
