package dev.untangle.coupling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text similarity, its distribution, and the representation-separation summary on hand-built inputs. */
class StateSimilarityTest {

    @Test
    void jaccardAndBagOfWordsCosineHaveTheirClosedForms() {
        String a = "You arrive at cabinet 1. The cabinet 1 is closed.";
        String b = "You arrive at drawer 2. The drawer 2 is open!";
        // word sets: {you, arrive, at, cabinet, 1, the, is, closed} and {you, arrive, at, drawer, 2, the, is, open}
        assertEquals(5.0 / 11.0, TextSimilarity.similarity(a, b, TextSimilarity.Measure.JACCARD), 1e-12);
        // counts: shared words you, arrive, at, the, is once each; cabinet/1 and drawer/2 twice
        double cos = 5.0 / (5 + 4 + 4 + 1);
        assertEquals(cos, TextSimilarity.similarity(a, b, TextSimilarity.Measure.COSINE), 1e-12);
        assertEquals(1.0, TextSimilarity.similarity(a, a.toUpperCase(), TextSimilarity.Measure.JACCARD), 1e-12);
        assertEquals(1.0, TextSimilarity.similarity("", "...", TextSimilarity.Measure.COSINE), 1e-12);
        double[][] s = TextSimilarity.matrix(List.of(a, b, "nothing shared here"), TextSimilarity.Measure.JACCARD);
        assertEquals(1.0, s[1][1], 0.0);
        assertEquals(s[0][1], s[1][0], 0.0);
        assertEquals(0.0, s[0][2], 0.0);
    }

    @Test
    void theDistributionCountsEveryPairOnce() {
        double[][] s = {{1, 0.1, 0.9, 0.5}, {0.1, 1, 0.2, 1.0}, {0.9, 0.2, 1, 0.6}, {0.5, 1.0, 0.6, 1}};
        SimilarityDistribution d = SimilarityDistribution.of(s, 0.6, 0, 1, 10);
        assertEquals(6, d.pairs());
        assertEquals((0.1 + 0.9 + 0.5 + 0.2 + 1.0 + 0.6) / 6, d.mean(), 1e-12);
        assertEquals(6, d.counts().stream().mapToInt(Integer::intValue).sum());
        assertEquals(2, d.counts().get(9));                      // [0.9, 1]: 0.9 and 1.0 (upper edge included)
        assertEquals(0.1, d.quantiles().get(0), 0.0);
        assertEquals(1.0, d.quantiles().get(6), 0.0);
        assertEquals(0.5, d.median(), 0.0);                      // sorted .1 .2 .5 .6 .9 1: rank ceil(3) = 3rd
        assertEquals(3.0 / 6, d.shareAtLeast(), 1e-12);
    }

    @Test
    void separationSeesSeparatedAndMixedEmbeddings() {
        Random rng = new Random(2);
        int n = 40;
        double[][] h = new double[n][6];
        double[] adv = new double[n];
        double[][] sim = new double[n][n];
        for (int i = 0; i < n; i++) {
            adv[i] = i % 2 == 0 ? 1 : -1;
            for (int j = 0; j < 6; j++) {
                h[i][j] = 0.3 * rng.nextGaussian();
            }
            h[i][0] += adv[i] > 0 ? 2 : -2;
            for (int j = 0; j < n; j++) {
                sim[i][j] = i / 4 == j / 4 ? 1 : 0;              // blocks of 4 similar states
            }
        }
        SeparationSummary s = RepresentationSeparation.summarize(h, adv, sim, 0.5, new LinearProbe(4, 1e-2, 1));
        assertTrue(s.probeAccuracy() >= 0.95, "accuracy " + s.probeAccuracy());
        assertTrue(s.goodBadCosine() < -0.5, "cosine " + s.goodBadCosine());
        assertEquals(10 * 4, s.goodBadPairs());                  // 2 good x 2 bad per block of 4
        assertEquals(n, s.labelled());
        adv[0] = 0;
        SeparationSummary few = RepresentationSeparation.summarize(h, adv, sim, 0.5, new LinearProbe(40, 1e-2, 1));
        assertTrue(Double.isNaN(few.probeAccuracy()), "too few samples per class for 40 folds");
    }

    @Test
    void aMalformedProbeSetFileNamesItself(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("probe_set.json");
        Files.writeString(f, "{\"version\": 1, \"split\": \"L0\", \"seed\": 1, \"samples\": [{\"episode\": 0}]}");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ProbeSet.load(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("malformed"), e.getMessage());
        Files.writeString(f, "{\"version\": 7}");
        assertTrue(assertThrows(UncheckedIOException.class, () -> ProbeSet.load(f)).getMessage().contains("version"));
    }
}
