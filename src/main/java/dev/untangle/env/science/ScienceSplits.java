package dev.untangle.env.science;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.SplitInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which variations each split holds, in the RLVMR style. A variation is (task type, key, start location, seed);
 * every rule is a pure function of the split name and task id.
 *
 * <ul>
 *   <li>{@code train}: the ten train types, keys outside the held-out set, variations whose hash is not in L0's
 *       tenth.</li>
 *   <li>{@code L0}: unseen variations of the train types: the same keys, the other tenth of the variations.</li>
 *   <li>{@code L1}: unseen substances, objects, parts, species, colours and answer-box locations of the train
 *       types (the held-out keys of {@link TaskType}).</li>
 *   <li>{@code L2}: task types never in train: freeze, measure-melting-point, find-animal (every key).</li>
 * </ul>
 * Task ids cycle through the split's types ({@code type = types[id % T]}), so every split is balanced by type.
 */
final class ScienceSplits {

    static final String TRAIN = "train";
    static final String L0 = "L0";
    static final String L1 = "L1";
    static final String L2 = "L2";
    /** Default number of train tasks. */
    static final int DEFAULT_TRAIN_SIZE = 3000;
    static final int L0_SIZE = 300;
    static final int L1_SIZE = 300;
    static final int L2_SIZE = 300;

    static final List<TaskType> TRAIN_TYPES = List.of(TaskType.BOIL, TaskType.MELT, TaskType.USE_THERMOMETER,
            TaskType.POWER, TaskType.CONDUCTIVITY, TaskType.FIND_LIVING, TaskType.FIND_NON_LIVING, TaskType.FIND_PLANT,
            TaskType.GROW_PLANT, TaskType.MIX_PAINT);
    static final List<TaskType> L2_TYPES = List.of(TaskType.FREEZE, TaskType.MEASURE_MELTING, TaskType.FIND_ANIMAL);

    private final int trainSize;
    /** Variations per split, per type position, in a fixed shuffled order. */
    private final SceneGenerator.Variation[][] train;
    private final SceneGenerator.Variation[][] l0;
    private final SceneGenerator.Variation[][] l1;
    private final SceneGenerator.Variation[][] l2;

    ScienceSplits(int trainSize) {
        this.train = lists(TRAIN, TRAIN_TYPES);
        this.l0 = lists(L0, TRAIN_TYPES);
        this.l1 = lists(L1, TRAIN_TYPES);
        this.l2 = lists(L2, L2_TYPES);
        int fewest = Integer.MAX_VALUE;
        for (SceneGenerator.Variation[] v : train) {
            fewest = Math.min(fewest, v.length);
        }
        int distinct = fewest * train.length;
        if (trainSize > distinct) {
            throw new EnvironmentException("science option train_size must be at most " + distinct
                    + " (so that no train variation repeats: " + train.length + " types, the fewest variations of"
                    + " one type " + fewest + "), got " + trainSize);
        }
        this.trainSize = trainSize;
    }

    List<SplitInfo> infos() {
        return List.of(
                new SplitInfo(TRAIN, trainSize, "10 task types (boil, melt, use-thermometer, power-component, "
                        + "test-conductivity, find-living/non-living/plant, grow-plant, mix-paint), seen keys"),
                new SplitInfo(L0, L0_SIZE, "unseen variations of the train types and keys"),
                new SplitInfo(L1, L1_SIZE, "the train types with held-out substances, objects and locations"),
                new SplitInfo(L2, L2_SIZE, "held-out task types: freeze, measure-melting-point, find-animal"));
    }

    /** The variation a task plays. */
    SceneGenerator.Variation variation(String split, int id) {
        SceneGenerator.Variation[][] lists = switch (split) {
            case TRAIN -> train;
            case L0 -> l0;
            case L1 -> l1;
            case L2 -> l2;
            default -> throw new EnvironmentException("unknown split '" + split + "' for environment science; "
                    + "known splits: [train, L0, L1, L2]");
        };
        SceneGenerator.Variation[] list = lists[id % lists.length];
        return list[(id / lists.length) % list.length];
    }

    /** Whether a variation of a train type belongs to L0's tenth (a fixed hash rule). */
    static boolean inL0(SceneGenerator.Variation v) {
        long h = new SplittableRandom(0x10L * (v.type().ordinal() + 1) + 31L * v.number()).nextLong();
        return Math.floorMod(h, 10) == 0;
    }

    private static SceneGenerator.Variation[][] lists(String split, List<TaskType> types) {
        SceneGenerator.Variation[][] out = new SceneGenerator.Variation[types.size()][];
        for (int t = 0; t < types.size(); t++) {
            TaskType type = types.get(t);
            List<SceneGenerator.Variation> list = new ArrayList<>();
            for (int key = 0; key < type.keys().size(); key++) {
                boolean held = type.heldOut(key);
                for (int start = 0; start < SceneGenerator.START_ROOMS.length; start++) {
                    for (int seed = 0; seed < SceneGenerator.SEEDS; seed++) {
                        SceneGenerator.Variation v = new SceneGenerator.Variation(type, key, start, seed);
                        boolean keep = switch (split) {
                            case TRAIN -> !held && !inL0(v);
                            case L0 -> !held && inL0(v);
                            case L1 -> held;
                            default -> true;
                        };
                        if (keep) {
                            list.add(v);
                        }
                    }
                }
            }
            SplittableRandom rng = new SplittableRandom(split.hashCode() * 1_000_003L + type.ordinal());
            for (int i = list.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                SceneGenerator.Variation x = list.get(i);
                list.set(i, list.get(j));
                list.set(j, x);
            }
            out[t] = list.toArray(new SceneGenerator.Variation[0]);
        }
        return out;
    }
}
