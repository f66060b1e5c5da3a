package dev.untangle.policy.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains a byte-level BPE tokenizer (GPT-2 style) on a list of texts and writes it as a Hugging Face
 * {@code tokenizer.json} that the {@code tokenizers} library (and so {@link HfTokenizer}) loads.
 *
 * <p>The file uses the {@code ByteLevel} pre-tokenizer (no prefix space, GPT-2's split regex), the {@code ByteLevel}
 * post-processor and decoder, and a {@code BPE} model whose {@code merges} are a list of {@code "left right"}
 * strings (the format every version of the library reads). Training splits each text exactly as that pre-tokenizer
 * does (see {@link #preTokenize}), so the counted words are the ones the library will see, then repeatedly merges
 * the most frequent adjacent pair of symbols (ties: the lexicographically smallest pair of strings) until the
 * vocabulary reaches the requested size or no pair occurs at least twice. The result depends only on the inputs.
 *
 * <p>Ids: the caller's special tokens first ({@code 0 .. k-1}, also listed as special added tokens), then the 256
 * byte symbols in byte order, then each new merged symbol in merge order. Every text can be encoded, because every
 * byte has a symbol.
 *
 * <p>Each merge recounts the pairs of all distinct words, so training costs about (merges x total symbols of the
 * distinct words): meant for an environment's corpus (thousands of words), not for web-scale text.
 */
public final class BpeTrainer {

    /**
     * GPT-2's pre-tokenization regex, as the library's {@code ByteLevel} pre-tokenizer applies it: contractions,
     * letter runs, digit runs and runs of other symbols (each with at most one leading space), then whitespace.
     * {@code \s} is Unicode whitespace, as in the library's regex engine.
     */
    static final Pattern SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final String[] BYTE_SYMBOLS = byteSymbols();

    private BpeTrainer() {
    }

    /**
     * A trained tokenizer.
     *
     * @param specialTokens the special tokens, ids {@code 0 .. k-1}
     * @param vocab         every token string by id: the special tokens, the 256 byte symbols, the merged symbols
     * @param merges        the merges in rank order, each {@code "left right"} in byte-symbol spelling
     */
    public record Result(List<String> specialTokens, List<String> vocab, List<String> merges) {

        /** Copies the lists. */
        public Result {
            specialTokens = List.copyOf(specialTokens);
            vocab = List.copyOf(vocab);
            merges = List.copyOf(merges);
        }

        /** The number of tokens, special tokens included. */
        public int size() {
            return vocab.size();
        }

        /** The {@code tokenizer.json} document, keys in the library's order. */
        public Map<String, Object> toMap() {
            List<Map<String, Object>> added = new ArrayList<>();
            for (int i = 0; i < specialTokens.size(); i++) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("id", i);
                t.put("content", specialTokens.get(i));
                t.put("single_word", false);
                t.put("lstrip", false);
                t.put("rstrip", false);
                t.put("normalized", false);
                t.put("special", true);
                added.add(t);
            }
            Map<String, Integer> ids = new LinkedHashMap<>();
            for (int i = 0; i < vocab.size(); i++) {
                ids.put(vocab.get(i), i);
            }
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("type", "BPE");
            model.put("dropout", null);
            model.put("unk_token", null);
            model.put("continuing_subword_prefix", null);
            model.put("end_of_word_suffix", null);
            model.put("fuse_unk", false);
            model.put("byte_fallback", false);
            model.put("vocab", ids);
            model.put("merges", merges);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("version", "1.0");
            doc.put("truncation", null);
            doc.put("padding", null);
            doc.put("added_tokens", added);
            doc.put("normalizer", null);
            doc.put("pre_tokenizer", byteLevel(true));
            doc.put("post_processor", byteLevel(true));
            doc.put("decoder", byteLevel(true));
            doc.put("model", model);
            return doc;
        }

        /** The text of {@code tokenizer.json} (pretty-printed, UTF-8 characters unescaped). */
        public String toJson() {
            try {
                return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toMap()) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot encode tokenizer.json: " + e.getMessage(), e);
            }
        }

        private static Map<String, Object> byteLevel(boolean trimOffsets) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "ByteLevel");
            m.put("add_prefix_space", false);
            m.put("trim_offsets", trimOffsets);
            m.put("use_regex", true);
            return m;
        }
    }

    /**
     * Trains on {@code texts} and writes {@code file} atomically (a temporary file in the same directory, then a
     * move over the target).
     *
     * @param file          the {@code tokenizer.json} to write (its directory must exist)
     * @param texts         the training texts
     * @param vocabSize     the largest vocabulary, special tokens and the 256 byte symbols included
     * @param specialTokens special tokens, given ids {@code 0 .. k-1}
     * @return the trained tokenizer
     * @throws IllegalArgumentException see {@link #train}
     */
    public static Result write(Path file, List<String> texts, int vocabSize, List<String> specialTokens) {
        Result r = train(texts, vocabSize, specialTokens);
        RandomCheckpoint.writeText(file, r.toJson());
        return r;
    }

    /**
     * Trains a tokenizer. Occurrences of the special tokens inside the texts are cut out before counting (the
     * library matches them before pre-tokenizing).
     *
     * @param texts         the training texts
     * @param vocabSize     the largest vocabulary, special tokens and the 256 byte symbols included
     * @param specialTokens special tokens, distinct and non-empty, given ids {@code 0 .. k-1}
     * @throws IllegalArgumentException when {@code vocabSize} is below {@code k + 256} or a special token is empty or
     *                                  repeated
     */
    public static Result train(List<String> texts, int vocabSize, List<String> specialTokens) {
        Set<String> seen = new HashSet<>();
        for (String s : specialTokens) {
            if (s.isEmpty() || !seen.add(s)) {
                throw new IllegalArgumentException("special tokens must be distinct and non-empty, got "
                        + specialTokens);
            }
        }
        int base = specialTokens.size() + BYTE_SYMBOLS.length;
        if (vocabSize < base) {
            throw new IllegalArgumentException("vocabulary size " + vocabSize + " is below the " + base
                    + " tokens every byte-level tokenizer has (" + specialTokens.size() + " special + 256 bytes)");
        }
        List<String> vocab = new ArrayList<>(specialTokens);
        Collections.addAll(vocab, BYTE_SYMBOLS);
        Set<String> known = new HashSet<>(vocab);
        List<String> merges = new ArrayList<>();

        // distinct words (byte-symbol strings, sorted for a stable order) with their counts
        TreeMap<String, Integer> counts = new TreeMap<>();
        for (String text : texts) {
            for (String part : splitOnSpecials(text, specialTokens)) {
                for (String piece : preTokenize(part)) {
                    counts.merge(toByteSymbols(piece), 1, Integer::sum);
                }
            }
        }
        List<List<String>> words = new ArrayList<>();
        int[] freq = new int[counts.size()];
        int w = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            List<String> symbols = new ArrayList<>();
            e.getKey().codePoints().forEach(cp -> symbols.add(new String(Character.toChars(cp))));
            words.add(symbols);
            freq[w++] = e.getValue();
        }

        while (vocab.size() < vocabSize) {
            Map<Pair, Integer> pairs = new HashMap<>();
            for (int i = 0; i < words.size(); i++) {
                List<String> s = words.get(i);
                for (int j = 0; j + 1 < s.size(); j++) {
                    pairs.merge(new Pair(s.get(j), s.get(j + 1)), freq[i], Integer::sum);
                }
            }
            Pair best = null;
            int bestCount = 1;
            for (Map.Entry<Pair, Integer> e : pairs.entrySet()) {
                int c = e.getValue();
                if (c > bestCount || (c == bestCount && best != null && e.getKey().compareTo(best) < 0)) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            if (best == null) {
                break;                                        // no pair occurs at least twice
            }
            String merged = best.left() + best.right();
            merges.add(best.left() + " " + best.right());
            if (known.add(merged)) {
                vocab.add(merged);
            }
            for (List<String> s : words) {
                for (int j = 0; j + 1 < s.size(); j++) {
                    if (s.get(j).equals(best.left()) && s.get(j + 1).equals(best.right())) {
                        s.set(j, merged);
                        s.remove(j + 1);
                    }
                }
            }
        }
        return new Result(specialTokens, vocab, merges);
    }

    /**
     * Splits a text the way the library's {@code ByteLevel} pre-tokenizer does (GPT-2's regex, no prefix space):
     * every character lands in exactly one piece, and the pieces concatenate to the text.
     */
    public static List<String> preTokenize(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SPLIT.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                out.add(text.substring(last, m.start()));    // not reached with this regex; kept as the library does
            }
            out.add(m.group());
            last = m.end();
        }
        if (last < text.length()) {
            out.add(text.substring(last));
        }
        return out;
    }

    /**
     * GPT-2's printable stand-in for each byte ({@code bytes_to_unicode}): the printable Latin-1 bytes
     * ({@code !..~}, {@code ¡..¬}, {@code ®..ÿ}) stand for themselves; the others, in byte order, take the code points
     * from U+0100 on.
     *
     * @return 256 one-character strings, indexed by byte value
     */
    public static List<String> byteSymbolTable() {
        return List.of(BYTE_SYMBOLS);
    }

    /** A piece's UTF-8 bytes spelled in byte symbols. */
    static String toByteSymbols(String piece) {
        StringBuilder b = new StringBuilder();
        for (byte x : piece.getBytes(StandardCharsets.UTF_8)) {
            b.append(BYTE_SYMBOLS[x & 0xff]);
        }
        return b.toString();
    }

    private static String[] byteSymbols() {
        String[] s = new String[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            s[b] = String.valueOf((char) (printable ? b : next++));
        }
        return s;
    }

    /** The parts of a text between occurrences of the special tokens (longest match first at each position). */
    private static List<String> splitOnSpecials(String text, List<String> specials) {
        if (specials.isEmpty()) {
            return List.of(text);
        }
        List<String> sorted = new ArrayList<>(specials);
        sorted.sort((a, b) -> b.length() - a.length());
        List<String> parts = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            String hit = null;
            for (String s : sorted) {
                if (text.startsWith(s, i)) {
                    hit = s;
                    break;
                }
            }
            if (hit == null) {
                i++;
                continue;
            }
            if (i > start) {
                parts.add(text.substring(start, i));
            }
            i += hit.length();
            start = i;
        }
        if (start < text.length()) {
            parts.add(text.substring(start));
        }
        return parts;
    }

    /** An adjacent pair of symbols, ordered by left then right string. */
    private record Pair(String left, String right) implements Comparable<Pair> {
        @Override
        public int compareTo(Pair o) {
            int c = left.compareTo(o.left);
            return c != 0 ? c : right.compareTo(o.right);
        }
    }
}
