package dev.untangle.rl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import dev.untangle.config.OptimConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW with linear warm-up over a fixed list of parameters (ALGORITHMS.md "Optimiser"). With
 * {@code t = step + 1}:
 * <pre>
 * lr_t = lr * min(1, t / warmupSteps)                                   (no decay)
 * lr_t = lr * min(1, t / warmupSteps) * (0.1 + 0.9 * 0.5 (1 + cos(pi u)))  (cosine decay over decaySteps)
 *        with u = min(1, max(0, t - warmupSteps) / max(1, decaySteps - warmupSteps))
 * m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2
 * mHat = m / (1 - beta1^t);    vHat = v / (1 - beta2^t)
 * w  = w - lr_t (mHat / (sqrt(vHat) + eps) + weightDecay w)
 * </pre>
 * Moments live in the optimiser's own manager; {@link #save}/{@link #load} make resumption exact.
 */
public final class AdamW implements AutoCloseable {

    private static final int VERSION = 1;

    private final List<Parameter> params;
    private final OptimConfig config;
    private final NDManager manager;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final long decaySteps;
    private long step;

    /**
     * Creates the optimiser with zero moments.
     *
     * @param params the trainable parameters, in a stable order
     * @param config hyperparameters
     */
    public AdamW(List<Parameter> params, OptimConfig config) {
        this(params, config, 0);
    }

    /**
     * Creates the optimiser with zero moments and a cosine learning-rate decay.
     *
     * @param params     the trainable parameters, in a stable order
     * @param config     hyperparameters
     * @param decaySteps the step at which the rate reaches {@code lr / 10} (0: no decay)
     */
    public AdamW(List<Parameter> params, OptimConfig config, long decaySteps) {
        this.decaySteps = decaySteps;
        this.params = List.copyOf(params);
        this.config = config;
        this.manager = NDManager.newBaseManager();
        manager.setName("adamw-state");
        for (Parameter p : this.params) {
            m.add(manager.zeros(p.getArray().getShape()));
            v.add(manager.zeros(p.getArray().getShape()));
        }
    }

    /** Optimiser steps taken. */
    public long steps() {
        return step;
    }

    /** The learning rate the next step uses. */
    public double currentLr() {
        double t = step + 1;
        double warm = config.warmupSteps() == 0 ? 1.0 : Math.min(1.0, t / config.warmupSteps());
        if (decaySteps <= 0) {
            return config.lr() * warm;
        }
        double u = Math.min(1.0, Math.max(0.0, t - config.warmupSteps())
                / Math.max(1.0, decaySteps - config.warmupSteps()));
        return config.lr() * warm * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * u)));
    }

    /** Applies one update from the parameters' gradients, then zeroes them. */
    public void step() {
        double lrT = currentLr();
        step++;
        double bc1 = 1 - Math.pow(config.beta1(), step);
        double bc2 = 1 - Math.pow(config.beta2(), step);
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int i = 0; i < params.size(); i++) {
                NDArray w = params.get(i).getArray();
                try (NDManager tmp = manager.newSubManager()) {
                    NDArray g = w.getGradient();
                    g.attach(tmp);
                    NDArray mi = m.get(i);
                    NDArray vi = v.get(i);
                    mi.muli((float) config.beta1()).addi(g.mul((float) (1 - config.beta1())));
                    vi.muli((float) config.beta2()).addi(g.square().muli((float) (1 - config.beta2())));
                    // results of an op belong to its first operand's manager: mi and vi live in the optimiser's
                    // manager and w in the weights', so each temporary is moved into tmp, or every step would leak
                    // several parameter-sized arrays until the optimiser or the policy closes
                    NDArray mHat = temporary(mi.div((float) bc1), tmp);
                    NDArray vHat = temporary(vi.div((float) bc2), tmp);
                    NDArray update = mHat.div(temporary(vHat.sqrt(), tmp).addi((float) config.eps()));
                    if (config.weightDecay() > 0) {
                        update.addi(temporary(w.mul((float) config.weightDecay()), tmp));
                    }
                    w.subi(update.muli((float) lrT));
                    g.subi(g);                                  // zero the gradient for the next backward
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private static NDArray temporary(NDArray a, NDManager tmp) {
        a.attach(tmp);
        return a;
    }

    /** Arrays the optimiser holds (its moments; no per-step temporaries survive a step). */
    int heldArrays() {
        return manager.getManagedArrays().size();
    }

    /** Zeroes the parameters' gradients without updating (for a skipped step). */
    public void zeroGradients() {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (Parameter p : params) {
                try (NDArray g = p.getArray().getGradient()) {
                    g.subi(g);
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** Writes the step count and moments. */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(VERSION);
        out.writeLong(step);
        out.writeInt(params.size());
        for (int i = 0; i < params.size(); i++) {
            writeArray(out, m.get(i).toFloatArray());
            writeArray(out, v.get(i).toFloatArray());
        }
    }

    /** Reads what {@link #save} wrote, for the same parameter list. */
    public void load(DataInputStream in) throws IOException {
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("optimizer state version " + version + " is not supported (expected " + VERSION + ")");
        }
        step = in.readLong();
        int n = in.readInt();
        if (n != params.size()) {
            throw new IOException("optimizer state holds " + n + " parameters, the model has " + params.size());
        }
        for (int i = 0; i < n; i++) {
            m.get(i).set(readArray(in, m.get(i).size()));
            v.get(i).set(readArray(in, v.get(i).size()));
        }
    }

    private static void writeArray(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float f : a) {
            out.writeFloat(f);
        }
    }

    private static float[] readArray(DataInputStream in, long expected) throws IOException {
        int n = in.readInt();
        if (n != expected) {
            throw new IOException("optimizer state array has " + n + " values, expected " + expected);
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }

    @Override
    public void close() {
        manager.close();
    }
}
