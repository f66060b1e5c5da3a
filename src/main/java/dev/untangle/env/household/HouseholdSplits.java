package dev.untangle.env.household;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.SplitInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Which tasks each split holds. Every rule is a pure function of the split name and task id.
 *
 * <ul>
 *   <li>{@code train}: task types pick, look, clean, heat (ALFWorld's train mix); the 108 seen floor plans;
 *       goal pairings (object class, receptacle or lamp class) outside the held-out set.</li>
 *   <li>{@code L0}: the same distribution as train with other seeds (new object placements).</li>
 *   <li>{@code L1}: the same four task types in the 12 unseen floor plans, with held-out goal pairings only.</li>
 *   <li>{@code L2}: only the task types cool and pick-two (never in train), in the unseen floor plans.</li>
 * </ul>
 */
final class HouseholdSplits {

    static final String TRAIN = "train";
    static final String L0 = "L0";
    static final String L1 = "L1";
    static final String L2 = "L2";
    /** ALFRED floor plans that never occur in train or L0 (valid_unseen and test_unseen rooms). */
    static final Set<Integer> UNSEEN_PLANS = Set.of(9, 10, 29, 215, 219, 226, 308, 315, 325, 404, 424, 425);
    /** Share (percent) of goal pairings held out of train for L1. */
    static final int HELD_OUT_PAIRING_PERCENT = 20;
    /** Default size of train (ALFWorld's train split). */
    static final int DEFAULT_TRAIN_SIZE = 3553;

    private static final TaskType[] TRAIN_TYPES = {TaskType.PICK, TaskType.LOOK, TaskType.CLEAN, TaskType.HEAT};
    /** ALFWorld train counts of the four train types, used as weights. */
    private static final int[] TRAIN_WEIGHTS = {790, 308, 650, 459};
    /** ALFWorld valid_seen counts of the four train types, scaled to 140. */
    private static final int[] L0_BASE = {35, 13, 27, 16};
    /** ALFWorld valid_unseen counts of the four train types, scaled to 134. */
    private static final int[] L1_BASE = {24, 18, 31, 23};
    private static final TaskType[] L2_TYPES = {TaskType.COOL, TaskType.PICK_TWO};
    /** ALFWorld valid_unseen counts of cool and pick-two, scaled to 134. */
    private static final int[] L2_BASE = {21, 17};

    private final int trainSize;
    private final TaskType[] l0;
    private final TaskType[] l1;
    private final TaskType[] l2;

    HouseholdSplits(int trainSize) {
        this.trainSize = trainSize;
        this.l0 = quota(L0, TRAIN_TYPES, L0_BASE, 140);
        this.l1 = quota(L1, TRAIN_TYPES, L1_BASE, 134);
        this.l2 = quota(L2, L2_TYPES, L2_BASE, 134);
    }

    /** The splits in their stable order. */
    List<SplitInfo> infos() {
        return List.of(
                new SplitInfo(TRAIN, trainSize, "types pick/look/clean/heat in the 108 seen plans, "
                        + "goal pairings outside the held-out set"),
                new SplitInfo(L0, l0.length, "in-distribution: new tasks drawn like train"),
                new SplitInfo(L1, l1.length, "unseen scenes: the 12 held-out plans and held-out goal pairings"),
                new SplitInfo(L2, l2.length, "unseen task types: cool and pick-two, in the held-out plans"));
    }

    /** The task type of a task; cheap (no world is built). */
    TaskType typeOf(String split, int id) {
        return switch (split) {
            case TRAIN -> {
                SplittableRandom rng = new SplittableRandom(StableHash.of("type/" + split, id));
                int total = 0;
                for (int w : TRAIN_WEIGHTS) {
                    total += w;
                }
                int x = rng.nextInt(total);
                int i = 0;
                while (x >= TRAIN_WEIGHTS[i]) {
                    x -= TRAIN_WEIGHTS[i++];
                }
                yield TRAIN_TYPES[i];
            }
            case L0 -> l0[id];
            case L1 -> l1[id];
            case L2 -> l2[id];
            default -> throw new EnvironmentException("unknown split '" + split + "' for environment household; "
                    + "known splits: [train, L0, L1, L2]");
        };
    }

    /** Whether tasks of the split may use the floor plan. */
    static boolean layoutAllowed(String split, int plan) {
        boolean unseen = UNSEEN_PLANS.contains(plan);
        return split.equals(L1) || split.equals(L2) ? unseen : !unseen;
    }

    /** Whether tasks of the split may use the goal pairing. */
    static boolean pairingAllowed(String split, String objectClass, String targetClass) {
        boolean heldOut = heldOutPairing(objectClass, targetClass);
        return switch (split) {
            case L1 -> heldOut;
            case L2 -> true;
            default -> !heldOut;
        };
    }

    /** Whether a goal pairing is held out of train (a fixed hash rule, independent of any split size). */
    static boolean heldOutPairing(String objectClass, String targetClass) {
        long h = StableHash.of("pairing/" + objectClass + "/" + targetClass);
        return Math.floorMod(h, 100) < HELD_OUT_PAIRING_PERCENT;
    }

    /** Task types per id: largest-remainder quotas of {@code base} scaled to {@code size}, shuffled by seed. */
    private static TaskType[] quota(String split, TaskType[] types, int[] base, int size) {
        int total = 0;
        for (int b : base) {
            total += b;
        }
        int[] count = new int[base.length];
        double[] rem = new double[base.length];
        int assigned = 0;
        for (int i = 0; i < base.length; i++) {
            double exact = (double) base[i] * size / total;
            count[i] = (int) Math.floor(exact);
            rem[i] = exact - count[i];
            assigned += count[i];
        }
        while (assigned < size) {
            int best = 0;
            for (int i = 1; i < base.length; i++) {
                if (rem[i] > rem[best]) {
                    best = i;
                }
            }
            count[best]++;
            rem[best] = -1;
            assigned++;
        }
        List<TaskType> list = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            for (int k = 0; k < count[i]; k++) {
                list.add(types[i]);
            }
        }
        TaskType[] arr = list.toArray(new TaskType[0]);
        SplittableRandom rng = new SplittableRandom(StableHash.of("types/" + split));
        for (int i = arr.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            TaskType t = arr[i];
            arr[i] = arr[j];
            arr[j] = t;
        }
        return arr;
    }
}
