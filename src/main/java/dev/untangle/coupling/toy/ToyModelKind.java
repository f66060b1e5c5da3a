package dev.untangle.coupling.toy;

/** Which toy model to train. */
public enum ToyModelKind {
    /** {@link LinearModel}: fixed features, verdict tied to the policy logits. */
    LINEAR,
    /** {@link MlpModel}: a learned (state, action) representation shared by policy and verdict heads. */
    MLP,
    /**
     * {@link SharedMlpModel}: one (state, action) representation h(s, a) read by both the policy logit and the
     * verdict, as in a language model.
     */
    SHARED
}
