package dev.untangle.env.remote;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TaskSpec;
import dev.untangle.env.TextEnvironment;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One environment instance on an AgentGym server. The server-side instance is created on the first reset, on
 * the least-loaded server, and kept for later resets. When a call fails on the way (connection, timeout, I/O)
 * the instance is given up, since its state is unknown, and the next reset creates a fresh one, on another
 * server if this one refuses connections. A reset that a reused instance answers with an error body (the
 * server restarted, or freed the instance when idle) is tried once more on a new instance. A failed step ends
 * the episode: further steps fail until a reset.
 * Not thread-safe.
 */
final class RemoteEnvironment implements TextEnvironment {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteEnvironment.class);

    private final RemoteSuite suite;
    private RemoteServer server;
    private long id;
    private boolean hasInstance;
    private TaskSpec task;
    private int steps;
    private boolean over = true;
    private List<String> admissible = List.of();
    private boolean closed;

    RemoteEnvironment(RemoteSuite suite) {
        this.suite = suite;
    }

    @Override
    public Reset reset(String split, int taskId) {
        ensureOpen();
        suite.checkTaskId(split, taskId);
        int index = suite.range(split).serverIndex(taskId);
        over = true;
        task = null;
        steps = 0;
        admissible = List.of();
        ResetData data;
        try {
            data = resetOnce(index);
        } catch (RemoteCallException e) {
            if (e.kind() != RemoteCallException.Kind.CONNECT || suite.http().servers().size() < 2) {
                throw e;
            }
            LOG.warn("{}; resetting on another server", e.getMessage());
            data = resetOnce(index);
        }
        task = new TaskSpec(split, taskId, data.taskType(), data.goal());
        admissible = data.admissible();
        over = false;
        return new Reset(task, data.observation(), admissible);
    }

    private ResetData resetOnce(int index) {
        boolean fresh = !hasInstance;
        if (fresh) {
            createInstance();
        }
        try {
            Endpoint ep = endpoint(server);
            return call(() -> suite.client().reset(ep, id, index, suite.options()));
        } catch (RemoteCallException e) {
            if (fresh || e.kind() != RemoteCallException.Kind.ERROR_BODY) {
                throw e;
            }
            // A reused instance may be gone on the server (restarted, or freed when idle): start a new one once.
            LOG.warn("{}; retrying on a new instance", e.getMessage());
            closeInstance();
            createInstance();
            Endpoint ep = endpoint(server);
            return call(() -> suite.client().reset(ep, id, index, suite.options()));
        }
    }

    private void createInstance() {
        RemoteServer s = suite.http().place();
        try {
            id = suite.client().create(endpoint(s));
        } catch (RuntimeException e) {
            suite.http().release(s);
            throw e;
        }
        server = s;
        hasInstance = true;
    }

    @Override
    public StepResult step(String command) {
        ensureOpen();
        if (task == null) {
            throw new EnvironmentException(suite.name() + ": step before reset (or after a failed reset)");
        }
        if (over) {
            throw new EnvironmentException(suite.name() + " task " + task.key()
                    + ": the episode has ended; reset before stepping again");
        }
        Endpoint ep = endpoint(server);
        over = true;
        String sent = suite.flavour().normalizeAction(command);          // as AgentGym's client sends it
        StepResult r = call(() -> suite.client().step(ep, id, sent));
        steps++;
        admissible = r.admissible();
        over = r.done();
        return r;
    }

    /** Runs a call on the current instance, giving the instance up after a fault on the way. */
    private <T> T call(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (RemoteCallException e) {
            if (e.transientFailure() || e.kind() == RemoteCallException.Kind.HTTP_STATUS) {
                closeInstance();                  // abandoned: free it on the server if it is still reachable
            }
            throw e;
        }
    }

    private void dropInstance() {
        if (hasInstance) {
            hasInstance = false;
            suite.http().release(server);
        }
    }

    private Endpoint endpoint(RemoteServer s) {
        return new Endpoint(suite.http(), s, suite.flavour().idField());
    }

    @Override
    public List<String> admissible() {
        return admissible;
    }

    @Override
    public TaskSpec task() {
        return task;
    }

    @Override
    public int steps() {
        return steps;
    }

    /** The server this environment's instance lives on, or {@code null} when it has none. */
    RemoteServer server() {
        return hasInstance ? server : null;
    }

    /**
     * Frees the server-side instance with {@code POST /close} where the server has it (a 404, as from ALFWorld
     * and WebShop, which have none, counts as done). Never throws: a failure is logged, since the episode's
     * data is already collected.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeInstance();
    }

    private void closeInstance() {
        if (!hasInstance) {
            return;
        }
        Endpoint ep = endpoint(server);
        try {
            ep.post("/close", ep.body(id), Retry.NEVER);
        } catch (RemoteCallException e) {
            if (e.kind() != RemoteCallException.Kind.HTTP_STATUS || (e.status() != 404 && e.status() != 405)) {
                LOG.warn("close failed: {}", e.getMessage());
            }
        } catch (EnvironmentException e) {
            LOG.warn("close failed: {}", e.getMessage());
        } finally {
            dropInstance();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new EnvironmentException(suite.name() + ": environment already closed");
        }
    }
}
