package dev.untangle.rl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.config.ConfigTree;
import dev.untangle.config.TrainConfig;
import dev.untangle.policy.Policy;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every checkpoint carries the checksums of its files; any damage is refused with the file named. */
class CheckpointManifestTest {

    private static Path checkpoint(Path dir) {
        TrainConfig cfg = TrainConfig.read(ConfigTree.empty().withOverrides(List.of("env.name=tiny")));
        try (Policy p = new TinyFactory().create(cfg, new TinyWorld())) {
            TrainingState.save(dir, 3, p, null, null, new Random(1));
        }
        return dir;
    }

    private static String damage(Path cp) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> CheckpointManifest.verify(cp));
        return e.getCause().getMessage();
    }

    @Test
    void anIntactCheckpointPassesAndEveryKindOfDamageIsNamed(@TempDir Path tmp) throws Exception {
        Path cp = checkpoint(tmp.resolve("iter-000003"));
        assertTrue(Files.isRegularFile(cp.resolve(CheckpointManifest.FILE)));
        CheckpointManifest.verify(cp);

        Path weights = cp.resolve("policy/tiny.bin");
        byte[] original = Files.readAllBytes(weights);

        Files.write(weights, java.util.Arrays.copyOf(original, original.length / 2));              // truncated
        String m = damage(cp);
        assertTrue(m.contains("policy/tiny.bin differs from its checksum") && m.contains(cp.toString()), m);

        Files.write(weights, original);
        Files.write(weights, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);                       // junk appended
        assertTrue(damage(cp).contains("policy/tiny.bin differs"));

        byte[] flipped = original.clone();
        flipped[flipped.length - 1] ^= 1;                                                            // small noise
        Files.write(weights, flipped);
        assertTrue(damage(cp).contains("policy/tiny.bin differs"));

        Files.write(weights, original);
        CheckpointManifest.verify(cp);
        Files.writeString(cp.resolve("policy/extra.bin"), "x");                                       // unlisted
        assertTrue(damage(cp).contains("policy/extra.bin is not part of the checkpoint"));
        Files.delete(cp.resolve("policy/extra.bin"));
        Files.delete(cp.resolve("rng.bin"));                                                         // missing
        assertTrue(damage(cp).contains("rng.bin is missing"));
    }

    /**
     * A missing manifest is a damaged checkpoint (a weight damaged as well loaded as nonsense before); the refusal
     * names the file and the property that accepts an old checkpoint on purpose, and that property does.
     */
    @Test
    void aCheckpointWithoutAManifestIsDamagedUnlessAcceptedOnPurpose(@TempDir Path tmp) throws Exception {
        Path cp = checkpoint(tmp.resolve("old"));
        Files.delete(cp.resolve(CheckpointManifest.FILE));
        String m = damage(cp);
        assertTrue(m.startsWith("damaged checkpoint " + cp + ": manifest.sha256 is missing"), m);
        assertTrue(m.contains("-D" + CheckpointManifest.ACCEPT_UNVERIFIED + "=true"), m);
        String before = System.getProperty(CheckpointManifest.ACCEPT_UNVERIFIED);
        System.setProperty(CheckpointManifest.ACCEPT_UNVERIFIED, "true");
        try {
            CheckpointManifest.verify(cp);
        } finally {
            if (before == null) {
                System.clearProperty(CheckpointManifest.ACCEPT_UNVERIFIED);
            } else {
                System.setProperty(CheckpointManifest.ACCEPT_UNVERIFIED, before);
            }
        }
        assertTrue(damage(cp).contains("manifest.sha256 is missing"), "accepted only while the property is set");
    }
}
