package dev.untangle.rl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive lock on a run (or experiment) directory for as long as one process writes into it, so that two
 * runs never interleave their metrics, checkpoints or {@code run.json}. The lock is an operating-system file lock
 * on {@code DIR/.untangle.lock} ({@link FileChannel#tryLock}): it is released when the holder closes it or dies,
 * so a killed run never leaves a stale lock. The file holds the holder's pid, start time and command, which the
 * refusal names.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file's name inside the locked directory. */
    public static final String FILE = ".untangle.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (created when missing) for this process.
     *
     * @param dir     the directory
     * @param command what this process is doing, recorded for a second writer's error message
     * @throws InUseException naming the directory and the holder when another writer holds it
     */
    public static RunLock acquire(Path dir, String command) {
        Path file = dir.resolve(FILE);
        FileChannel ch = null;
        try {
            Files.createDirectories(dir);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;                                               // held by this very process
            }
            if (l == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                ch.close();
                throw new InUseException(dir + " is in use by another untangle process ("
                        + (holder.isEmpty() ? "unknown holder" : holder) + "); wait for it to finish or use "
                        + "another directory");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + ": "
                    + command).getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
            return new RunLock(ch, l);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
            }
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** Another process (or another run of this one) writes into the directory. */
    public static final class InUseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception with a message naming the directory and its holder. */
        public InUseException(String message) {
            super(message);
        }
    }

    /** Releases the lock (the file stays; an unlocked file means nobody is writing). */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + FILE + ": " + e.getMessage(), e);
        }
    }
}
