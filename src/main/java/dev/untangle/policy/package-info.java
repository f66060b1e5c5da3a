/**
 * The agent policy: tokenizer, prompt rendering, a decoder-only transformer language model on DJL/PyTorch,
 * batched generation with a key/value cache (free or constrained decoding) and scoring of token sequences.
 *
 * <p>The policy knows nothing of RL. {@link dev.untangle.policy.Policy} is the seam the {@code rl} package
 * uses; a pretrained Hugging Face decoder on a GPU would be another implementation of it. The built-in one
 * is {@link dev.untangle.policy.TransformerPolicy} (create it with
 * {@link dev.untangle.policy.TransformerPolicy#create} from a {@link dev.untangle.policy.TransformerConfig},
 * a {@link dev.untangle.policy.PromptConfig} and a {@link dev.untangle.policy.WordTokenizer}, or load a
 * checkpoint with {@link dev.untangle.policy.TransformerPolicy#load}). docs/ALGORITHMS.md ("Policy") gives
 * the formats and formulas.
 */
package dev.untangle.policy;
