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
 *
 * <p>Operating-system locks belong to the whole process, and on Linux closing <em>any</em> descriptor of the file
 * releases every lock the process holds on it. So a second acquisition of a directory this process already holds
 * must not open the file at all: it is answered from an in-process table of held locks (with the holder's
 * description), and the file is opened only by the one acquisition that then holds it. For the same reason nothing
 * in the holder's process may read the lock file; {@link #refuseIfHeld} is the way to ask.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file's name inside the locked directory. */
    public static final String FILE = ".untangle.lock";

    /** Lock files this process holds, with the holder's description (guarded by itself). */
    private static final java.util.Map<Path, String> HELD = new java.util.HashMap<>();

    private final FileChannel channel;
    private final FileLock lock;
    private final Path key;
    private final String holder;

    private RunLock(FileChannel channel, FileLock lock, Path key, String holder) {
        this.channel = channel;
        this.lock = lock;
        this.key = key;
        this.holder = holder;
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
        Path key;
        try {
            Files.createDirectories(dir);
            key = dir.toRealPath().resolve(FILE);                 // one key per directory, whatever the spelling
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
        synchronized (HELD) {
            String mine = HELD.get(key);
            if (mine != null) {                      // held by this very process: never open the file again
                throw inUse(dir, mine);
            }
            RunLock lock = open(dir, file, key, command);
            HELD.put(key, lock.holder);
            return lock;
        }
    }

    /**
     * Refuses {@code dir} when another writer holds its lock, without writing anything (no directory or lock file
     * is created, an existing lock file is not rewritten), so a command can check every directory it will write
     * before it writes any.
     *
     * @throws InUseException naming the directory and the holder
     */
    public static void refuseIfHeld(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return;                                       // never locked: nobody holds it
        }
        try {
            Path key = dir.toRealPath().resolve(FILE);
            synchronized (HELD) {
                String mine = HELD.get(key);
                if (mine != null) {
                    throw inUse(dir, mine);
                }
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    FileLock l = ch.tryLock();
                    if (l != null) {
                        l.release();
                        return;
                    }
                    ByteBuffer buf = ByteBuffer.allocate(4096);
                    ch.read(buf, 0);
                    throw inUse(dir, new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static InUseException inUse(Path dir, String holder) {
        return new InUseException(dir + " is in use by another untangle process ("
                + (holder.isEmpty() ? "unknown holder" : holder) + "); wait for it to finish or use another "
                + "directory");
    }

    private static RunLock open(Path dir, Path file, Path key, String command) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                // this process holds the file under another name (a hard link): closing ch would release that
                // lock, so the channel stays open
                throw inUse(dir, "this process");
            }
            if (l == null) {                                // another process holds it: read its description
                ByteBuffer buf = ByteBuffer.allocate(4096);
                ch.read(buf, 0);
                String holder = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
                ch.close();
                throw inUse(dir, holder);
            }
            String holder = "pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + ": " + command;
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
            return new RunLock(ch, l, key, holder);
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
        synchronized (HELD) {
            HELD.remove(key);
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + FILE + ": " + e.getMessage(), e);
        }
    }
}
