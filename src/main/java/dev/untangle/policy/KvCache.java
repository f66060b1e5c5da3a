package dev.untangle.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for the columns a batch has read so far, in preallocated buffers
 * {@code keys[l]}, {@code values[l]} of shape [B, heads, capacity, head width]; columns {@code [0, length)} are
 * filled. Each forward step writes its new columns in place, so a decoding step costs O(new columns), not
 * O(length). One class for every decoder: our transformer stores its H heads, a Hugging Face decoder with
 * grouped-query attention only its key/value heads ({@code policy.hf.HfDecoder#newCache}). Not thread-safe; the
 * buffers live in the manager of the generation call that owns the cache.
 */
public final class KvCache implements AutoCloseable {

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
        this(scope, config.layers(), config.heads(), config.headWidth(), batch, capacity);
    }

    /**
     * Allocates zeroed buffers of any decoder's shape.
     *
     * @param scope     the manager that owns the buffers
     * @param layers    number of layers
     * @param heads     heads stored per layer (the key/value heads under grouped-query attention)
     * @param headWidth width of one head
     * @param batch     rows B
     * @param capacity  the most columns the cache will hold
     */
    public KvCache(NDManager scope, int layers, int heads, int headWidth, int batch, int capacity) {
        if (batch < 1 || capacity < 1) {
            throw new IllegalArgumentException("a cache needs batch >= 1 and capacity >= 1, got " + batch + ", "
                    + capacity);
        }
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
        this.capacity = capacity;
        Shape shape = new Shape(batch, heads, capacity, headWidth);
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
     * Writes layer {@code l}'s keys and values of {@code t} new columns [B, H, t, D/H] at
     * {@code [length, length + t)} and returns views of columns {@code [0, length + t)}: {keys, values}.
     * Call {@link #advance} once all layers are written.
     */
    public NDArray[] write(int l, NDArray k, NDArray v) {
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
    public void advance(int t) {
        length += t;
    }

    /** Sets the number of filled columns (after the buffers were filled directly). */
    void setLength(int filled) {
        this.length = filled;
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
