package dev.untangle.experiment.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.rl.RunLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publication of a run directory through Hadoop's FileSystem API on {@code file://}: the published run holds exactly
 * the run's files (no lock file, no checksum side files), a second attempt of a published run discards its copy, an
 * unfinished run directory is staged and then replaced by the finished one, and no temporary name is left behind.
 */
class RunPublisherTest {

    private static Path run(Path root, String status, String marker) throws Exception {
        Path r = Files.createDirectories(root.resolve("seed-0/grpo"));
        Files.writeString(r.resolve("run.json"), "{\"status\": \"" + status + "\"}");
        Files.createDirectories(r.resolve("checkpoints/iter-1"));
        Files.writeString(r.resolve("checkpoints/iter-1/weights.bin"), marker);
        Files.writeString(r.resolve(RunLock.FILE), "pid 1");
        return r;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRunIsPublishedOnceWithExactlyItsFiles(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        RunPublisher pub = RunPublisher.open(out.toUri());
        assertFalse(pub.isFinished("seed-0/grpo"));
        Path first = run(tmp.resolve("scratch-1"), "finished", "first");
        assertEquals(RunPublisher.Outcome.PUBLISHED, pub.publish(first, "seed-0/grpo", "a1"));
        assertTrue(pub.isFinished("seed-0/grpo"));
        Path second = run(tmp.resolve("scratch-2"), "finished", "second");
        assertEquals(RunPublisher.Outcome.ALREADY_PUBLISHED, pub.publish(second, "seed-0/grpo", "a2"));
        Path published = out.resolve("seed-0/grpo");
        assertEquals("first", Files.readString(published.resolve("checkpoints/iter-1/weights.bin")));
        assertEquals(List.of("checkpoints", "run.json"), names(published), "no lock or .crc files");
        assertEquals(List.of("weights.bin"), names(published.resolve("checkpoints/iter-1")));
        assertEquals(List.of("grpo"), names(out.resolve("seed-0")), "no temporary copy left");
    }

    @Test
    void anUnfinishedRunIsStagedAndThenReplaced(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        run(out, "running", "partial");
        RunPublisher pub = RunPublisher.open(out.toUri());
        Path scratch = tmp.resolve("scratch");
        assertTrue(pub.stage("seed-0/grpo", scratch));
        assertFalse(pub.stage("seed-0/sft", scratch), "nothing to stage");
        Path staged = scratch.resolve("seed-0/grpo");
        assertEquals("partial", Files.readString(staged.resolve("checkpoints/iter-1/weights.bin")));
        assertFalse(Files.exists(staged.resolve(RunLock.FILE)), "the lock file is not staged");
        Files.writeString(staged.resolve("run.json"), "{\"status\": \"finished\"}");
        assertEquals(RunPublisher.Outcome.PUBLISHED, pub.publish(staged, "seed-0/grpo", "a1"));
        assertTrue(pub.isFinished("seed-0/grpo"));
        assertEquals(List.of("grpo"), names(out.resolve("seed-0")), "the replaced directory is gone");
    }
}
