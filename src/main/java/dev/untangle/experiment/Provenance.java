package dev.untangle.experiment;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where and with what a run was produced: program version, git commit of the working directory (when it is
 * a git checkout), Java, operating system, DJL and PyTorch versions, threads and the native allocator (the
 * launcher exports {@code UNTANGLE_ALLOCATOR}). Every value is a short string; unknown values say so.
 */
public final class Provenance {

    private static final int MAX_CHARS = 200;

    private Provenance() {
    }

    /**
     * Collects the fields.
     *
     * @param version the program's version, for example {@code untangle 0.1.0}
     * @param workDir the directory whose git commit is recorded
     */
    public static Map<String, String> collect(String version, Path workDir) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("untangle_version", version);
        m.put("git_commit", gitCommit(workDir));
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("djl_version", Engine.getDjlVersion());
        m.put("pytorch_version", engineVersion("PyTorch"));
        m.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("omp_num_threads", env("OMP_NUM_THREADS"));
        m.put("omp_wait_policy", env("OMP_WAIT_POLICY"));
        m.put("allocator", env("UNTANGLE_ALLOCATOR"));
        m.replaceAll((k, v) -> v.length() > MAX_CHARS ? v.substring(0, MAX_CHARS) : v);
        return m;
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? "unset" : v;
    }

    private static String engineVersion(String name) {
        try {
            return Engine.getEngine(name).getVersion();
        } catch (RuntimeException e) {
            return "unavailable (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** {@code git rev-parse HEAD} in {@code dir} (with {@code -dirty} when tracked files changed), or "unknown". */
    static String gitCommit(Path dir) {
        String head = git(dir, "rev-parse", "HEAD");
        if (head == null || !head.matches("[0-9a-f]{40}")) {
            return "unknown";
        }
        String status = git(dir, "status", "--porcelain", "--untracked-files=no");
        return status == null ? head : status.isEmpty() ? head : head + "-dirty";
    }

    private static String git(Path dir, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readNBytes(64 * 1024);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
