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
    record Played(List<Integer> scores, List<String> transcript, StepResult last, double rewardSum, int invalid) {
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
            List<String> admissible = reset.admissible();
            double sum = 0;
            int invalid = 0;
            while (r == null || !r.done()) {
                String c = expert.next(env, obs);
                invalid += admissible.contains(c) ? 0 : 1;
                r = env.step(c);
                admissible = r.admissible();
                obs = r.observation();
                sum += r.reward();
                invalid += r.valid() ? 0 : 1;
                scores.add(s.score());
                transcript.add("> " + c + "\n" + obs);
            }
            return new Played(scores, transcript, r, sum, invalid);
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
                    assertEquals(0, p.invalid(), name + " played a refused or non-admissible command on " + split
                            + "/" + id + ":\n" + String.join("\n", p.transcript()));
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

    /** Steps the oracle needs to win after replaying {@code prefix} (as the GCD critic data measures it). */
    private static int oracleDistance(String split, int id, List<String> prefix) {
        try (TextEnvironment env = SUITE.create()) {
            Reset reset = env.reset(split, id);
            String obs = reset.observation();
            for (String c : prefix) {
                obs = env.step(c).observation();
            }
            Expert oracle = SUITE.expert("oracle").orElseThrow();
            oracle.begin(env, reset);
            for (int k = 1; k <= 100; k++) {
                StepResult r = env.step(oracle.next(env, obs));
                obs = r.observation();
                if (r.won()) {
                    return k;
                }
                if (r.done()) {
                    return Integer.MAX_VALUE;
                }
            }
            return Integer.MAX_VALUE;
        }
    }

    @Test
    void theOracleResumesFromEveryStateOfBothExpertsPaths() {
        for (String split : List.of("train", "L1", "L2")) {
            for (int id = 0; id < 40; id++) {
                List<String> oraclePath = commands(split, id, "oracle");
                for (int k = 0; k < oraclePath.size(); k++) {
                    assertEquals(oraclePath.size() - k, oracleDistance(split, id, oraclePath.subList(0, k)),
                            "oracle distance after " + k + " of its own steps on " + split + "/" + id + ": "
                                    + oraclePath);
                }
                List<String> searcherPath = commands(split, id, "searcher");
                for (int k = 0; k < searcherPath.size(); k++) {
                    assertTrue(oracleDistance(split, id, searcherPath.subList(0, k)) <= searcherPath.size() - k,
                            "from the searcher's states the oracle wins, never slower than the searcher: " + split
                                    + "/" + id + " after " + k + " steps " + searcherPath);
                }
            }
        }
    }

    private static List<String> commands(String split, int id, String expert) {
        List<String> out = new ArrayList<>();
        for (String line : play(SUITE, SUITE.expert(expert).orElseThrow(), split, id).transcript()) {
            if (line.startsWith("> ")) {
                out.add(line.substring(2, line.indexOf('\n')));
            }
        }
        return out;
    }

    @Test
    void theSearcherFinishesMostTasksAfterAnotherAgentsRandomCommands() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        int won = 0;
        int played = 0;
        for (String split : List.of("train", "L2")) {
            for (int id = 0; id < 150; id++) {
                try (TextEnvironment env = SUITE.create()) {
                    Reset reset = env.reset(split, id);
                    Expert searcher = SUITE.expert("searcher").orElseThrow();
                    assertTrue(searcher.labelsOtherAgents());
                    searcher.begin(env, reset);
                    String obs = reset.observation();
                    List<String> adm = reset.admissible();
                    StepResult r = null;
                    for (int k = 0; k < 10; k++) {
                        String c = adm.get(rng.nextInt(adm.size()));
                        if (c.startsWith("focus on ")) {
                            continue;
                        }
                        searcher.next(env, obs);                // what it would have played, discarded
                        searcher.played(c);
                        r = env.step(c);
                        obs = r.observation();
                        adm = r.admissible();
                    }
                    while (r == null || !r.done()) {
                        r = env.step(searcher.next(env, obs));
                        obs = r.observation();
                    }
                    won += r.won() ? 1 : 0;
                    played++;
                }
            }
        }
        assertTrue(won >= 0.9 * played, "the searcher won " + won + " of " + played + " after random prefixes");
    }
}
