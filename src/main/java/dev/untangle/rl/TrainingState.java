package dev.untangle.rl;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.policy.AtomicWrites;
import dev.untangle.policy.Policy;
import dev.untangle.rl.loss.AdamW;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * What a checkpoint holds so that a resumed run continues exactly as an uninterrupted one: the policy (and
 * the frozen reference when a KL term needs it), the optimiser's moments and step count, the training
 * random source, and the number of completed iterations. Written to a temporary directory and renamed, so a
 * checkpoint is either complete or absent; a write that fails (a full disk) deletes its temporary directory.
 */
public final class TrainingState {

    /** The marker file written last inside a checkpoint. */
    public static final String FILE = "state.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingState() {
    }

    /**
     * Writes a checkpoint atomically.
     *
     * @param dir            the checkpoint directory (replaced if it exists)
     * @param iterationsDone completed RL iterations
     * @param policy         the policy
     * @param reference      the frozen reference, or {@code null}
     * @param optimizer      the RL optimiser, or {@code null} (an SFT checkpoint)
     * @param rng            the training random source, or {@code null}
     */
    public static void save(Path dir, int iterationsDone, Policy policy, Policy reference, AdamW optimizer,
                            Random rng) {
        Path tmp = dir.resolveSibling("." + dir.getFileName() + ".tmp");
        RunDirectory.deleteTree(tmp);
        try {
            Files.createDirectories(tmp);
            policy.save(tmp.resolve("policy"));
            if (reference != null) {
                reference.save(tmp.resolve("reference"));
            }
            if (optimizer != null) {
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(tmp.resolve("optimizer.bin"))))) {
                    optimizer.save(out);
                }
            }
            if (rng != null) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                    out.writeObject(rng);
                }
                Files.write(tmp.resolve("rng.bin"), bytes.toByteArray());
            }
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("iterations_done", iterationsDone);
            state.put("optimizer_steps", optimizer == null ? 0 : optimizer.steps());
            state.put("has_reference", reference != null);
            Files.write(tmp.resolve(FILE), JSON.writeValueAsBytes(state));
            CheckpointManifest.write(tmp);                              // last: the checksum of every file above
            RunDirectory.deleteTree(dir);
            AtomicWrites.move(tmp, dir);
        } catch (IOException e) {
            throw removing(tmp, new UncheckedIOException("cannot write checkpoint " + dir + ": " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw removing(tmp, e);
        }
    }

    /**
     * Deletes a checkpoint's temporary directory after a failed write (a full disk would otherwise stay full of
     * it until the next save of the same checkpoint); a failure to delete travels with {@code e}.
     */
    private static RuntimeException removing(Path tmp, RuntimeException e) {
        try {
            RunDirectory.deleteTree(tmp);
        } catch (RuntimeException again) {
            e.addSuppressed(again);
        }
        return e;
    }

    /** Completed iterations recorded in a checkpoint. */
    public static int iterationsDone(Path dir) {
        try {
            return JSON.readTree(dir.resolve(FILE).toFile()).get("iterations_done").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(FILE), e);
        }
    }

    /** Restores the optimiser's state from a checkpoint. */
    public static void loadOptimizer(Path dir, AdamW optimizer) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(dir.resolve("optimizer.bin"))))) {
            optimizer.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read optimizer state in " + dir, e);
        }
    }

    /** Restores the training random source from a checkpoint. */
    public static Random loadRng(Path dir) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(
                Files.readAllBytes(dir.resolve("rng.bin"))))) {
            in.setObjectInputFilter(java.io.ObjectInputFilter.Config.createFilter("java.util.Random;!*"));
            return (Random) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new UncheckedIOException("cannot read random state in " + dir,
                    e instanceof IOException io ? io : new IOException(e));
        }
    }
}
