package dev.untangle.rl.advantage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;

/**
 * Group-relative normalisation, the one place where its edge cases are decided (ALGORITHMS.md
 * "Group normalisation"):
 * <ul>
 *   <li>a group of one member gets 0 (it has no baseline);</li>
 *   <li>a group whose values are all equal gets 0 (it carries no signal), in both modes;</li>
 *   <li>otherwise {@code x - mean}, or {@code (x - mean) / (std + EPS)} with the population (divisor n) or
 *       the sample (divisor n - 1) standard deviation ({@code algorithm.std}).</li>
 * </ul>
 * The theory checks ({@code coupling.theory.GroupNormalization}) use this same function.
 */
public final class GroupNorm {

    private GroupNorm() {
    }

    /**
     * Normalises {@code values} within the groups given by {@code groupIds}.
     *
     * @param values       one value per member
     * @param groupIds     group of each member (any ints; equal ids form a group)
     * @param normalizeStd divide by the group's standard deviation
     * @param sampleStd    that standard deviation divides by n - 1 instead of n
     * @return the normalised values, same order
     */
    public static double[] apply(double[] values, int[] groupIds, boolean normalizeStd, boolean sampleStd) {
        if (values.length != groupIds.length) {
            throw new IllegalArgumentException(values.length + " values but " + groupIds.length + " group ids");
        }
        double[] out = new double[values.length];
        for (List<Integer> members : groups(groupIds).values()) {
            int n = members.size();
            if (n < 2) {
                continue;                                   // singleton: no baseline, 0
            }
            double mean = 0;
            boolean allEqual = true;
            double first = values[members.get(0)];
            for (int i : members) {
                mean += values[i];
                allEqual &= values[i] == first;
            }
            if (allEqual) {
                continue;                                   // no signal, 0
            }
            mean /= n;
            double var = 0;
            for (int i : members) {
                var += (values[i] - mean) * (values[i] - mean);
            }
            double std = Math.sqrt(var / (sampleStd ? n - 1 : n));
            for (int i : members) {
                double centred = values[i] - mean;
                out[i] = normalizeStd ? centred / (std + AdvantageSettings.EPS) : centred;
            }
        }
        return out;
    }

    /** Members of each group id, in first-appearance order. */
    public static Map<Integer, List<Integer>> groups(int[] groupIds) {
        Map<Integer, List<Integer>> g = new LinkedHashMap<>();
        for (int i = 0; i < groupIds.length; i++) {
            g.computeIfAbsent(groupIds[i], k -> new ArrayList<>()).add(i);
        }
        return g;
    }

    /** Fraction of groups with at least two members whose values are all equal. */
    public static double fractionConstant(double[] values, int[] groupIds) {
        int groups = 0;
        int constant = 0;
        for (List<Integer> members : groups(groupIds).values()) {
            if (members.size() < 2) {
                continue;
            }
            groups++;
            double first = values[members.get(0)];
            boolean same = true;
            for (int i : members) {
                same &= values[i] == first;
            }
            constant += same ? 1 : 0;
        }
        return groups == 0 ? Double.NaN : (double) constant / groups;
    }
}
