package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code untangle experiment --master} fails at once with one line naming the problem and writes nothing:
 * a URL that is no Spark master, a standalone master nobody answers at (loopback only), a master in a preset, and an
 * {@code --out} on a file system the runner cannot read. The working paths run as Spark jobs in
 * {@code experiment.spark.SparkExperimentTest}.
 */
class ExperimentMasterCliTest {

    private static String[] experiment(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("experiment", "--preset", "quick", "--out",
                out.toString(), "--no-progress"));
        args.addAll(List.of(more));
        return CliHarness.main(args.toArray(String[]::new));
    }

    @Test
    void aMalformedMasterUrlIsNamed(@TempDir Path dir) {
        Path out = dir.resolve("exp");
        String[] r = experiment(out, "--master", "sprak://127.0.0.1:7077");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("'sprak://127.0.0.1:7077' is not a Spark master URL"), r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        assertFalse(Files.exists(out), "nothing is written");
    }

    @Test
    void anUnreachableMasterIsNamedWithinSeconds(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();                                   // closed again: nobody listens there
        }
        Path out = dir.resolve("exp");
        long t0 = System.nanoTime();
        String[] r = experiment(out, "--master", "spark://127.0.0.1:" + port);
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("spark://127.0.0.1:" + port + ": no Spark master answers at 127.0.0.1:" + port),
                r[2]);
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "bounded time");
        assertFalse(Files.exists(out), "nothing is written");
    }

    @Test
    void aPresetsMasterIsCheckedToo(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("p.yaml");
        Files.writeString(preset, "experiment:\n  seeds: 1\n  master: nowhere\n");
        Path out = dir.resolve("exp");
        String[] r = CliHarness.main("experiment", "--preset", preset.toString(), "--out", out.toString());
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("experiment.master") && r[2].contains("'nowhere' is not a Spark master URL"), r[2]);
        assertFalse(Files.exists(out));
    }

    @Test
    void outMustBeAPathOrAFileUri(@TempDir Path dir) {
        String[] r = CliHarness.main("experiment", "--preset", "quick", "--out", "hdfs://namenode/x");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("--out hdfs://namenode/x") && r[2].contains("hdfs:// is not supported"), r[2]);
        assertEquals(dir.resolve("x"), ExperimentCommand.outDirectory(dir.resolve("x").toUri().toString()));
        assertEquals(Path.of("runs/x"), ExperimentCommand.outDirectory("runs/x"));
    }
}
