package dev.untangle.rl;

import dev.untangle.env.TaskSpec;
import dev.untangle.rl.trajectory.CollectedStep;
import dev.untangle.rl.trajectory.Episode;
import java.util.ArrayList;
import java.util.List;

/** Hand-built episodes for estimator tests. */
public final class Episodes {

    private Episodes() {
    }

    /**
     * An episode whose steps answered the given observations.
     *
     * @param valid one flag per step
     */
    public static Episode of(int id, int group, boolean won, List<String> observations, boolean... valid) {
        List<CollectedStep> steps = new ArrayList<>();
        for (int t = 0; t < observations.size(); t++) {
            boolean ok = valid.length == 0 || valid[t];
            steps.add(new CollectedStep(id, group, t, "train/" + group, "type", observations.get(t),
                    new int[] {3}, new int[] {4, 2}, new float[] {-1f, -1f}, null, 1.0, ok, Double.NaN, 0));
        }
        return new Episode(id, group, new TaskSpec("train", group, "type", "goal"), steps, won, null);
    }

    /** An episode the environment failed. */
    public static Episode failed(int id, int group) {
        Episode e = of(id, group, true, List.of("x"));
        return new Episode(id, group, e.task(), e.steps(), false, "connection refused");
    }
}
