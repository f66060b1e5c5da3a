package dev.untangle.policy.hf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/** Writes files so that a reader sees the old file or the whole new one: a temporary sibling, then a move. */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code file} atomically. */
    static void write(Path file, byte[] bytes) {
        write(file, tmp -> {
            try {
                Files.write(tmp, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + tmp + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * Lets {@code writer} fill a temporary sibling of {@code file}, then moves it over {@code file}; the temporary
     * file is removed when the writer fails.
     */
    static void write(Path file, Consumer<Path> writer) {
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        try {
            writer.accept(tmp);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the move or the failure already said what matters
            }
        }
    }
}
