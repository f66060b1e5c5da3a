package dev.untangle.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.rl.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that fail half-way (as on a full disk, issue 12 item 20) leave the earlier file intact and no temporary
 * file behind, and a run whose failure cannot even be recorded says why instead of hiding the first error.
 */
class FailedWritesTest {

    @Test
    void aFailedReplaceKeepsTheOldFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("eval.json");
        Files.writeString(target, "old");
        RunDirectory.replace(target, "new".getBytes());
        assertEquals("new", Files.readString(target));

        Path blocked = dir.resolve("results.json");
        Files.createDirectories(blocked.resolve("inside"));              // the rename onto it fails after the write
        assertThrows(IOException.class, () -> ReportJob.writeAtomically(blocked, "{}"));
        assertTrue(Files.isDirectory(blocked.resolve("inside")), "the target is untouched");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(),
                    "no temporary file is left");
        }
    }

    @Test
    void aFailureThatCannotBeRecordedKeepsItsCauseAndTheWriteError(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("seed-0").resolve("grpo");
        RunBook book = RunBook.open(run, "grpo", 0, "untangle experiment", Map.of(), "untangle test", true);
        book.running();
        Path runJson = run.resolve("run.json");
        String before = Files.readString(runJson);
        Files.delete(runJson);
        Files.createDirectories(runJson.resolve("blocked"));              // run.json can no longer be replaced
        IllegalStateException cause = new IllegalStateException("No space left on device");
        book.failed(cause);                                               // does not throw
        assertEquals(1, cause.getSuppressed().length, "the write failure travels with the cause");
        assertTrue(cause.getSuppressed()[0].getMessage().contains("run.json"), cause.getSuppressed()[0].getMessage());
        assertTrue(before.contains("\"running\""));
    }
}
