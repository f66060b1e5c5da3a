package dev.untangle.coupling;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Similarity of observation texts (docs/ALGORITHMS.md, "State similarity"). Words are the maximal runs of
 * letters and digits, lower-cased; text is bounded to {@link #MAX_CHARS} characters (environment text is
 * untrusted).
 * <ul>
 * <li>{@link Measure#JACCARD}: |W_i ∩ W_j| / |W_i ∪ W_j| over the word sets (1 for two empty texts);</li>
 * <li>{@link Measure#COSINE}: cos(c_i, c_j) over word-count vectors (1 for two empty texts, 0 for one).</li>
 * </ul>
 */
public final class TextSimilarity {

    /** Characters of a text that are read; the rest is ignored. */
    public static final int MAX_CHARS = 20_000;

    /** How two texts are compared. */
    public enum Measure {
        /** Token-set Jaccard index. */
        JACCARD,
        /** Cosine of bag-of-words count vectors. */
        COSINE;

        /** The measure named by {@code diagnostics.similarity}. */
        public static Measure of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private TextSimilarity() {
    }

    /** Word counts of a text. */
    public static Map<String, Integer> words(String text) {
        String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        Map<String, Integer> counts = new HashMap<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i <= t.length(); i++) {
            char c = i < t.length() ? t.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                w.append(Character.toLowerCase(c));
            } else if (w.length() > 0) {
                counts.merge(w.toString(), 1, Integer::sum);
                w.setLength(0);
            }
        }
        return counts;
    }

    /** The similarity of two texts under {@code measure}. */
    public static double similarity(String a, String b, Measure measure) {
        return similarity(words(a), words(b), measure);
    }

    /** The symmetric matrix S[i][j] of pairwise similarities (diagonal 1). */
    public static double[][] matrix(List<String> texts, Measure measure) {
        int n = texts.size();
        List<Map<String, Integer>> bags = texts.stream().map(TextSimilarity::words).toList();
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            s[i][i] = 1.0;
            for (int j = i + 1; j < n; j++) {
                s[i][j] = similarity(bags.get(i), bags.get(j), measure);
                s[j][i] = s[i][j];
            }
        }
        return s;
    }

    private static double similarity(Map<String, Integer> a, Map<String, Integer> b, Measure measure) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1.0;
        }
        if (measure == Measure.JACCARD) {
            Set<String> union = new HashSet<>(a.keySet());
            union.addAll(b.keySet());
            int inter = 0;
            for (String w : a.keySet()) {
                inter += b.containsKey(w) ? 1 : 0;
            }
            return (double) inter / union.size();
        }
        double dot = 0;
        for (Map.Entry<String, Integer> e : a.entrySet()) {
            dot += (double) e.getValue() * b.getOrDefault(e.getKey(), 0);
        }
        double na = 0;
        double nb = 0;
        for (int c : a.values()) {
            na += (double) c * c;
        }
        for (int c : b.values()) {
            nb += (double) c * c;
        }
        return na == 0 || nb == 0 ? 0.0 : Math.min(1.0, dot / Math.sqrt(na * nb));
    }
}
