package dev.untangle.policy.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer of an {@link HfDecoder} for the columns a batch has read so far, in preallocated
 * buffers [B, kvHeads, capacity, d_h] (grouped-query attention stores only the key/value heads); columns
 * {@code [0, length)} are filled. Each forward pass writes its new columns in place, so a decoding step costs
 * O(new columns). Not thread-safe; the buffers live in the manager of the generation call that owns the cache.
 */
public final class HfKvCache implements AutoCloseable {

    private final NDArray[] keys;
    private final NDArray[] values;
    private final int capacity;
    private int length;

    /**
     * Allocates zeroed buffers.
     *
     * @param scope    the manager that owns the buffers
     * @param config   the model (layers, key/value heads, head width)
     * @param batch    rows B
     * @param capacity the most columns the cache will hold
     */
    public HfKvCache(NDManager scope, HfConfig config, int batch, int capacity) {
        if (batch < 1 || capacity < 1) {
            throw new IllegalArgumentException("a cache needs batch >= 1 and capacity >= 1, got " + batch + ", "
                    + capacity);
        }
        this.keys = new NDArray[config.layers()];
        this.values = new NDArray[config.layers()];
        this.capacity = capacity;
        Shape shape = new Shape(batch, config.kvHeads(), capacity, config.headDim());
        for (int l = 0; l < keys.length; l++) {
            keys[l] = scope.zeros(shape);
            values[l] = scope.zeros(shape);
        }
    }

    /** Columns filled so far. */
    public int length() {
        return length;
    }

    /** The most columns the cache holds. */
    public int capacity() {
        return capacity;
    }

    /**
     * Writes layer {@code l}'s keys and values of {@code t} new columns [B, kvHeads, t, d_h] at
     * {@code [length, length + t)} and returns views of columns {@code [0, length + t)}: {keys, values}.
     * {@link #advance} follows once all layers are written.
     */
    NDArray[] write(int l, NDArray k, NDArray v) {
        long t = k.getShape().get(2);
        if (length + t > capacity) {
            throw new IllegalStateException("key/value cache of " + capacity + " columns is full (" + length
                    + " filled, " + t + " more)");
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

    /** Closes the buffers. */
    @Override
    public void close() {
        for (int l = 0; l < keys.length; l++) {
            keys[l].close();
            values[l].close();
        }
    }
}
