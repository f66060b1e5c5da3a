package dev.untangle.policy;

import java.util.Arrays;

/** A growable int array (token ids being assembled by a prompt format). */
public final class IntList {
    private int[] data = new int[64];
    private int size;

    /** Appends one id. */
    public void add(int v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = v;
    }

    /** Appends ids. */
    public void addAll(int[] vs) {
        for (int v : vs) {
            add(v);
        }
    }

    /** The number of ids. */
    public int size() {
        return size;
    }

    /** A copy of the ids. */
    public int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
