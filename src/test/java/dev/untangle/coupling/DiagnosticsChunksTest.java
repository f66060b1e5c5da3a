package dev.untangle.coupling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.untangle.policy.ScoreRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Diagnostics score probes in passes bounded by rows x longest^2 (full-history prompts run to thousands of tokens). */
class DiagnosticsChunksTest {

    private static List<ScoreRequest> requests(int n, int length) {
        List<ScoreRequest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ScoreRequest(new int[length - 1], new int[] {1}));
        }
        return out;
    }

    @Test
    void householdProbesAreOnePass() {
        List<ScoreRequest> r = requests(64, 448);
        assertEquals(List.of(r), CouplingDiagnostics.chunks(r));
    }

    @Test
    void longProbesAreSplitWithinTheBoundInTheirOrder() {
        List<ScoreRequest> r = requests(64, 3000);                  // 3 rows x 3000^2 = 2.7e7 <= 2^25 < 4 rows
        List<List<ScoreRequest>> c = CouplingDiagnostics.chunks(r);
        assertEquals(22, c.size());
        List<ScoreRequest> joined = new ArrayList<>();
        for (List<ScoreRequest> chunk : c) {
            long longest = chunk.stream().mapToLong(q -> q.context().length + q.target().length).max().orElse(0);
            assertEquals(true, chunk.size() * longest * longest <= dev.untangle.policy.LanguageModel.SCORES_PER_PASS);
            joined.addAll(chunk);
        }
        assertEquals(r, joined);
    }

    @Test
    void aSingleRequestOverTheBoundStillGetsItsPass() {
        List<ScoreRequest> r = requests(2, 8000);
        assertEquals(2, CouplingDiagnostics.chunks(r).size());
    }
}
