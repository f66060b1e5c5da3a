package dev.untangle.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for the columns a batch has read so far, in preallocated buffers
 * {@code keys[l]}, {@code values[l]} of shape [B, H, capacity, D/H]; columns {@code [0, length)} are filled.
 * Each forward step writes its new columns in place, so a decoding step costs O(new columns), not O(length).
 * Not thread-safe; the buffers live in the manager of the generation call that owns the cache.
 */
final class KvCache {

    final NDArray[] keys;
    final NDArray[] values;
    private final int capacity;
    private int length;

    /**
     * Allocates zeroed buffers.
     *
     * @param scope    the manager that owns the buffers
     * @param config   the model (layers, heads, head width)
     * @param batch    rows B
     * @param capacity the most columns the cache will hold
     */
    KvCache(NDManager scope, TransformerConfig config, int batch, int capacity) {
        this.keys = new NDArray[config.layers()];
        this.values = new NDArray[config.layers()];
        this.capacity = capacity;
        Shape shape = new Shape(batch, config.heads(), capacity, config.headWidth());
        for (int l = 0; l < keys.length; l++) {
            keys[l] = scope.zeros(shape);
            values[l] = scope.zeros(shape);
        }
    }

    /** Columns filled so far. */
    int length() {
        return length;
    }

    /**
     * Writes layer {@code l}'s keys and values of {@code t} new columns [B, H, t, D/H] at
     * {@code [length, length + t)} and returns views of columns {@code [0, length + t)}: {keys, values}.
     * Call {@link #advance} once all layers are written.
     */
    NDArray[] write(int l, NDArray k, NDArray v) {
        long t = k.getShape().get(2);
        if (length + t > capacity) {
            throw new IllegalStateException("key/value cache of " + capacity + " columns is full");
        }
        NDIndex cols = new NDIndex(":, :, {}:{}", length, length + t);
        keys[l].set(cols, k);
        values[l].set(cols, v);
        NDIndex upTo = new NDIndex(":, :, :{}", length + t);
        return new NDArray[] {keys[l].get(upTo), values[l].get(upTo)};
    }

    /** Marks {@code t} more columns as filled. */
    void advance(int t) {
        length += t;
    }

    /** Sets the number of filled columns (after the buffers were filled directly). */
    void setLength(int filled) {
        this.length = filled;
    }

    /** Closes the buffers. */
    void close() {
        for (int l = 0; l < keys.length; l++) {
            keys[l].close();
            values[l].close();
        }
    }
}
