package dev.untangle.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The {@code full} history mode's session: each slot keeps the tokens it has read and their keys/values
 * (per layer [1, H, n, D/H]) across turns. On each turn the slot's prompt is rendered in full; when the
 * kept tokens are a prefix of it, only the rest is encoded, otherwise (first turn, a reset, or a history
 * truncated at the length bound) the slot starts over. The result therefore always equals
 * {@link DecoderPolicy#generate} on the same contexts. Not thread-safe.
 */
final class FullHistorySession implements RolloutSession {

    private final DecoderPolicy policy;
    private final int slots;
    private final NDManager manager;
    private final int[][] tokens;
    private final NDArray[][] keys;
    private final NDArray[][] values;
    private long encodedTokens;
    private long reusedTokens;

    FullHistorySession(DecoderPolicy policy, int slots) {
        this.policy = policy;
        this.slots = slots;
        this.manager = policy.lm().manager().newSubManager();
        this.manager.setName("rollout-session");
        this.tokens = new int[slots][];
        this.keys = new NDArray[slots][];
        this.values = new NDArray[slots][];
    }

    @Override
    public List<Generation> act(int[] slotIds, List<AgentContext> contexts, Decoding decoding, Random rng) {
        checkSlots(slotIds, contexts, slots);
        if (slotIds.length == 0) {
            return List.of();
        }
        List<int[]> prompts = new ArrayList<>();
        List<BatchDecoder.Row> rows = new ArrayList<>();
        for (int i = 0; i < slotIds.length; i++) {
            int s = slotIds[i];
            AgentContext c = contexts.get(i);
            int[] prompt = policy.renderer().render(c);
            prompts.add(prompt);
            PrefixTree tree = policy.tree(c, decoding);
            int[] kept = tokens[s];
            if (kept != null && kept.length < prompt.length
                    && Arrays.equals(kept, 0, kept.length, prompt, 0, kept.length)) {
                rows.add(new BatchDecoder.Row(kept, keys[s], values[s],
                        Arrays.copyOfRange(prompt, kept.length, prompt.length), tree));
                reusedTokens += kept.length;
                encodedTokens += prompt.length - kept.length;
            } else {
                rows.add(new BatchDecoder.Row(new int[0], null, null, prompt, tree));
                encodedTokens += prompt.length;
            }
        }
        return DecoderPolicy.withoutGradients(() -> {
            try (NDManager scope = manager.newSubManager()) {
                scope.setName("session-act");
                List<BatchDecoder.Result> results = policy.decoder().decode(scope, rows, decoding, rng, true, true);
                List<Generation> out = new ArrayList<>();
                for (int i = 0; i < results.size(); i++) {
                    BatchDecoder.Result r = results.get(i);
                    int s = slotIds[i];
                    forget(s);
                    for (int l = 0; l < r.keys().length; l++) {
                        r.keys()[l].attach(manager);
                        r.values()[l].attach(manager);
                    }
                    tokens[s] = r.fedTokens();
                    keys[s] = r.keys();
                    values[s] = r.values();
                    out.add(policy.toGeneration(prompts.get(i), r, decoding));
                }
                return out;
            }
        });
    }

    /** Tokens encoded so far and tokens whose keys/values were reused instead (for diagnostics). */
    long[] tokenCounts() {
        return new long[] {encodedTokens, reusedTokens};
    }

    @Override
    public void reset(int slot) {
        checkSlot(slot, slots);
        forget(slot);
    }

    private void forget(int slot) {
        if (keys[slot] != null) {
            for (int l = 0; l < keys[slot].length; l++) {
                keys[slot][l].close();
                values[slot][l].close();
            }
        }
        tokens[slot] = null;
        keys[slot] = null;
        values[slot] = null;
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public void close() {
        manager.close();
    }

    static void checkSlot(int slot, int slots) {
        if (slot < 0 || slot >= slots) {
            throw new IllegalArgumentException("slot " + slot + " outside 0.." + (slots - 1));
        }
    }

    static void checkSlots(int[] slotIds, List<AgentContext> contexts, int slots) {
        if (slotIds.length != contexts.size()) {
            throw new IllegalArgumentException(slotIds.length + " slots but " + contexts.size() + " contexts");
        }
        boolean[] seen = new boolean[slots];
        for (int s : slotIds) {
            checkSlot(s, slots);
            if (seen[s]) {
                throw new IllegalArgumentException("slot " + s + " listed twice");
            }
            seen[s] = true;
        }
    }
}
