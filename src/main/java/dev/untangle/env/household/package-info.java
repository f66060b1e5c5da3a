/**
 * The built-in ALFWorld-style household world: a catalogue of rooms, receptacles and objects
 * ({@code catalogue.txt}), procedurally generated floor plans and tasks, the six ALFWorld task types, the
 * splits {@code train}/{@code L0}/{@code L1}/{@code L2}, the {@code oracle} and {@code searcher} experts, and
 * a throughput benchmark. See docs/ENVIRONMENTS.md.
 */
package dev.untangle.env.household;
