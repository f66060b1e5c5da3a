package dev.untangle.experiment.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.report.ExperimentLayout;
import dev.untangle.rl.RunLock;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Moves run directories between a task's local scratch space and the experiment directory through Hadoop's
 * {@link FileSystem} API, so the same calls serve {@code file://} (a directory every executor mounts) and, given the
 * file system's client on the class path, {@code hdfs://} or {@code s3a://}.
 *
 * <p>A finished run is <em>published</em> atomically and at most once: its files are copied under a temporary name
 * beside the run ({@code seed-0/.grpo.publishing-ATTEMPT}), then renamed to the run's name with a rename that fails
 * when the name exists ({@link Options.Rename#NONE}). A reader therefore sees either no run or the whole of it, never
 * half of one; a second attempt of the same run (a retry after a lost executor whose first attempt had in fact
 * published, or a speculative copy) finds the run finished and discards its own copy. A run directory that exists
 * but is not finished (left by an interrupted run on this host) is staged into the task's scratch space, continued
 * there, and replaced by the finished run at publication (the old directory is renamed aside first, then deleted).
 */
public final class RunPublisher {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Marks a temporary copy that is not yet a published run ({@code .RUN.publishing-ATTEMPT}). */
    public static final String PUBLISHING = ".publishing-";
    /** Marks an unfinished run directory that a finished one replaces ({@code .RUN.replaced-ATTEMPT}). */
    public static final String REPLACED = ".replaced-";

    private final FileSystem fs;
    private final FileContext fc;
    private final Path out;

    private RunPublisher(FileSystem fs, FileContext fc, Path out) {
        this.fs = fs;
        this.fc = fc;
        this.out = out;
    }

    /**
     * Opens the experiment directory {@code out} ({@code file:///runs/x}, {@code hdfs://nn/runs/x}). Local files are
     * read and written without Hadoop's checksum side files, so a published run holds exactly the files its run
     * wrote.
     */
    public static RunPublisher open(URI out) throws IOException {
        Configuration conf = new Configuration();
        conf.set("fs.AbstractFileSystem.file.impl", org.apache.hadoop.fs.local.RawLocalFs.class.getName());
        FileSystem fs = FileSystem.get(out, conf);
        if (fs instanceof org.apache.hadoop.fs.LocalFileSystem local) {
            fs = local.getRawFileSystem();                          // no .crc files beside the run's own
        }
        return new RunPublisher(fs, FileContext.getFileContext(out, conf), new Path(out));
    }

    /** What publication did. */
    public enum Outcome {
        /** This attempt's run directory is now the run. */
        PUBLISHED,
        /** Another attempt had published the run; this attempt's copy was discarded. */
        ALREADY_PUBLISHED
    }

    /** Whether the experiment directory holds {@code run} and its {@code run.json} says finished. */
    public boolean isFinished(String run) throws IOException {
        Path file = new Path(new Path(out, run), ExperimentLayout.RUN);
        if (!fs.exists(file)) {
            return false;
        }
        try (InputStream in = fs.open(file)) {
            JsonNode n = JSON.readTree(in);
            return n != null && ExperimentLayout.STATUS_FINISHED.equals(n.path("status").asText());
        } catch (IOException e) {
            return false;                                            // torn or foreign: not finished
        }
    }

    /**
     * Copies {@code run} from the experiment directory into {@code localOut/run} (without its lock file) when it
     * exists there.
     *
     * @return whether it existed
     */
    public boolean stage(String run, java.nio.file.Path localOut) throws IOException {
        Path src = new Path(out, run);
        if (!fs.exists(src)) {
            return false;
        }
        java.nio.file.Path dst = localOut.resolve(run);
        Files.createDirectories(dst.getParent());
        fs.copyToLocalFile(false, src, new Path(dst.toUri()), true);
        Files.deleteIfExists(dst.resolve(RunLock.FILE));
        return true;
    }

    /**
     * Publishes the finished run directory {@code localRun} as {@code run}, atomically and once (see the class
     * comment).
     *
     * @param attempt names this attempt's temporary copy; unique per task attempt
     */
    public Outcome publish(java.nio.file.Path localRun, String run, String attempt) throws IOException {
        Path target = new Path(out, run);
        Path parent = target.getParent();
        fs.mkdirs(parent);
        Path tmp = new Path(parent, "." + target.getName() + PUBLISHING + attempt);
        Files.deleteIfExists(localRun.resolve(RunLock.FILE));
        fs.delete(tmp, true);
        fs.copyFromLocalFile(false, true, new Path(localRun.toUri()), tmp);
        Path replaced = null;
        if (fs.exists(target)) {
            if (isFinished(run)) {                   // another attempt published it: never publish twice
                fs.delete(tmp, true);
                return Outcome.ALREADY_PUBLISHED;
            }
            replaced = new Path(parent, "." + target.getName() + REPLACED + attempt);
            fc.rename(target, replaced, Options.Rename.NONE);           // the unfinished run this one continued
        }
        try {
            fc.rename(tmp, target, Options.Rename.NONE);
        } catch (FileAlreadyExistsException e) {        // another attempt renamed first
            fs.delete(tmp, true);
            return Outcome.ALREADY_PUBLISHED;
        }
        Path nested = new Path(target, tmp.getName());
        if (fs.exists(nested)) {   // a file system that renames into an existing directory lost the race: undo
            fs.delete(nested, true);
            return Outcome.ALREADY_PUBLISHED;
        }
        if (replaced != null) {
            fs.delete(replaced, true);
        }
        return Outcome.PUBLISHED;
    }

    /** Copies a task's log to {@code OUT/logs/NAME} (replacing an earlier attempt's). */
    public void publishLog(java.nio.file.Path log, String name) throws IOException {
        if (!Files.isRegularFile(log)) {
            return;
        }
        Path logs = new Path(out, ExperimentLayout.LOGS);
        fs.mkdirs(logs);
        fs.copyFromLocalFile(false, true, new Path(log.toUri()), new Path(logs, name));
    }

    /** Where {@code run}'s log is published, for messages. */
    public String logLocation(String name) {
        return new Path(new Path(out, ExperimentLayout.LOGS), name).toString();
    }
}
