package dev.untangle.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Evaluation transcripts as JSON lines, one episode a line: {@code split, task_id, task_type, goal, won, steps,
 * repeated_actions} and {@code turns: [{observation, action, valid}]}. Environment text is untrusted: each
 * observation is cut to {@link #MAX_TEXT} characters. Written through a temporary file and an atomic move.
 */
public final class Transcripts {

    /** Longest observation kept, in characters. */
    public static final int MAX_TEXT = 2000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Transcripts() {
    }

    /** One episode as a JSON object. */
    static ObjectNode toJson(PlayedEpisode e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("split", e.task().split());
        n.put("task_id", e.task().taskId());
        n.put("task_type", e.task().taskType());
        n.put("goal", bounded(e.task().goal()));
        n.put("won", e.won());
        n.put("steps", e.steps().size());
        n.put("repeated_actions", repeatedActions(e));
        if (e.environmentError() != null) {
            n.put("environment_error", bounded(e.environmentError()));
        }
        ArrayNode turns = n.putArray("turns");
        for (PlayedStep s : e.steps()) {
            ObjectNode t = turns.addObject();
            t.put("observation", bounded(s.observation()));
            t.put("action", bounded(s.generation().action()));
            t.put("valid", s.valid());
        }
        return n;
    }

    /** Steps whose action repeats an earlier action of the same episode (a loop indicator). */
    public static int repeatedActions(PlayedEpisode e) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        int n = 0;
        for (PlayedStep s : e.steps()) {
            if (!seen.add(s.generation().action())) {
                n++;
            }
        }
        return n;
    }

    /**
     * Writes the episodes to {@code file} (parent directories created).
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static void write(Path file, List<PlayedEpisode> episodes) {
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
            try {
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    for (PlayedEpisode e : episodes) {
                        w.write(JSON.writeValueAsString(toJson(e)));
                        w.write('\n');
                    }
                }
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);                   // a full disk leaves no half-written file behind
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write transcripts to " + file + ": " + e.getMessage(), e);
        }
    }

    private static String bounded(String s) {
        return s == null ? "" : s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
    }
}
