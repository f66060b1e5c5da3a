package dev.untangle.env.household;

import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Shared suites for the tests (task generation is cached per suite, so sharing keeps the tests fast). */
final class Suites {

    private static final Map<String, HouseholdSuite> SUITES = new ConcurrentHashMap<>();

    private Suites() {
    }

    static HouseholdSuite get(Grammar grammar, SceneSize size) {
        return SUITES.computeIfAbsent(grammar.key() + "/" + size.key(),
                k -> new HouseholdSuite(HouseholdOptions.defaults().withGrammar(grammar).withSceneSize(size)));
    }

    static HouseholdSuite standard() {
        return get(Grammar.NEW, SceneSize.ALFWORLD);
    }

    /** Plays an expert on a task; returns the final step (won/done) and the number of steps. */
    static StepResult play(HouseholdSuite suite, Expert expert, String split, int id) {
        try (TextEnvironment env = suite.create()) {
            Reset reset = env.reset(split, id);
            expert.begin(env, reset);
            String obs = reset.observation();
            StepResult last = null;
            while (last == null || !last.done()) {
                last = env.step(expert.next(env, obs));
                obs = last.observation();
            }
            return last;
        }
    }

    static final List<String> SPLITS = List.of("train", "L0", "L1", "L2");
}
