package dev.untangle.cli;

import dev.untangle.coupling.theory.NegativeSampleRow;
import dev.untangle.coupling.theory.RiskyActionReport;
import dev.untangle.coupling.theory.RiskyActionRow;
import dev.untangle.coupling.theory.SqueezeReport;
import dev.untangle.coupling.theory.SqueezeStep;
import dev.untangle.coupling.theory.TheoryReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code untangle theory}: prints the Lemma 3.1 and Theorem 3.2 checks. */
@Command(name = "theory", mixinStandardHelpOptions = true,
        description = {"Check the paper's Lemma 3.1 (expected group-relative advantage of a risky action: closed "
                + "form, exact finite-G values, brute-force enumeration and Monte-Carlo, mean-only and mean/std) "
                + "and Theorem 3.2 (squeezing effect on a 3-action softmax policy). Formulas: docs/ALGORITHMS.md."})
public final class TheoryCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "print both reports (with the full series) as JSON")
    boolean json;

    @Override
    public Integer call() {
        TheoryReport report = TheoryReport.standard();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, report);
            return 0;
        }
        RiskyActionReport l = report.lemma();
        out.printf("Lemma 3.1: p=%.2f q=%.2f r=%.2f; E[A 1{risky}] limit q r (q-1) = %.5f (mean/std limit %.5f)%n",
                l.successProbability(), l.riskyProbability(), l.risk(), l.limitMean(), l.limitStd());
        out.printf("%5s | %9s %9s %9s %18s | %9s %9s %18s | %7s %7s%n", "G", "closed", "exact", "enum",
                "monte-carlo", "exact", "enum", "monte-carlo", "mean/lim", "std/lim");
        for (RiskyActionRow r : l.rows()) {
            out.printf("%5s | %9.5f %9.5f %9s %18s | %9.5f %9s %18s | %7.4f %7.4f%n",
                    r.groupSize() == 0 ? "inf" : Integer.toString(r.groupSize()), r.meanClosedForm(), r.meanExact(),
                    opt(r.meanEnumerated()), mc(r.meanMonteCarlo(), r.meanStdError()), r.stdExact(),
                    opt(r.stdEnumerated()), mc(r.stdMonteCarlo(), r.stdStdError()), r.meanExact() / l.limitMean(),
                    r.stdExact() / l.limitStd());
        }
        SqueezeReport s = report.squeeze();
        out.printf("%nTheorem 3.2 (squeezing): R(good, mild, severe) = (%.2f, %.2f, %.2f), eta=%.2f, ||x||^2=%.2f%n",
                s.rewards()[0], s.rewards()[1], s.rewards()[2], s.learningRate(), s.featureNormSquared());
        out.printf("%5s %8s %8s %8s %8s %8s %10s %10s%n", "step", "good", "mild", "severe", "bad", "Rbar",
                "mild-up", "predicted");
        for (SqueezeStep st : s.series()) {
            if (st.step() % 4 == 0 || st.step() == s.series().size() - 1) {
                out.printf("%5d %8.4f %8.4f %8.4f %8.4f %8.4f %10s %10s%n", st.step(), st.good(), st.mild(),
                        st.severe(), st.bad(), st.expectedReward(), st.mildRises(), st.mildRisesPredicted());
            }
        }
        out.printf("updates where pi(mild) rose while pi(bad) fell: %d of %d; peak pi(mild) %.4f; pi(bad) fell at "
                + "every update: %s; first-order prediction matched: %.3f%n", s.stepsMildRisesBadFalls(),
                s.series().size() - 1, s.peakMild(), s.badMonotone(), s.predictionAgreement());
        out.println("one negative update (A = -1) on a sampled severe action:");
        out.printf("%26s | %26s%n", "pi before (good mild sev)", "change (good mild sev)");
        for (NegativeSampleRow n : s.negativeSamples()) {
            out.printf("%8.3f %8.3f %8.3f | %8.4f %8.4f %8.4f%n", n.goodBefore(), n.mildBefore(), n.severeBefore(),
                    n.goodChange(), n.mildChange(), n.severeChange());
        }
        out.flush();
        return 0;
    }

    private static String opt(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.5f", v);
    }

    private static String mc(double v, double se) {
        return Double.isNaN(v) ? "-" : String.format("%.5f+-%.5f", v, se);
    }
}
