package dev.untangle.env.household;

import dev.untangle.env.SplitInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Split sizes, task-type mix and scene sizes of the household world, for {@code untangle env stats}. */
public final class HouseholdStats {

    private HouseholdStats() {
    }

    /**
     * One split.
     *
     * @param name        split name
     * @param size        number of tasks
     * @param description what the split holds
     * @param taskTypes   number of tasks per task type (types with none left out)
     */
    public record SplitStats(String name, int size, String description, Map<String, Integer> taskTypes) {
    }

    /**
     * Receptacle counts of the 30 floor plans of a room type at one scene size.
     *
     * @param min  fewest receptacles
     * @param mean mean number of receptacles
     * @param max  most receptacles
     */
    public record SceneStats(int min, double mean, int max) {
    }

    /**
     * Everything {@code env stats} prints.
     *
     * @param splits       per split
     * @param sceneSizes   per scene size, per room type
     * @param unseenPlans  floor plans held out of train and L0
     * @param heldOutPairingPercent share of goal pairings held out of train
     */
    public record Stats(List<SplitStats> splits, Map<String, Map<String, SceneStats>> sceneSizes,
                        List<Integer> unseenPlans, int heldOutPairingPercent) {
    }

    /** Computes the statistics (task types come from the split rules; no world is built). */
    public static Stats of(HouseholdSuite suite) {
        List<SplitStats> splits = new ArrayList<>();
        for (SplitInfo info : suite.splits()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String t : suite.taskTypes()) {
                counts.put(t, 0);
            }
            for (int id = 0; id < info.size(); id++) {
                counts.merge(suite.taskType(info.name(), id), 1, Integer::sum);
            }
            counts.values().removeIf(c -> c == 0);
            splits.add(new SplitStats(info.name(), info.size(), info.description(), counts));
        }
        Map<String, Map<String, SceneStats>> sizes = new LinkedHashMap<>();
        for (SceneSize size : SceneSize.values()) {
            Layout[][] layouts = WorldGenerator.layouts(Catalogue.standard(), size);
            Map<String, SceneStats> rooms = new LinkedHashMap<>();
            for (Room room : Room.values()) {
                int min = Integer.MAX_VALUE;
                int max = 0;
                double sum = 0;
                for (Layout l : layouts[room.ordinal()]) {
                    min = Math.min(min, l.receptacles());
                    max = Math.max(max, l.receptacles());
                    sum += l.receptacles();
                }
                rooms.put(room.label(), new SceneStats(min, sum / Room.PLANS, max));
            }
            sizes.put(size.key(), rooms);
        }
        List<Integer> unseen = new ArrayList<>(HouseholdSplits.UNSEEN_PLANS);
        unseen.sort(null);
        return new Stats(splits, sizes, unseen, HouseholdSplits.HELD_OUT_PAIRING_PERCENT);
    }
}
