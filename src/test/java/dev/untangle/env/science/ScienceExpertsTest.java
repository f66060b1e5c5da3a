package dev.untangle.env.science;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ScienceExpertsTest {

    static final ScienceSuite SUITE = new ScienceSuite(ScienceOptions.defaults());

    /** One played episode: the scores after each step, the transcript and the last step. */
    record Played(List<Integer> scores, List<String> transcript, StepResult last, double rewardSum) {
    }

    static Played play(ScienceSuite suite, Expert expert, String split, int id) {
        try (TextEnvironment env = suite.create()) {
            ScienceEnvironment s = (ScienceEnvironment) env;
            Reset reset = env.reset(split, id);
            expert.begin(env, reset);
            String obs = reset.observation();
            List<Integer> scores = new ArrayList<>();
            List<String> transcript = new ArrayList<>(List.of(obs));
            StepResult r = null;
            double sum = 0;
            while (r == null || !r.done()) {
                String c = expert.next(env, obs);
                r = env.step(c);
                obs = r.observation();
                sum += r.reward();
                scores.add(s.score());
                transcript.add("> " + c + "\n" + obs);
            }
            return new Played(scores, transcript, r, sum);
        }
    }

    static void assertSolved(Played p, String what) {
        if (!p.last().won()) {
            List<String> t = p.transcript();
            fail(what + " not won (score " + p.scores().get(p.scores().size() - 1) + "):\n"
                    + String.join("\n", t.subList(0, Math.min(t.size(), 4))) + "\n...\n"
                    + String.join("\n", t.subList(Math.max(0, t.size() - 30), t.size())));
        }
    }

    @Test
    void bothExpertsReachScore100OnEveryTaskOfEverySplit() {
        for (String split : List.of("train", "L0", "L1", "L2")) {
            int n = SUITE.split(split).size();
            Set<String> types = new TreeSet<>();
            for (int id = 0; id < n; id++) {
                for (String name : SUITE.experts()) {
                    Played p = play(SUITE, SUITE.expert(name).orElseThrow(), split, id);
                    assertSolved(p, name + " on " + split + "/" + id + " (" + SUITE.taskType(split, id) + ")");
                    assertEquals(100, p.scores().get(p.scores().size() - 1));
                    assertEquals(1.0, p.rewardSum(), 1e-9, "rewards sum to score/100");
                    for (int k = 1; k < p.scores().size(); k++) {
                        assertTrue(p.scores().get(k) >= p.scores().get(k - 1),
                                "score fell along the expert path " + split + "/" + id + ": " + p.scores());
                    }
                }
                types.add(SUITE.taskType(split, id));
            }
            List<TaskType> expected = split.equals("L2") ? ScienceSplits.L2_TYPES : ScienceSplits.TRAIN_TYPES;
            assertEquals(new TreeSet<>(expected.stream().map(TaskType::id).toList()), types, "types of " + split);
        }
    }
}
