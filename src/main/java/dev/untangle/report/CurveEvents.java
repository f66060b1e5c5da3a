package dev.untangle.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes an experiment's learning curves (mean success over seeds) as TensorBoard scalars, one event file per
 * method under {@code OUT/tensorboard-curves/<method-dir>/} (docs/OUTPUTS.md). Tags:
 * {@code curve/<split>/success_by_iteration} with step = iterations done, and
 * {@code curve/<split>/success_by_wall_seconds} with step = wall seconds from the start of SFT, rounded. The
 * curves aggregate runs, so the report job writes them rather than the training loop; each rebuild replaces a
 * method's folder (written beside it, then moved into place) and removes folders of methods no longer present.
 */
public final class CurveEvents {

    private CurveEvents() {
    }

    /** The tag of a split's success against iterations done. */
    public static String iterationTag(String split) {
        return "curve/" + split + "/success_by_iteration";
    }

    /** The tag of a split's success against wall seconds. */
    public static String wallTag(String split) {
        return "curve/" + split + "/success_by_wall_seconds";
    }

    /**
     * Writes the curves under {@code experimentDir/tensorboard-curves}.
     *
     * @return the method folders written
     * @throws IOException when a folder cannot be written or replaced
     */
    public static List<Path> write(Path experimentDir, List<Results.LearningCurve> curves) throws IOException {
        Path root = experimentDir.resolve(ExperimentLayout.TENSORBOARD_CURVES);
        Map<String, List<Results.LearningCurve>> byMethod = new LinkedHashMap<>();
        for (Results.LearningCurve c : curves) {
            byMethod.computeIfAbsent(c.method(), k -> new ArrayList<>()).add(c);
        }
        Set<String> written = new LinkedHashSet<>();
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, List<Results.LearningCurve>> e : byMethod.entrySet()) {
            String name = ExperimentLayout.dirName(e.getKey());
            Path dir = root.resolve(name);
            Path tmp = root.resolve("." + name + ".tmp");
            deleteTree(tmp);
            TreeMap<Long, Map<String, Double>> byIteration = new TreeMap<>();
            TreeMap<Long, Map<String, Double>> byWall = new TreeMap<>();
            for (Results.LearningCurve c : e.getValue()) {
                for (Results.CurvePoint p : c.points()) {
                    if (!Double.isFinite(p.mean())) {
                        continue;
                    }
                    byIteration.computeIfAbsent(p.iteration(), k -> new LinkedHashMap<>())
                            .put(iterationTag(c.split()), p.mean());
                    if (Double.isFinite(p.wallSeconds())) {
                        byWall.computeIfAbsent(Math.round(p.wallSeconds()), k -> new LinkedHashMap<>())
                                .put(wallTag(c.split()), p.mean());
                    }
                }
            }
            try (TensorBoardSink sink = TensorBoardSink.open(tmp)) {
                byIteration.forEach(sink::record);
                byWall.forEach(sink::record);
            } catch (java.io.UncheckedIOException x) {
                throw x.getCause();
            }
            deleteTree(dir);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            written.add(name);
            out.add(dir);
        }
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.list(root)) {
                for (Path p : s.toList()) {
                    String n = p.getFileName().toString();
                    if (Files.isDirectory(p) && ExperimentLayout.methodOf(n) != null && !written.contains(n)) {
                        deleteTree(p);
                    }
                }
            }
        }
        return out;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
