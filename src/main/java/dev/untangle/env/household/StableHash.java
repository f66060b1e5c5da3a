package dev.untangle.env.household;

import java.nio.charset.StandardCharsets;

/**
 * Machine-independent 64-bit hashing for seeds: FNV-1a over UTF-8 bytes, finished with the SplitMix64 mixer.
 * Never depends on {@code Object.hashCode} or collection iteration order.
 */
final class StableHash {

    private StableHash() {
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Hash of a string. */
    static long of(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** Hash of a string and numbers, order-sensitive. */
    static long of(String s, long... values) {
        long h = of(s);
        for (long v : values) {
            h = mix(h ^ mix(v + 0x9e3779b97f4a7c15L));
        }
        return h;
    }
}
