package dev.untangle.policy;

import java.util.List;
import java.util.Random;

/**
 * Generation state for a fixed number of parallel environment slots over whole episodes. In the
 * {@code full} history mode it keeps each slot's key/value cache across turns so that only new tokens are
 * encoded; in the {@code window} mode every turn is a fresh prompt.
 */
public interface RolloutSession extends AutoCloseable {

    /**
     * Generates one action for each listed slot.
     *
     * @param slots    slot indices, {@code 0 <= slot < slots()}, no repeats
     * @param contexts the agent context of each listed slot (same order)
     * @param decoding decoding options
     * @param rng      the random source (sampling must draw only from it)
     * @return one generation per listed slot, in the same order
     */
    List<Generation> act(int[] slots, List<AgentContext> contexts, Decoding decoding, Random rng);

    /** Forgets a slot's episode (call when its environment is reset). */
    void reset(int slot);

    /** Number of slots. */
    int slots();

    /** Frees the native memory of all caches. */
    @Override
    void close();
}
