package dev.untangle.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.env.EnvironmentException;
import dev.untangle.env.TaskSpec;
import dev.untangle.policy.Decoding;
import dev.untangle.rl.TinyFactory;
import dev.untangle.rl.TinyWorld;
import dev.untangle.policy.Policy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An evaluation the environment failed entirely is an error, not a NaN; NaN values are written as null. */
class EvaluatorFailureTest {

    @Test
    void anEvaluationWhoseEveryEpisodeFailedIsAnErrorNamingTheCause() {
        TinyWorld world = new TinyWorld(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8));
        try (Policy p = new TinyFactory().create(dev.untangle.config.TrainConfig.read(
                dev.untangle.config.ConfigTree.empty().withOverrides(List.of("env.name=tiny"))), world)) {
            EnvironmentException e = assertThrows(EnvironmentException.class, () -> new Evaluator(world, 4, 4)
                    .evaluate(p, "L0", 9, new Decoding(true, true, 1.0, 3), 1));
            assertTrue(e.getMessage().contains("evaluation on L0") && e.getMessage().contains("failed on purpose"),
                    e.getMessage());
        }
    }

    @Test
    void nanIsWrittenAsNull() throws Exception {
        TaskSpec task = new TaskSpec("L0", 0, "door", "open the door");
        EvalResult r = Evaluator.summarize("L0", "greedy", List.of(new PlayedEpisode(task, List.of(), false,
                "server down")), List.of("door"));
        assertEquals(0, r.episodes());
        String json = new ObjectMapper().writeValueAsString(r.toJson());
        Map<?, ?> back = new ObjectMapper().readValue(json, Map.class);
        assertTrue(back.containsKey("success_rate"));
        assertNull(back.get("success_rate"), json);
        assertTrue(!json.contains("NaN"), json);
    }
}
