package io.github.omniretail.pricing;

/**
 * A 128-bit fingerprint built from a quote's inputs and results (two independent 64-bit streams with SplitMix64
 * finalisers), rendered as 32 hex digits. It detects any change of price, step, rule, version or context between a
 * quote and a re-quote; it is not a signature (checkout should still hold the quote server-side).
 */
final class QuoteHash {

    private long a = 0x243F6A8885A308D3L;
    private long b = 0x13198A2E03707344L;

    QuoteHash add(long value) {
        a = mix(a ^ value) * 0x9E3779B97F4A7C15L;
        b = mix(b + value * 0xC2B2AE3D27D4EB4FL) ^ (b >>> 29);
        return this;
    }

    QuoteHash add(Object value) {
        return add(value == null ? 0 : value.hashCode()).add(value == null ? 0 : value.toString().length());
    }

    QuoteHash add(String value) {
        return value == null ? add(0L) : add(((long) value.hashCode() << 32) | value.length());
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static final java.util.HexFormat HEX = java.util.HexFormat.of();

    String hex() {
        return HEX.toHexDigits(mix(a)) + HEX.toHexDigits(mix(b ^ a));
    }
}
