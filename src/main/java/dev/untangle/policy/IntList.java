package dev.untangle.policy;

import java.util.Arrays;

/** A growable int array (token ids being assembled). */
final class IntList {
    private int[] data = new int[64];
    private int size;

    void add(int v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = v;
    }

    void addAll(int[] vs) {
        for (int v : vs) {
            add(v);
        }
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
