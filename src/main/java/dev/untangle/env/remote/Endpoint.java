package dev.untangle.env.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One server as a flavour talks to it: the HTTP side, the server, and the name of the environment-id field
 * ({@code id} for most servers, {@code env_idx} for WebShop).
 *
 * @param http    the suite's HTTP side
 * @param server  the server the instance lives on
 * @param idField name of the id field in bodies and queries
 */
public record Endpoint(AgentGymHttp http, RemoteServer server, String idField) {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Endpoint.class);

    /** A new JSON body holding just the environment id. */
    public ObjectNode body(long id) {
        ObjectNode n = AgentGymHttp.mapper().createObjectNode();
        n.put(idField, id);
        return n;
    }

    /** POSTs {@code body} (or none) to {@code path}. */
    public JsonNode post(String path, JsonNode body, Retry retry) {
        return http.post(server, path, body, retry);
    }

    /**
     * POSTs {@code /create} (retried only when it never reached the server) and returns the new instance's id as
     * {@code idOf} reads it from the answer. When the request times out but the server completes it later, the
     * instance it made belongs to nobody: its late answer is read the same way and the instance closed
     * ({@code POST /close}; a server without one, 404 or 405, keeps it, as it keeps every instance).
     */
    public long create(JsonNode body, java.util.function.ToLongFunction<JsonNode> idOf) {
        JsonNode a = http.post(server, "/create", body, Retry.IF_NOT_SENT, late -> {
            long orphan = idOf.applyAsLong(late);
            try {
                http.post(server, "/close", body(orphan), Retry.IDEMPOTENT);
                LOG.warn("{} server {}: closed instance {}, created after its POST /create had timed out",
                        http.envName(), server.url(), orphan);
            } catch (RemoteCallException e) {
                if (e.kind() != RemoteCallException.Kind.HTTP_STATUS || (e.status() != 404 && e.status() != 405)) {
                    LOG.warn("closing instance {} (created after a timed-out POST /create) failed: {}", orphan,
                            e.getMessage());
                }
            }
        });
        return idOf.applyAsLong(a);
    }

    /** GETs {@code path?idField=id}. */
    public JsonNode get(String path, long id, Retry retry) {
        return http.get(server, path, idField, id, retry);
    }

    /** A malformed-answer exception naming this server and the request. */
    public RemoteCallException malformed(String what, String problem, JsonNode answer) {
        return http.malformed(server, what, problem, answer);
    }

    /** The text of a required string field, or a malformed-answer exception. */
    public String text(JsonNode answer, String field, String what) {
        JsonNode v = answer == null ? null : answer.get(field);
        if (v == null || !v.isTextual()) {
            throw malformed(what, "string field '" + field + "' missing", answer);
        }
        return v.asText();
    }

    /** A required number field, or a malformed-answer exception. */
    public double number(JsonNode answer, String field, String what) {
        JsonNode v = answer == null ? null : answer.get(field);
        if (v == null || !v.isNumber()) {
            throw malformed(what, "number field '" + field + "' missing", answer);
        }
        return v.asDouble();
    }

    /** A required boolean field, or a malformed-answer exception. */
    public boolean bool(JsonNode answer, String field, String what) {
        JsonNode v = answer == null ? null : answer.get(field);
        if (v == null || !v.isBoolean()) {
            throw malformed(what, "boolean field '" + field + "' missing", answer);
        }
        return v.asBoolean();
    }

    /** A required JSON array of strings, or a malformed-answer exception. */
    public java.util.List<String> strings(JsonNode array, String what) {
        if (array == null || !array.isArray()) {
            throw malformed(what, "list of strings missing", array);
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode e : array) {
            if (!e.isTextual()) {
                throw malformed(what, "non-string entry in a list of strings", array);
            }
            out.add(e.asText());
        }
        return java.util.List.copyOf(out);
    }

    /** The numeric environment id of an {@code {"id": n}} answer, or a malformed-answer exception. */
    public long id(JsonNode answer, String field, String what) {
        JsonNode v = answer == null ? null : answer.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw malformed(what, "integer field '" + field + "' missing", answer);
        }
        return v.asLong();
    }
}
