package dev.untangle.policy;

import java.util.List;
import java.util.Random;

/** The {@code window} history mode's session: every turn is a fresh prompt, so nothing is kept. */
final class WindowSession implements RolloutSession {

    private final DecoderPolicy policy;
    private final int slots;

    WindowSession(DecoderPolicy policy, int slots) {
        this.policy = policy;
        this.slots = slots;
    }

    @Override
    public List<Generation> act(int[] slotIds, List<AgentContext> contexts, Decoding decoding, Random rng) {
        FullHistorySession.checkSlots(slotIds, contexts, slots);
        return policy.generate(contexts, decoding, rng);
    }

    @Override
    public void reset(int slot) {
        FullHistorySession.checkSlot(slot, slots);
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public void close() {
    }
}
