package dev.untangle.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.report.Curve;
import dev.untangle.report.EvalResults;
import dev.untangle.report.ExperimentData;
import dev.untangle.report.MetricsRecord;
import dev.untangle.report.Results;
import dev.untangle.report.RunData;
import dev.untangle.report.RunInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AggregationTest {

    private static final Bootstrap BOOT = new Bootstrap(0.95, 1000, 3);

    private static RunData run(String method, int seed, double l1, List<MetricsRecord> metrics) {
        EvalResults eval = new EvalResults(Map.of("final", Map.of("L1", new EvalResults.SplitEval(l1, 10,
                Map.of("pick", new EvalResults.TypeEval(l1 / 2, 5))))));
        return new RunData("seed-" + seed + "/" + method.replace('+', '-'),
                new RunInfo(method, seed, "finished", "", 10, 1.0, Map.of()), "", metrics, eval);
    }

    @Test
    void pairedDifferencesUseOnlySeedsBothMethodsHave() {
        List<RunData> runs = new ArrayList<>();
        runs.add(run("gigpo", 0, 0.2, List.of()));
        runs.add(run("gigpo", 1, 0.4, List.of()));
        runs.add(run("gigpo", 2, 0.3, List.of()));
        runs.add(run("gigpo+gcd", 0, 0.5, List.of()));
        runs.add(run("gigpo+gcd", 2, 0.4, List.of()));
        runs.add(run("other+gcd", 0, 0.9, List.of()));
        Results r = Aggregation.results(new ExperimentData("x", Map.of(), runs, List.of()), BOOT);
        assertEquals(List.of("gigpo", "gigpo+gcd", "other+gcd"), r.methods());
        assertEquals(1, r.paired().size(), "other+gcd has no baseline");
        Results.Paired p = r.paired().get(0);
        assertEquals(Map.of(0, 0.3, 2, 0.1).keySet(), p.overall().perSeed().keySet());
        assertEquals(0.3, p.overall().perSeed().get(0), 1e-12);
        assertEquals(0.2, p.overall().mean(), 1e-12);
        assertEquals(Math.sqrt(0.02), p.overall().sd(), 1e-12);
        assertEquals(0.1, p.byType().get("pick").mean(), 1e-12);
        assertTrue(Double.isNaN(p.overall().ciLow()) && !p.overall().hasInterval(), "2 seeds: no confidence interval");
        assertEquals(0.1, p.overall().min(), 1e-12);
        assertEquals(0.3, p.overall().max(), 1e-12);
        assertEquals(0.3, r.cell("gigpo", "L1").overall().mean(), 1e-12);
        assertEquals(30, r.cell("gigpo", "L1").episodes());
    }

    private static RunData runWithOutcomes(String method, int seed, List<Integer> fin, List<Integer> sft) {
        Map<String, Map<String, EvalResults.SplitEval>> cps = new java.util.LinkedHashMap<>();
        if (sft != null) {
            cps.put("sft", Map.of("L1", new EvalResults.SplitEval(0, sft.size(), Map.of(), sft, 1.0)));
        }
        cps.put("final", Map.of("L1", new EvalResults.SplitEval(0, fin.size(), Map.of(), fin, 1.0)));
        return new RunData("seed-" + seed + "/" + method.replace('+', '-'),
                new RunInfo(method, seed, "finished", "", 10, 1.0, Map.of()), "", List.of(), new EvalResults(cps));
    }

    private static RunData graded(String method, int seed, double success, double envReturn) {
        EvalResults eval = new EvalResults(Map.of("final", Map.of("L1", new EvalResults.SplitEval(success, 10,
                Map.of(), List.of(), 1.0, envReturn))));
        return new RunData("seed-" + seed + "/" + method, new RunInfo(method, seed, "finished", "", 10, 1.0,
                Map.of()), "", List.of(), eval);
    }

    @Test
    void theEnvironmentReturnIsAveragedOverSeedsAndShownOnlyWhenItIsNotSuccess() {
        // a graded world: a lost episode can still score, so the return exceeds the success rate
        Results graded = Aggregation.results(new ExperimentData("x", Map.of(), List.of(graded("grpo", 0, 0.1, 0.35),
                graded("grpo", 1, 0.3, 0.55), graded("gigpo", 0, 0.2, Double.NaN)), List.of()), BOOT);
        assertEquals(0.45, graded.cell("grpo", "L1").envReturn().mean(), 1e-12);
        assertEquals(2, graded.cell("grpo", "L1").envReturn().n());
        assertEquals(null, graded.cell("gigpo", "L1").envReturn(), "not recorded: no estimate");
        assertTrue(dev.untangle.report.HtmlReport.gradedReturn(graded));
        // success rewards: the return equals success and the report leaves the table out
        Results plain = Aggregation.results(new ExperimentData("x", Map.of(), List.of(graded("grpo", 0, 0.4, 0.4)),
                List.of()), BOOT);
        assertEquals(0.4, plain.cell("grpo", "L1").envReturn().mean(), 1e-12);
        assertTrue(!dev.untangle.report.HtmlReport.gradedReturn(plain));
    }

    @Test
    void taskComparisonsCoverGcdPairsTheSftStartAndEveryOtherPair() {
        List<RunData> runs = List.of(
                runWithOutcomes("grpo", 0, List.of(1, 1, 0, 0), List.of(0, 0, 0, 1)),
                runWithOutcomes("gigpo", 0, List.of(1, 1, 1, 0), List.of(0, 0, 0, 1)),
                runWithOutcomes("gigpo+gcd", 0, List.of(1, 1, 1, 1), List.of(0, 0, 0, 1)));
        Results r = Aggregation.results(new ExperimentData("x", Map.of(), runs, List.of()), BOOT);
        List<String> got = r.taskComparisons().stream().map(c -> c.first() + "|" + c.second() + "|" + c.kind()).toList();
        // No sft run: the SFT start is each run's own sft checkpoint.
        assertEquals(List.of("gigpo+gcd|gigpo|gcd", "grpo|sft|sft", "gigpo|sft|sft", "gigpo+gcd|sft|sft",
                "gigpo|grpo|other", "gigpo+gcd|grpo|other"), got);
        Results.TaskComparison vsSft = r.taskComparisons().get(1);
        assertEquals(2, vsSft.b());                                   // tasks 0 and 1
        assertEquals(1, vsSft.c());                                   // task 3
        assertEquals(0.25, vsSft.difference(), 1e-12);
        assertEquals(1.0, vsSft.pValue(), 1e-12);                    // 2 * (1 + 3)/8 = 1
        assertEquals(List.of(), r.outcomesMissing());
    }

    @Test
    void eachArmIsComparedWithItsOwnColdStart() {
        // Issue 25 item 16: the +gcd arms start from sft+critic, so that is their "vs start" comparison.
        List<RunData> runs = List.of(
                runWithOutcomes("sft", 0, List.of(1, 0, 0, 0), null),
                runWithOutcomes("sft+critic", 0, List.of(0, 0, 0, 1), null),
                runWithOutcomes("grpo", 0, List.of(1, 1, 0, 0), List.of(1, 0, 0, 0)),
                runWithOutcomes("grpo+gcd", 0, List.of(1, 1, 1, 1), List.of(0, 0, 0, 1)));
        Results r = Aggregation.results(new ExperimentData("x", Map.of(), runs, List.of()), BOOT);
        List<String> got = r.taskComparisons().stream().map(c -> c.first() + "|" + c.second() + "|" + c.kind()).toList();
        assertEquals(List.of("grpo+gcd|grpo|gcd", "sft+critic|sft|sft", "grpo|sft|sft", "grpo+gcd|sft+critic|sft",
                "grpo+gcd|sft|other", "grpo|sft+critic|other"), got);
        Results.TaskComparison own = r.taskComparisons().get(3);
        assertEquals(3, own.b());
        assertEquals(0, own.c());
        assertEquals("sft+critic", Aggregation.startOf("gigpo+gcd", List.of("sft", "sft+critic", "gigpo+gcd")));
        assertEquals("sft", Aggregation.startOf("gigpo+gcd", List.of("sft", "gigpo+gcd")), "gcd_cold_start: shared");
        assertEquals("sft", Aggregation.startOf("gigpo", List.of("sft", "sft+critic", "gigpo")));
        assertEquals(null, Aggregation.startOf("sft", List.of("sft")));
    }

    @Test
    void estimateDropsNonFiniteValues() {
        TreeMap<Integer, Double> m = new TreeMap<>(Map.of(0, 1.0, 1, Double.NaN, 2, 3.0));
        Results.Estimate e = Aggregation.estimate(m, BOOT);
        assertEquals(2, e.n());
        assertEquals(2.0, e.mean());
        assertEquals(List.of(0, 2), List.copyOf(e.perSeed().keySet()));
        Results.Estimate none = Aggregation.estimate(new TreeMap<>(), BOOT);
        assertEquals(0, none.n());
        assertTrue(Double.isNaN(none.mean()) && Double.isNaN(none.ciLow()));
    }

    @Test
    void curvesAverageSeedsPerIterationWithBandsOnlyWhereTwoSeedsLogged() {
        List<RunData> runs = List.of(
                run("grpo", 0, 0.1, List.of(new MetricsRecord(0, Map.of("coupling/index", 0.2)),
                        new MetricsRecord(5, Map.of("coupling/index", 0.4)))),
                run("grpo", 1, 0.1, List.of(new MetricsRecord(0, Map.of("coupling/index", 0.6)),
                        new MetricsRecord(3, Map.of("coupling/index", Double.NaN)))));
        List<Curve> curves = Aggregation.curves(new ExperimentData("x", Map.of(), runs, List.of()), BOOT);
        assertEquals(1, curves.size());
        Curve c = curves.get(0);
        assertEquals("coupling/index", c.key());
        assertEquals(2, c.seeds());
        assertEquals(List.of(0.0, 5.0), List.of(c.x()[0], c.x()[1]));
        assertEquals(0.4, c.mean()[0], 1e-12);
        assertEquals(0.4, c.mean()[1], 1e-12);
        assertTrue(c.low()[0] >= 0.2 - 1e-12 && c.high()[0] <= 0.6 + 1e-12);
        assertTrue(Double.isNaN(c.low()[1]), "one seed at iteration 5: no band");
    }
}
