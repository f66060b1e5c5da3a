package dev.untangle.experiment;

import java.io.File;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one run of an experiment is started in a process of its own (a worker): the experiment's JVM options and main
 * class, and its command-line arguments with {@code --out} pointed at the directory the worker writes, {@code
 * --run-only RUN} and {@code --no-progress} added, and the options that only the experiment itself acts on left
 * out ({@code --json}, {@code --workers}, {@code --master}). The local launcher ({@code experiment --workers N}) and
 * a Spark task ({@code experiment --master URL}) both start their runs through {@link #processBuilder}, so a run is
 * trained by the same code, with the same arguments, wherever it executes.
 *
 * <p>The worker's standard input is a pipe that its starter holds open and never writes, and
 * {@value #PARENT_PID_ENV} names the starter's pid: the worker ends when either closes (its run stays
 * {@code running} and is continued later), so a worker never outlives the process that waits for it.
 *
 * @param jvmOptions the JVM options of the worker (the experiment's own)
 * @param mainClass  the command line's main class
 * @param args       the experiment's command-line arguments, as typed
 * @param env        environment variables set for the worker besides those {@link #processBuilder} sets
 */
public record WorkerCommand(List<String> jvmOptions, String mainClass, List<String> args, Map<String, String> env)
        implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Environment variable through which a worker learns the pid of the process that started it. */
    public static final String PARENT_PID_ENV = "UNTANGLE_EXPERIMENT_PID";
    /** Options the experiment acts on itself, each followed by a value; a worker never gets them. */
    private static final Set<String> EXPERIMENT_OPTIONS = Set.of("--out", "--workers", "--master", "--run-only");
    /** Flags the experiment acts on itself; {@code --no-progress} is added back once. */
    private static final Set<String> EXPERIMENT_FLAGS = Set.of("--json", "--no-progress");

    /** Copies the lists and the map. */
    public WorkerCommand {
        jvmOptions = List.copyOf(jvmOptions);
        args = List.copyOf(args);
        env = Map.copyOf(new LinkedHashMap<>(env));
    }

    /**
     * The worker's command: {@code java OPTIONS -cp CLASSPATH MAIN ARGS --out=OUT --run-only=RUN --no-progress}.
     *
     * @param java      the Java executable
     * @param classPath the worker's class path
     * @param out       the experiment directory the worker writes (the experiment's own, or a task's scratch copy)
     * @param run       the run, for example {@code seed-0/grpo}
     */
    public List<String> command(String java, String classPath, Path out, String run) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (EXPERIMENT_OPTIONS.contains(name)) {
                if (!a.contains("=")) {
                    i++;                                              // its value is the next argument
                }
            } else if (!EXPERIMENT_FLAGS.contains(a)) {
                cmd.add(a);
            }
        }
        cmd.add("--out=" + out);
        cmd.add("--run-only=" + run);
        cmd.add("--no-progress");
        return cmd;
    }

    /**
     * A process builder for the worker: {@link #command}, standard output and error appended to {@code log},
     * standard input a pipe (hold it open while the worker may run), {@code OMP_NUM_THREADS} set to
     * {@code threads}, {@value #PARENT_PID_ENV} to this process's pid, and {@link #env()}.
     */
    public ProcessBuilder processBuilder(String java, String classPath, Path out, String run, int threads,
                                         Path log) {
        ProcessBuilder pb = new ProcessBuilder(command(java, classPath, out, run)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);    // held open, never written: closes when we die
        pb.environment().putAll(env);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.environment().put(PARENT_PID_ENV, Long.toString(ProcessHandle.current().pid()));
        return pb;
    }

    /** This JVM's Java executable. */
    public static String currentJava() {
        return ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The class path a worker started from this JVM needs: the jar that holds {@code mainClass} when it was loaded
     * from one (the application jar, also when a Spark executor fetched it: the executor's own class path is
     * Spark's), else this JVM's class path (classes from a build directory).
     */
    public static String classPathFor(Class<?> mainClass) {
        try {
            java.security.CodeSource src = mainClass.getProtectionDomain().getCodeSource();
            if (src != null && src.getLocation() != null) {
                File f = new File(src.getLocation().toURI());
                if (f.isFile() && f.getName().endsWith(".jar")) {
                    return f.getAbsolutePath();
                }
            }
        } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
            // not a local file: fall back to the class path
        }
        return System.getProperty("java.class.path");
    }
}
