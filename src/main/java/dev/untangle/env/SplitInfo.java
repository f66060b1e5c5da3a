package dev.untangle.env;

/**
 * A named split of an environment suite and the number of tasks it holds.
 *
 * @param name        split name as used on the command line ({@code train}, {@code L0}, ...)
 * @param size        number of task ids in the split; ids run {@code 0 .. size-1}
 * @param description one line saying what the split holds (or holds out)
 */
public record SplitInfo(String name, int size, String description) {
    /** Checks the size. */
    public SplitInfo {
        if (size <= 0) {
            throw new IllegalArgumentException("split " + name + " must hold at least one task, got " + size);
        }
    }
}
