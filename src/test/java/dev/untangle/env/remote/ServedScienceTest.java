package dev.untangle.env.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code untangle serve --env science} answers AgentGym's sciworld protocol: {@code agentgym:sciworld} plays the
 * served in-process science world end to end, sees the same observations, and its graded score (rewards summing to
 * score / 100) arrives as the client's reward.
 */
class ServedScienceTest {

    @Test
    void theSciworldClientPlaysTheServedScienceWorld() throws Exception {
        EnvironmentSuite science = Environments.create("science", Map.of());
        try (AgentGymServer server = AgentGymServer.start(science, ServeSettings.builder().optPort(0).optMaxEnvs(2)
                .optIdleTimeout(Duration.ofSeconds(60)).optThreads(2).build());
             TextEnvironment local = science.create()) {
            EnvironmentSuite client = Environments.create("agentgym:sciworld", Map.of("urls",
                    server.url().toString(), "splits", "train:0:3", "timeout_ms", "20000"));
            Expert searcher = science.expert("searcher").orElseThrow();
            try (TextEnvironment remote = client.create()) {
                for (int task = 0; task < 3; task++) {
                    Reset r = local.reset("train", task);
                    searcher.begin(local, r);
                    List<String> path = new ArrayList<>();
                    String obs = r.observation();
                    StepResult last = null;
                    while (last == null || !last.done()) {
                        String cmd = searcher.next(local, obs);
                        path.add(cmd);
                        last = local.step(cmd);
                        obs = last.observation();
                    }
                    assertTrue(last.won(), "the searcher wins train/" + task);
                    Reset rr = remote.reset("train", task);
                    assertTrue(rr.observation().startsWith(r.task().goal() + "\n"), rr.observation());
                    assertTrue(rr.observation().endsWith(r.observation()), "the served first observation follows");
                    for (int k = 0; k < path.size(); k++) {
                        StepResult s = remote.step(path.get(k));
                        boolean end = k == path.size() - 1;
                        assertEquals(end, s.done(), "step " + k + " of train/" + task);
                        if (end) {
                            assertTrue(s.won());
                            assertEquals(100.0, s.rawReward(), 1e-9, "the served cumulative score");
                            assertEquals(1.0, s.reward(), 1e-9, "the client's normalised reward");
                        } else {
                            assertFalse(s.won());
                            assertEquals(0.0, s.reward(), "sciworld pays at the end of the episode");
                        }
                    }
                }
            }
        }
    }
}
