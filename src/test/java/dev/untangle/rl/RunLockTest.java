package dev.untangle.rl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
}
