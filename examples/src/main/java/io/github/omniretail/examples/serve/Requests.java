package io.github.omniretail.examples.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the service reads from an exchange before any engine sees it: the method, the idempotency key, and the body
 * — at most {@link RetailService#MAX_BODY_BYTES}, decoded strictly as UTF-8. Failures are {@link HttpError}s.
 */
final class Requests {

    private static final int MAX_BODY_BYTES = RetailApi.MAX_BODY_BYTES;
    private static final String IDEMPOTENCY_KEY = RetailApi.IDEMPOTENCY_KEY;

    private Requests() {
    }

    static void requireMethod(RetailApi.Request exchange, String method) {
        if (!exchange.method().equals(method)) {
            throw new HttpError(405, "method_not_allowed", exchange.path() + " takes " + method
                    + ", not " + exchange.method(), Map.of("allow", method));
        }
    }

    static Optional<String> key(RetailApi.Request exchange) {
        List<String> keys = exchange.header(IDEMPOTENCY_KEY);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        String key = keys.get(0);
        if (keys.size() > 1 || key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21
                && c <= 0x7e)) {
            throw HttpError.badField(IDEMPOTENCY_KEY, "must be one value of 1 to 200 visible ASCII characters");
        }
        return Optional.of(key);
    }

    static String requiredKey(RetailApi.Request exchange) {
        return key(exchange).orElseThrow(() -> HttpError.badField(IDEMPOTENCY_KEY,
                "the header is required: retries with the same key are applied once"));
    }

    static void drain(RetailApi.Request exchange) throws IOException {
        read(exchange);
    }

    static byte[] read(RetailApi.Request exchange) throws IOException {
        List<String> lengths = exchange.header("Content-Length");
        String length = lengths.isEmpty() ? null : lengths.get(0);
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw HttpError.badField("Content-Length", "not a number: " + Fields.printable(length));
            }
        }
        try (InputStream in = exchange.body()) {
            if (declared > MAX_BODY_BYTES) {
                discard(in);
                throw tooLarge(declared);
            }
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                discard(in);
                throw tooLarge(bytes.length);
            }
            return bytes;
        }
    }

    /**
     * Reads and drops what is left of an oversized body (up to 16 MiB) so the client, still sending, receives the
     * 413 instead of a reset connection; beyond that the connection is simply closed.
     */
    static void discard(InputStream in) throws IOException {
        long left = 16L << 20;
        byte[] buffer = new byte[64 * 1024];
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= n;
        }
    }

    static HttpError tooLarge(long bytes) {
        return new HttpError(413, "payload_too_large", "bodies are limited to " + MAX_BODY_BYTES + " bytes, got "
                + (bytes > MAX_BODY_BYTES ? "more than that" : bytes + ""), Map.of("limit", MAX_BODY_BYTES));
    }

    /**
     * The body as text, decoded strictly: bytes that are not UTF-8 (a bad sequence, an encoded surrogate) are a 400
     * naming the byte offset, never silently replaced by U+FFFD.
     */
    static String body(RetailApi.Request exchange) throws IOException {
        return decode(read(exchange));
    }

    static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (MalformedInputException e) {
            throw new HttpError(400, "bad_encoding", "the body is not valid UTF-8: " + e.getInputLength()
                    + " malformed byte(s) at offset " + in.position(), Map.of("field", "$", "offset", in.position()));
        } catch (CharacterCodingException e) {
            throw new HttpError(400, "bad_encoding", "the body is not valid UTF-8 (offset " + in.position() + ")",
                    Map.of("field", "$", "offset", in.position()));
        }
    }
}
