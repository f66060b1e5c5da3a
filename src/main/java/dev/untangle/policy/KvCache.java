package dev.untangle.policy;

import ai.djl.ndarray.NDArray;

/**
 * Keys and values of every layer for the columns a batch has read so far: {@code keys[l]} and
 * {@code values[l]} have shape [B, H, S, D/H]. Not thread-safe; its arrays live in the manager of the
 * generation call (or rollout session) that owns it.
 */
final class KvCache {

    final NDArray[] keys;
    final NDArray[] values;

    KvCache(int layers) {
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** Columns S already cached (0 when empty). */
    long length() {
        return keys[0] == null ? 0 : keys[0].getShape().get(2);
    }

    /** Closes every cached array. */
    void close() {
        for (int l = 0; l < keys.length; l++) {
            if (keys[l] != null) {
                keys[l].close();
                values[l].close();
                keys[l] = null;
                values[l] = null;
            }
        }
    }
}
