package dev.untangle.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Atomic writes, the project's one implementation: a file or a whole directory is written into a temporary sibling
 * that is then renamed onto the target, so a reader sees the old content or the whole new one, and a crash or a
 * full disk leaves the previous content intact (the temporary sibling is removed).
 */
public final class AtomicWrites {

    /** Fills a fresh file or directory. */
    @FunctionalInterface
    public interface Writer {
        /** Writes the content into {@code path} (a file, or an empty directory). */
        void write(Path path) throws IOException;
    }

    private AtomicWrites() {
    }

    /**
     * Writes {@code bytes} to {@code target}; see {@link #file(Path, Writer)}.
     *
     * @throws IOException naming what failed
     */
    public static void file(Path target, byte[] bytes) throws IOException {
        file(target, tmp -> Files.write(tmp, bytes));
    }

    /**
     * Lets {@code writer} fill the temporary sibling {@code .NAME.tmp} of {@code target} (its directory is created),
     * then renames it onto {@code target}. When anything fails, the temporary file is deleted and {@code target}
     * keeps its earlier content.
     *
     * @throws IOException naming what failed
     */
    public static void file(Path target, Writer writer) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + target.getFileName() + ".tmp");
        try {
            writer.write(tmp);
            move(tmp, target);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /** Renames {@code from} onto {@code to}, atomically where the file system can. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Replaces the directory {@code dir} with what {@code writer} writes (an existing {@code dir} is first renamed
     * aside and deleted afterwards).
     *
     * @param what a name of the content for error messages, for example {@code policy}
     * @throws UncheckedIOException naming the directory when writing fails (the old content then stays)
     */
    public static void directory(Path dir, String what, Writer writer) {
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

    /** Deletes a directory tree (nothing when it does not exist). */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }
}
