package dev.untangle.rl.gcd;

import dev.untangle.cli.GcdProbeCommand;
import dev.untangle.cli.TrainCommand;
import dev.untangle.config.PromptOptions;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.policy.HistoryMode;
import dev.untangle.policy.Policy;
import dev.untangle.policy.PromptConfig;
import dev.untangle.policy.TransformerConfig;
import dev.untangle.policy.TransformerPolicy;
import dev.untangle.policy.WordTokenizer;
import dev.untangle.rl.PolicyFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The driver of the GCD results (docs/RESULTS.md), not a test: {@code train ARGS} runs
 * {@code untangle train ARGS} and {@code probe ARGS} runs {@code untangle gcd-probe ARGS}, both with the
 * built-in transformer, for checkouts where the command line does not register them yet. Run it from the test
 * classpath: {@code java -cp target/test-classes:target/classes:DEPS dev.untangle.rl.gcd.GcdExperiment train ...}.
 */
final class GcdExperiment {

    private GcdExperiment() {
    }

    /** The built-in transformer over the suite's corpus plus the verdict query and correction hint. */
    static final class Transformers implements PolicyFactory {
        @Override
        public Policy create(TrainConfig c, EnvironmentSuite suite) {
            List<String> texts = new ArrayList<>(suite.corpus());
            texts.add(c.algorithm().gcd().query());
            texts.add(c.algorithm().gcd().correction().hint());
            WordTokenizer tok = WordTokenizer.build(texts);
            TransformerConfig model = TransformerConfig.builder().setVocabSize(tok.vocabSize())
                    .optContextLength(c.model().contextLength()).optLayers(c.model().layers())
                    .optWidth(c.model().width()).optHeads(c.model().heads())
                    .optMlpWidth(c.model().mlpWidth() == 0 ? 4 * c.model().width() : c.model().mlpWidth())
                    .optDropout(c.model().dropout()).build();
            PromptConfig prompt = PromptConfig.builder()
                    .optHistory(c.prompt().history() == PromptOptions.History.FULL ? HistoryMode.FULL
                            : HistoryMode.WINDOW)
                    .optWindow(c.prompt().window()).optShowAdmissible(c.prompt().admissible())
                    .optMaxPromptTokens(c.prompt().maxTokens()).optMaxTextTokens(c.prompt().maxTextTokens()).build();
            return TransformerPolicy.create(model, prompt, tok, c.seed());
        }

        @Override
        public Policy load(Path dir) {
            return TransformerPolicy.load(dir);
        }
    }

    /** {@code train ARGS} or {@code probe ARGS}. */
    public static void main(String[] args) {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Object cmd = switch (args[0]) {
            case "train" -> new TrainCommand(new Transformers());
            case "probe" -> new GcdProbeCommand(new Transformers());
            default -> throw new IllegalArgumentException("first argument: train or probe, got " + args[0]);
        };
        System.exit(new CommandLine(cmd).execute(rest));
    }
}
