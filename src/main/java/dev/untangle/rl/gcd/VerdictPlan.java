package dev.untangle.rl.gcd;

import dev.untangle.config.GcdConfig;
import dev.untangle.rl.trajectory.StepSample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which rows of a minibatch GCD scores and trains on (docs/ALGORITHMS.md "GCD sample selection and balancing").
 *
 * @param label   per row y in {+1, -1, 0} (0: not scored)
 * @param heldOut per row: the row is scored for held-out metrics only
 * @param weight  per row the loss weight w_i (0 for unlabelled, held-out and downsampled rows)
 */
public record VerdictPlan(int[] label, boolean[] heldOut, float[] weight) {

    /**
     * Plans one minibatch.
     *
     * @param batch the minibatch
     * @param c     GCD options
     * @param step  optimiser steps taken before this one (seeds downsampling with {@code c.seed()})
     */
    public static VerdictPlan of(List<StepSample> batch, GcdConfig c, long step) {
        int n = batch.size();
        int[] y = new int[n];
        boolean[] held = new boolean[n];
        float[] w = new float[n];
        List<Integer> good = new ArrayList<>();
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StepSample s = batch.get(i);
            y[i] = VerdictLabels.label(s, c);
            if (y[i] == 0) {
                continue;
            }
            held[i] = VerdictLabels.heldOut(s.taskKey(), c);
            if (!held[i]) {
                (y[i] > 0 ? good : bad).add(i);
            }
        }
        for (int i : good) {
            w[i] = 1f;
        }
        for (int i : bad) {
            w[i] = 1f;
        }
        if (!good.isEmpty() && !bad.isEmpty()) {
            switch (c.balance()) {
                case REWEIGHT -> {
                    int total = good.size() + bad.size();
                    for (int i : good) {
                        w[i] = (float) (total / (2.0 * good.size()));
                    }
                    for (int i : bad) {
                        w[i] = (float) (total / (2.0 * bad.size()));
                    }
                }
                case DOWNSAMPLE -> {
                    List<Integer> major = good.size() > bad.size() ? good : bad;
                    int keep = Math.min(good.size(), bad.size());
                    List<Integer> order = new ArrayList<>(major);
                    Collections.shuffle(order, new Random(c.seed() * 0x2545F4914F6CDD1DL + step));
                    for (int i : order.subList(keep, order.size())) {
                        w[i] = 0f;
                    }
                }
                case NONE -> {
                }
            }
        }
        return new VerdictPlan(y, held, w);
    }

    /** Whether row {@code i} is scored (labelled). */
    public boolean scored(int i) {
        return label[i] != 0;
    }

    /** Number of scored rows. */
    public int scoredCount() {
        int k = 0;
        for (int v : label) {
            k += v != 0 ? 1 : 0;
        }
        return k;
    }
}
