package dev.untangle.policy.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;

/**
 * One linear map of a decoder layer, resolved at load time: {@code y = W x (+ b)}, plus {@code (alpha / r) B A x}
 * when the module carries a LoRA pair and the adapters are on (transformers' {@code nn.Linear} under PEFT's
 * {@code lora.Linear}). The parameters are read at each call, so an optimiser that replaces or updates them in place
 * is seen. Every array it creates attaches to the manager of {@code x}.
 */
final class Projection {

    private final Parameter weight;
    private final Parameter bias;
    private final HfDecoder.LoraPair lora;
    private final NDArray loraScale;

    /**
     * @param weight    W [out, in]
     * @param bias      b [out], or {@code null}
     * @param lora      the module's LoRA factors, or {@code null} when it is not adapted
     * @param loraScale alpha / r as a tensor of the weights' manager (read only when {@code lora} is given)
     */
    Projection(Parameter weight, Parameter bias, HfDecoder.LoraPair lora, NDArray loraScale) {
        this.weight = weight;
        this.bias = bias;
        this.lora = lora;
        this.loraScale = loraScale;
    }

    /** W x (+ b) (+ (alpha / r) B A x when adapted and {@code adapters}), over the last axis of {@code x}. */
    NDArray apply(NDArray x, boolean adapters) {
        NDArray y = bias == null ? Linear.linear(x, weight.getArray()).singletonOrThrow()
                : Linear.linear(x, weight.getArray(), bias.getArray()).singletonOrThrow();
        if (adapters && lora != null) {
            NDArray down = Linear.linear(x, lora.a().getArray()).singletonOrThrow();
            y = y.add(Linear.linear(down, lora.b().getArray()).singletonOrThrow().mul(loraScale));
        }
        return y;
    }
}
