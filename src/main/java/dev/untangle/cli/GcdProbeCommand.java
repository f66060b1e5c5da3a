package dev.untangle.cli;

import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.policy.Policy;
import dev.untangle.rl.PolicyFactory;
import dev.untangle.rl.RunDirectory;
import dev.untangle.rl.gcd.CriticData;
import dev.untangle.rl.gcd.GcdProbe;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code untangle gcd-probe}: verdict accuracy/AUC and good-vs-bad representation cosine of a checkpoint. */
@Command(name = "gcd-probe", mixinStandardHelpOptions = true,
        description = "Score a checkpoint's verdicts and good/bad action representations on critic pairs of a split "
                + "(expert action = good, non-progressing commands = bad; docs/ALGORITHMS.md \"GCD probe\").")
public final class GcdProbeCommand implements Callable<Integer> {

    private final PolicyFactory factory;

    @Spec
    CommandSpec spec;

    @Mixin
    SavedRunOptions run = new SavedRunOptions();

    @Option(names = "--split", required = true, paramLabel = "S", description = "split, for example L0")
    String split;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "50",
            description = "tasks to build pairs from, the first N ids (0: all; default ${DEFAULT-VALUE})")
    int tasks;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;


    /** Creates the command with the policy implementation to load. */
    public GcdProbeCommand(PolicyFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() {
        if (tasks < 0) {
            throw new UserError("--tasks must be >= 0, got " + tasks);
        }
        RunDirectory.SavedPolicy saved = run.saved();
        TrainConfig cfg = run.config(saved);
        EnvironmentSuite suite = Environments.create(cfg.env().name(), cfg.env().options());
        suite.split(split);
        GcdProbe.Result r;
        try (Policy policy = factory.load(saved.policyDir())) {
            CriticData.Result pairs = new CriticData(suite, cfg.sft().expert(), cfg.sft().critic(),
                    cfg.rollout().maxSteps()).build(split, tasks, policy, cfg.algorithm().gcd().verdictQuery());
            r = GcdProbe.measure(policy, pairs.items(), cfg.algorithm().gcd().verdictQuery());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = r.toJson();
            m.put("split", split);
            m.put("tasks", tasks);
            Json.print(out, m);
        } else {
            out.printf("%s: %d pairs from %d items; verdict accuracy %.3f, AUC %.3f (good %.3f); "
                    + "cos(h_good, h_bad) %.4f (centred %.4f); at the verdict position %.4f (centred %.4f)%n",
                    split, r.pairs(), r.items(), r.accuracy(), r.auc(), r.goodFraction(), r.cosGoodBad(),
                    r.cosGoodBadCentred(), r.verdictCosGoodBad(), r.verdictCosGoodBadCentred());
            out.flush();
        }
        return 0;
    }
}
