package dev.untangle.cli;

import dev.untangle.coupling.theory.GroupNormalization;
import dev.untangle.coupling.toy.ToyConfig;
import dev.untangle.coupling.toy.ToyIteration;
import dev.untangle.coupling.toy.ToyMethod;
import dev.untangle.coupling.toy.ToyInput;
import dev.untangle.coupling.toy.ToyModelKind;
import dev.untangle.coupling.toy.ToyResult;
import dev.untangle.coupling.toy.ToySummary;
import dev.untangle.coupling.toy.ToyTrainer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code untangle toy}: trains the coupled bandit with GRPO or GCD and prints the coupling measurements. */
@Command(name = "toy", mixinStandardHelpOptions = true,
        description = {"Train the coupled-bandit testbed (twin states with feature cosine rho; the good action of a "
                + "state is the bad action of its twin) and report pi(bad), the coupling index and the harmful "
                + "coupling rate over training. Formulas: docs/ALGORITHMS.md, \"Coupled-bandit testbed\"."})
public final class ToyCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rho", defaultValue = "0.9", description = "twin feature cosine in [0, 1] (default ${DEFAULT-VALUE})")
    double rho;

    @Option(names = "--method", defaultValue = "grpo", description = "grpo or gcd (default ${DEFAULT-VALUE})")
    ToyMethod method;

    @Option(names = "--model", defaultValue = "shared", description = "linear, mlp or shared (policy and verdict read "
            + "one (state, action) representation; default ${DEFAULT-VALUE})")
    ToyModelKind model;

    @Option(names = "--input", defaultValue = "product", description = "input of the shared model: product "
            + "(e_a (x) x_s, no bias) or concat ([x_s; e_a] + bias) (default ${DEFAULT-VALUE})")
    ToyInput input;

    @Option(names = "--hidden", defaultValue = "128", description = "width H of the MLP models (default ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--seed", defaultValue = "0", description = "seed of all randomness (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--iterations", defaultValue = "300", description = "updates (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--gcd-weight", defaultValue = "5.0",
            description = "lambda, weight of the verdict loss for gcd (default ${DEFAULT-VALUE})")
    double gcdWeight;

    @Option(names = "--learning-rate", defaultValue = "0.2", description = "eta (default ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--states-per-batch", defaultValue = "8",
            description = "states drawn per update, of 16 (default ${DEFAULT-VALUE})")
    int statesPerBatch;

    @Option(names = "--group-size", defaultValue = "8", description = "G, actions per state (default ${DEFAULT-VALUE})")
    int groupSize;

    @Option(names = "--normalization", defaultValue = "mean_std",
            description = "group advantage: mean or mean_std (default ${DEFAULT-VALUE})")
    GroupNormalization normalization;

    @Option(names = "--every", defaultValue = "25", description = "print every Nth update (default ${DEFAULT-VALUE})")
    int every;

    @Option(names = "--json", description = "print the configuration, series and summary as JSON")
    boolean json;

    @Override
    public Integer call() {
        if (every < 1) {
            throw new UserError("--every must be >= 1 (got " + every + ")");
        }
        ToyConfig config = ToyConfig.builder().rho(rho).method(method).model(model).input(input).hidden(hidden).seed(seed)
                .iterations(iterations)
                .gcdWeight(gcdWeight).learningRate(learningRate).statesPerBatch(statesPerBatch).groupSize(groupSize)
                .normalization(normalization).build();
        ToyResult result = new ToyTrainer(config).run();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, result);
            return 0;
        }
        String shape = switch (model) {
            case LINEAR -> "";
            case MLP -> " hidden=" + hidden;
            case SHARED -> " input=" + input.name().toLowerCase() + " hidden=" + hidden;
        };
        out.printf("coupled bandit: model=%s%s method=%s rho=%.2f seed=%d parameters=%d%n",
                model.name().toLowerCase(), shape, method.name().toLowerCase(), rho, seed, result.parameters());
        out.printf("%6s %8s %9s %8s %9s %8s %9s %9s%n", "iter", "pi(bad)", "coupling", "harmful", "harm(pred)",
                "corr", "verdict", "twin-rep");
        for (ToyIteration it : result.series()) {
            if (it.iteration() % every == 0 || it.iteration() == iterations - 1) {
                out.printf("%6d %8.3f %9.3f %8.3f %9.3f %8.3f %9.3f %9.3f%n", it.iteration(), it.badProbability(),
                        it.couplingIndex(), it.harmfulRate(), it.harmfulRatePredicted(), it.dynamicsCorrelation(),
                        it.verdictAccuracy(), it.twinRepresentationCosine());
            }
        }
        ToySummary s = result.summary();
        out.printf("summary: harm %.3f (harmful change of log pi(good) elsewhere per unit of intended change)%n",
                s.harm());
        out.printf("         sign-count harmful rate %.3f over the %.0f%% of updates that moved theta (predicted %.3f; "
                + "probes of states with signal %.3f, without %.3f; wrong-way mass %.3f)%n", s.harmfulRate(),
                100 * (1 - s.emptyUpdateShare()), s.harmfulRatePredicted(), s.harmfulRateTrained(),
                s.harmfulRateUntrained(), s.harmfulMass());
        out.printf("         coupling index %.3f, pi(bad) %.3f -> %.3f, verdict accuracy %.3f, twin representation "
                + "cosine %.3f%n", s.couplingIndex(), s.initialBadProbability(), s.finalBadProbability(),
                s.finalVerdictAccuracy(), s.finalTwinRepresentationCosine());
        out.flush();
        return 0;
    }
}
