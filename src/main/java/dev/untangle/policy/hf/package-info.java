/**
 * Pretrained Hugging Face decoder language models (Llama, Qwen2, Qwen3) on DJL/PyTorch: {@link
 * dev.untangle.policy.hf.HfConfig} reads {@code config.json}, {@link dev.untangle.policy.hf.SafetensorsReader} and
 * {@link dev.untangle.policy.hf.SafetensorsWriter} read and write (sharded) safetensors, {@link
 * dev.untangle.policy.hf.HfDecoder} is the forward pass with an optional key/value cache and LoRA adapters, and
 * {@link dev.untangle.policy.hf.HfExport} writes a trained model back in Hugging Face's and PEFT's layouts. Nothing
 * is downloaded: every file comes from a local model directory, and a missing or inconsistent one is an {@link
 * dev.untangle.policy.hf.HfFormatException} naming the file and the key or tensor.
 */
package dev.untangle.policy.hf;
