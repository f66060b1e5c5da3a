package dev.untangle.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per run directory; the second is refused with the holder named, and the lock is released. */
class RunLockTest {

    @Test
    void aSecondWriterIsRefusedNamingTheHolderUntilTheFirstReleases(@TempDir Path tmp) {
        Path dir = tmp.resolve("run");
        try (RunLock first = RunLock.acquire(dir, "untangle train --out run")) {
            RunLock.InUseException e = assertThrows(RunLock.InUseException.class,
                    () -> RunLock.acquire(dir, "untangle experiment --out run"));
            assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("untangle train --out run")
                    && e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        try (RunLock again = RunLock.acquire(dir, "untangle train --resume --out run")) {
            assertTrue(dir.resolve(RunLock.FILE).toFile().isFile());
        }
    }

    /**
     * Operating-system locks belong to the process, and on Linux closing any descriptor of the lock file drops them:
     * a refused second acquisition inside the holder's process must not release the holder's lock, so another
     * process is still refused afterwards (it was let in before, and trained beside the holder).
     */
    @Test
    void aRefusedAcquisitionInTheHoldersProcessKeepsTheLock(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        try (RunLock first = RunLock.acquire(dir, "untangle experiment --out run")) {
            assertThrows(RunLock.InUseException.class, () -> RunLock.acquire(dir, "untangle train --out run"));
            assertThrows(RunLock.InUseException.class, () -> RunLock.acquire(tmp.resolve("./run/../run"), "again"));
            assertEquals("refused", probe(dir), "another process must still be refused");
        }
        assertEquals("acquired", probe(dir), "released on close");
    }

    /** The check before writing: refuses a held directory naming the holder, and writes nothing either way. */
    @Test
    void refuseIfHeldWritesNothing(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        RunLock.refuseIfHeld(dir);
        assertTrue(!java.nio.file.Files.exists(dir), "a directory never locked is not created");
        try (RunLock held = RunLock.acquire(dir, "untangle experiment --out exp (run seed-0/sft)")) {
            // the file is only looked at (stat), never opened: closing any descriptor of it would drop the lock
            Path file = dir.resolve(RunLock.FILE);
            Object stamp = java.nio.file.Files.getLastModifiedTime(file) + " " + java.nio.file.Files.size(file);
            RunLock.InUseException e = assertThrows(RunLock.InUseException.class, () -> RunLock.refuseIfHeld(dir));
            assertTrue(e.getMessage().contains("(run seed-0/sft)"), e.getMessage());
            assertEquals(stamp, java.nio.file.Files.getLastModifiedTime(file) + " " + java.nio.file.Files.size(file));
            assertEquals("refused", probe(dir), "the check released nothing");
        }
        String after = java.nio.file.Files.readString(dir.resolve(RunLock.FILE));
        RunLock.refuseIfHeld(dir);
        assertEquals(after, java.nio.file.Files.readString(dir.resolve(RunLock.FILE)), "a free lock is not rewritten");
    }

    /** Runs {@link Probe} in a new JVM: whether it could lock {@code dir}. */
    private static String probe(Path dir) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Probe.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    /** A second process trying to lock a directory; prints {@code acquired} or {@code refused}. */
    static final class Probe {
        private Probe() {
        }

        public static void main(String[] args) {
            try (RunLock l = RunLock.acquire(Path.of(args[0]), "probe")) {
                System.out.println("acquired");
            } catch (RunLock.InUseException e) {
                System.out.println("refused");
            }
        }
    }
}
