/**
 * The agent policy: tokenizer, prompt rendering, a decoder-only transformer language model on DJL/PyTorch,
 * batched generation with a key/value cache (free or constrained decoding) and scoring of token sequences.
 *
 * <p>The policy knows nothing of RL. {@link dev.untangle.policy.Policy} is the seam the {@code rl} package
 * uses; a pretrained Hugging Face decoder on a GPU would be another implementation of it.
 */
package dev.untangle.policy;
