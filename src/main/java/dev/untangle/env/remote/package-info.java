/**
 * AgentGym-compatible environment servers over HTTP: a client that puts {@code agentgym:alfworld},
 * {@code agentgym:sciworld}, {@code agentgym:babyai}, {@code agentgym:textcraft} and {@code agentgym:webshop}
 * servers behind the {@link dev.untangle.env} API, and a server ({@link dev.untangle.env.remote.AgentGymServer})
 * that offers any {@link dev.untangle.env.EnvironmentSuite} over the ALFWorld flavour of the same protocol. A
 * server's dialect is a declaration ({@link dev.untangle.env.remote.Flavour}; the five in
 * {@link dev.untangle.env.remote.Flavours}) that one client reads.
 *
 * <p>Every wire-level problem (connection refused, timeout, HTTP error, an {@code {"error": ...}} body,
 * malformed JSON) surfaces as one {@link dev.untangle.env.EnvironmentException} whose message names the
 * environment, the server and the request. Per-environment semantics: docs/ENVIRONMENTS.md.
 */
package dev.untangle.env.remote;
