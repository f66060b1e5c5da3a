package dev.untangle.policy.hf;

/**
 * How a checkpoint rescales its rotary frequencies ({@code config.json} "rope_scaling"). With the base frequencies
 * {@code f_i = theta^(-2i / d_h)}, {@code i < d_h / 2}:
 * <pre>
 * NONE    f_i
 * LINEAR  f_i / factor                                   (positions divided by factor)
 * LLAMA3  wavelength w_i = 2 pi / f_i, L = originalMaxPositions,
 *         w_i &lt; L / highFreqFactor:  f_i                        (high frequencies kept)
 *         w_i &gt; L / lowFreqFactor:   f_i / factor               (low frequencies scaled)
 *         otherwise, s = (L / w_i - lowFreqFactor) / (highFreqFactor - lowFreqFactor):
 *                                      (1 - s) f_i / factor + s f_i
 * </pre>
 * as in Hugging Face's {@code modeling_rope_utils} (default, linear and llama3 rope types).
 *
 * @param type                 the rope type
 * @param factor               the scaling factor (1 for NONE)
 * @param lowFreqFactor        LLAMA3 only (0 otherwise)
 * @param highFreqFactor       LLAMA3 only (0 otherwise)
 * @param originalMaxPositions LLAMA3 only: the context length the model was pretrained with (0 otherwise)
 */
public record RopeScaling(Type type, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalMaxPositions) {

    /** The rope types this package implements. */
    public enum Type {
        /** No scaling ("default"). */
        NONE,
        /** Positions divided by a factor ("linear"). */
        LINEAR,
        /** Llama 3.1's frequency-dependent scaling ("llama3"). */
        LLAMA3
    }

    /** No scaling. */
    public static final RopeScaling NONE = new RopeScaling(Type.NONE, 1, 0, 0, 0);

    /** Checks the values. */
    public RopeScaling {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("rope scaling factor must be > 0, got " + factor);
        }
        if (type == Type.LLAMA3 && !(highFreqFactor > lowFreqFactor && lowFreqFactor > 0
                && originalMaxPositions > 0)) {
            throw new IllegalArgumentException("llama3 rope scaling needs high_freq_factor > low_freq_factor > 0 "
                    + "and original_max_position_embeddings > 0, got " + highFreqFactor + ", " + lowFreqFactor
                    + ", " + originalMaxPositions);
        }
    }

    /** Linear scaling by {@code factor}. */
    public static RopeScaling linear(double factor) {
        return new RopeScaling(Type.LINEAR, factor, 0, 0, 0);
    }

    /** Llama 3 scaling. */
    public static RopeScaling llama3(double factor, double lowFreqFactor, double highFreqFactor,
                                     int originalMaxPositions) {
        return new RopeScaling(Type.LLAMA3, factor, lowFreqFactor, highFreqFactor, originalMaxPositions);
    }

    /**
     * The rotary inverse frequencies, {@code d_h / 2} values, computed in float32 as Hugging Face does.
     *
     * @param headDim the head width d_h (even)
     * @param theta   the rotary base
     */
    public float[] inverseFrequencies(int headDim, double theta) {
        float[] f = new float[headDim / 2];
        for (int i = 0; i < f.length; i++) {
            float base = (float) (1.0 / Math.pow(theta, (float) (2 * i) / headDim));
            f[i] = switch (type) {
                case NONE -> base;
                case LINEAR -> (float) (base / factor);
                case LLAMA3 -> llama3(base);
            };
        }
        return f;
    }

    private float llama3(float base) {
        double wavelength = 2 * Math.PI / base;
        double highWavelength = originalMaxPositions / highFreqFactor;
        double lowWavelength = originalMaxPositions / lowFreqFactor;
        if (wavelength < highWavelength) {
            return base;
        }
        if (wavelength > lowWavelength) {
            return (float) (base / factor);
        }
        double smooth = (originalMaxPositions / wavelength - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
        return (float) ((1 - smooth) * base / factor + smooth * base);
    }
}
