package dev.untangle.policy;

import java.util.ArrayList;
import java.util.List;

/** Tiny models and a small text world vocabulary for fast policy tests. */
final class TinyPolicies {

    static final List<String> CORPUS = List.of(
            "You are in the middle of a room. Looking quickly around you, you see a countertop 1, a countertop 2, "
                    + "a cabinet 1, a fridge 1 and a sinkbasin 1.",
            "Your task is to: put a clean apple in fridge.",
            "go to countertop 1", "go to countertop 2", "go to cabinet 1", "go to fridge 1", "open fridge 1",
            "take apple 1 from countertop 1", "move apple 1 to countertop 2", "put apple 1 in/on fridge 1",
            "clean apple 1 with sinkbasin 1", "look", "inventory", "Nothing happens.",
            "On the countertop 1, you see a apple 1, and a bread 2.", "You arrive at countertop 2.",
            "Is this action good or bad?", "That command is not admissible.");

    static final List<String> COMMANDS = List.of("go to countertop 1", "go to countertop 2", "go to cabinet 1",
            "go to fridge 1", "open fridge 1", "take apple 1 from countertop 1", "look", "inventory");

    /**
     * Model variants the consistency tests run on: both position encodings, rotary with the goal match, and rotary
     * with the goal match and the goal copy.
     */
    enum Variant {
        LEARNED(TransformerConfig.Positions.LEARNED, false, false),
        ROPE(TransformerConfig.Positions.ROPE, false, false),
        ROPE_GOAL_MATCH(TransformerConfig.Positions.ROPE, true, false),
        ROPE_GOAL_COPY(TransformerConfig.Positions.ROPE, true, true);

        final TransformerConfig.Positions positions;
        final boolean goalMatch;
        final boolean goalCopy;

        Variant(TransformerConfig.Positions positions, boolean goalMatch, boolean goalCopy) {
            this.positions = positions;
            this.goalMatch = goalMatch;
            this.goalCopy = goalCopy;
        }
    }

    private TinyPolicies() {
    }

    static WordTokenizer tokenizer() {
        return WordTokenizer.build(CORPUS);
    }

    static TransformerConfig model(WordTokenizer tok, int layers, int width) {
        return model(tok, layers, width, TransformerConfig.Positions.LEARNED);
    }

    static TransformerConfig model(WordTokenizer tok, int layers, int width, TransformerConfig.Positions positions) {
        return TransformerConfig.builder().setVocabSize(tok.vocabSize()).optContextLength(160).optLayers(layers)
                .optWidth(width).optHeads(2).optPositions(positions).build();
    }

    static TransformerPolicy window(long seed) {
        return window(seed, TransformerConfig.Positions.LEARNED);
    }

    static TransformerPolicy window(long seed, TransformerConfig.Positions positions) {
        return window(seed, positions == TransformerConfig.Positions.ROPE ? Variant.ROPE : Variant.LEARNED);
    }

    static TransformerPolicy window(long seed, Variant variant) {
        WordTokenizer tok = tokenizer();
        return TransformerPolicy.create(model(tok, variant), PromptConfig.builder().optWindow(2)
                .optMaxPromptTokens(140).build(), tok, seed);
    }

    static TransformerConfig model(WordTokenizer tok, Variant variant) {
        return model(tok, 2, 32, variant.positions).toBuilder().optGoalMatch(variant.goalMatch)
                .optGoalCopy(variant.goalCopy).build();
    }

    static TransformerPolicy full(long seed) {
        return full(seed, TransformerConfig.Positions.LEARNED);
    }

    static TransformerPolicy full(long seed, TransformerConfig.Positions positions) {
        return full(seed, positions == TransformerConfig.Positions.ROPE ? Variant.ROPE : Variant.LEARNED);
    }

    static TransformerPolicy full(long seed, Variant variant) {
        WordTokenizer tok = tokenizer();
        return TransformerPolicy.create(model(tok, variant), PromptConfig.builder()
                .optHistory(HistoryMode.FULL).optMaxPromptTokens(140).build(), tok, seed);
    }

    /** Contexts of different lengths (different padding per row). */
    static List<AgentContext> contexts(int n) {
        List<AgentContext> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Turn> history = new ArrayList<>();
            for (int j = 0; j < i % 4; j++) {
                history.add(new Turn(j % 2 == 0 ? "You arrive at countertop 2." : "Nothing happens.",
                        COMMANDS.get((i + j) % COMMANDS.size())));
            }
            List<String> adm = COMMANDS.subList(0, 2 + i % (COMMANDS.size() - 1));
            out.add(new AgentContext("Your task is to: put a clean apple in fridge.", history,
                    i % 2 == 0 ? "On the countertop 1, you see a apple 1, and a bread 2."
                            : "You arrive at countertop 2.",
                    adm));
        }
        return out;
    }
}
