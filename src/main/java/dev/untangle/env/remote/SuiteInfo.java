package dev.untangle.env.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.untangle.env.EnvironmentException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code GET /suite} of {@code untangle serve} says about the served suite: its splits as game ranges, its
 * task types, its corpus and whether that corpus holds every word the suite can print. With option
 * {@code splits=server} a remote suite takes these over, so that it plays exactly the served tasks and, when the
 * served vocabulary is closed, builds the same vocabulary as an in-process run.
 *
 * @param env              the served suite's name
 * @param splits           splits as game ranges
 * @param taskTypes        task types
 * @param corpus           vocabulary text
 * @param closedVocabulary whether {@code corpus} holds every word the served suite prints
 *                         ({@link dev.untangle.env.EnvironmentSuite#closedVocabulary()}; false when the server does
 *                         not say)
 */
public record SuiteInfo(String env, List<SplitRange> splits, List<String> taskTypes, List<String> corpus,
                        boolean closedVocabulary) {

    /** Copies the lists. */
    public SuiteInfo {
        splits = List.copyOf(splits);
        taskTypes = List.copyOf(taskTypes);
        corpus = List.copyOf(corpus);
    }

    /**
     * Reads {@code GET /suite} from the first server; every other server must answer the same.
     *
     * @throws EnvironmentException naming the server when it has no {@code /suite} or servers disagree
     */
    static SuiteInfo fetch(AgentGymHttp http) {
        SuiteInfo first = null;
        for (RemoteServer s : http.servers()) {
            SuiteInfo info = read(http, s);
            if (first == null) {
                first = info;
            } else if (!first.equals(info)) {
                throw new EnvironmentException("option splits=server: " + s.url() + " serves " + info.env()
                        + " with other splits or text than " + http.servers().get(0).url() + " (" + first.env() + ")");
            }
        }
        return first;
    }

    private static SuiteInfo read(AgentGymHttp http, RemoteServer s) {
        JsonNode a;
        try {
            a = http.get(s, "/suite", null, 0, Retry.IDEMPOTENT);
        } catch (RemoteCallException e) {
            if (e.kind() == RemoteCallException.Kind.HTTP_STATUS && e.status() == 404) {
                throw new EnvironmentException("option splits=server needs a server with GET /suite (untangle serve); "
                        + s.url() + " has none: give splits=name:offset:size,... instead", e);
            }
            throw e;
        }
        Endpoint ep = new Endpoint(http, s, "id");
        String what = "GET /suite";
        JsonNode sp = a.get("splits");
        if (sp == null || !sp.isArray() || sp.isEmpty()) {
            throw ep.malformed(what, "list 'splits' missing", a);
        }
        List<SplitRange> splits = new ArrayList<>();
        for (JsonNode n : sp) {
            splits.add(new SplitRange(ep.text(n, "name", what), (int) ep.number(n, "first_game", what),
                    (int) ep.number(n, "size", what)));
        }
        JsonNode closed = a.get("closed_vocabulary");
        return new SuiteInfo(ep.text(a, "env", what), splits, ep.strings(a.get("task_types"), what),
                ep.strings(a.get("corpus"), what), closed != null && closed.asBoolean(false));
    }
}
