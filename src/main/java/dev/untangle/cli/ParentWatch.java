package dev.untangle.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Ends an experiment's worker process when the experiment process that started it ends, however it ended (a
 * {@code kill -9} runs no shutdown hook, and the worker used to go on training, re-parented to PID 1, beside the
 * next invocation's worker for the same run). The parent keeps the write end of the worker's standard input open
 * and never writes to it; the operating system closes it when the parent dies, so the worker reads end of file.
 * As a second signal the worker also watches the parent process itself ({@link ProcessHandle#onExit}). Either way
 * the worker exits at once; its run stays {@code running} and the next invocation continues it from its latest
 * checkpoint, as after any kill.
 */
final class ParentWatch {

    /** Environment variable through which a worker learns its parent's pid (set by the experiment for workers). */
    static final String PARENT_PID_ENV = dev.untangle.experiment.WorkerCommand.PARENT_PID_ENV;

    private ParentWatch() {
    }

    /**
     * Starts watching (daemon threads): when {@code stdin} reaches end of file or the process {@code parentPid}
     * ends, {@code onParentGone} runs once with a line saying which.
     *
     * @param stdin        the worker's standard input (the parent's pipe)
     * @param parentPid    the parent's pid, or -1 to watch standard input alone
     * @param onParentGone what to do, for example print the line and exit
     */
    static void start(InputStream stdin, long parentPid, java.util.function.Consumer<String> onParentGone) {
        java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.function.Consumer<String> once = why -> {
            if (fired.compareAndSet(false, true)) {
                onParentGone.accept(why);
            }
        };
        Thread pipe = new Thread(() -> {
            byte[] buf = new byte[256];
            try {
                while (stdin.read(buf) >= 0) {
                    // the parent never writes; anything read is ignored
                }
                once.accept("its standard input (the experiment's pipe) closed");
            } catch (IOException e) {
                once.accept("its standard input (the experiment's pipe) failed: " + e.getMessage());
            }
        }, "worker-parent-pipe");
        pipe.setDaemon(true);
        pipe.start();
        Optional<ProcessHandle> parent = parentPid > 0 ? ProcessHandle.of(parentPid) : Optional.empty();
        if (parentPid > 0 && parent.isEmpty()) {
            once.accept("the experiment process " + parentPid + " is gone");
        }
        parent.ifPresent(p -> p.onExit().thenRun(() -> once.accept("the experiment process " + parentPid
                + " ended")));
    }

    /** The parent's pid from {@link #PARENT_PID_ENV}, or -1 when it is not set (not a worker) or not a number. */
    static long parentPid() {
        String v = System.getenv(PARENT_PID_ENV);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
