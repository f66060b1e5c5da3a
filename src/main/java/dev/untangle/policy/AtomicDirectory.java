package dev.untangle.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a directory atomically: the files go into a temporary sibling that is then renamed onto the target (an
 * existing target is first renamed aside and deleted afterwards), so a reader never sees a half-written checkpoint
 * and a crash leaves the previous one intact.
 */
public final class AtomicDirectory {

    /** Fills a fresh directory. */
    @FunctionalInterface
    public interface Writer {
        /** Writes every file into {@code dir}. */
        void write(Path dir) throws IOException;
    }

    private AtomicDirectory() {
    }

    /**
     * Replaces {@code dir} with what {@code writer} writes.
     *
     * @param what a name of the content for error messages, for example {@code policy}
     * @throws UncheckedIOException naming the directory when writing fails (the old content then stays)
     */
    public static void write(Path dir, String what, Writer writer) {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
            writer.write(tmp);
            if (Files.exists(target)) {
                Path old = parent.resolve("." + target.getFileName() + ".old-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + what + " to " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    /** Deletes a directory tree. */
    public static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }
}
