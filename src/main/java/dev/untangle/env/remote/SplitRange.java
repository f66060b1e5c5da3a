package dev.untangle.env.remote;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.SplitInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A split of a remote suite: task ids {@code 0 .. size-1} map to the server's game / data index
 * {@code offset + taskId}.
 *
 * @param name   split name, for example {@code train}
 * @param offset server index of task id 0
 * @param size   number of tasks
 */
public record SplitRange(String name, int offset, int size) {

    /** Checks the bounds. */
    public SplitRange {
        if (name == null || name.isBlank()) {
            throw new EnvironmentException("option splits: a split needs a name");
        }
        if (offset < 0 || size <= 0) {
            throw new EnvironmentException("option splits: split " + name + " needs offset >= 0 and size > 0, got "
                    + offset + ":" + size);
        }
    }

    /** The server index of a task id of this split. */
    public int serverIndex(int taskId) {
        return offset + taskId;
    }

    /** This split as the environment API describes it. */
    public SplitInfo info() {
        return new SplitInfo(name, size, "server indices " + offset + ".." + (offset + size - 1));
    }

    /**
     * Parses {@code name:offset:size[,name:offset:size...]}.
     *
     * @throws EnvironmentException naming option {@code splits} and the bad entry
     */
    public static List<SplitRange> parseAll(String text) {
        List<SplitRange> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String[] f = p.split(":");
            if (f.length != 3) {
                throw new EnvironmentException("option splits: entry '" + p + "' is not name:offset:size");
            }
            int offset;
            int size;
            try {
                offset = Integer.parseInt(f[1].trim());
                size = Integer.parseInt(f[2].trim());
            } catch (NumberFormatException e) {
                throw new EnvironmentException("option splits: entry '" + p + "' has a non-integer offset or size");
            }
            SplitRange r = new SplitRange(f[0].trim(), offset, size);
            if (!names.add(r.name())) {
                throw new EnvironmentException("option splits: split " + r.name() + " is listed twice");
            }
            out.add(r);
        }
        if (out.isEmpty()) {
            throw new EnvironmentException("option splits: no split given (expected name:offset:size,...)");
        }
        return List.copyOf(out);
    }
}
