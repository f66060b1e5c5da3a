package dev.untangle.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A frozen word-level vocabulary (docs/ALGORITHMS.md "Tokenizer").
 *
 * <p>Text is lower-cased and split at white space; inside each piece, runs of letters and digits form one
 * word and every other character is a token of its own. So {@code "On the desk 1, you see a pen 2."} becomes
 * {@code on the desk 1 , you see a pen 2 .} and {@code put apple 1 in/on countertop 2} becomes
 * {@code put apple 1 in / on countertop 2}. {@link #decode} joins words with single spaces, except that no
 * space goes before {@code . , ; : ! ? ) ]}, none after {@code ( [}, and none on either side of
 * {@code / - '}; lower-case text written that way (every ALFWorld command) round-trips exactly.
 *
 * <p>Ids: the {@link #SPECIALS} first, in their fixed order, then the verdict words {@code good} and
 * {@code bad}, then every other word of the building texts in sorted (code point) order, so the vocabulary
 * does not depend on the order of the texts. Special tokens cannot be produced by {@link #encode}: their
 * angle brackets are split off as punctuation.
 *
 * <p><b>Character fallback</b> ({@link #build(Iterable, boolean)}, for worlds whose text is open, such as
 * AgentGym servers): the vocabulary also holds one piece per character of a fixed set ({@link #FALLBACK_CHARS}:
 * a-z, 0-9 and ASCII punctuation), {@code #c} to begin a word and, for letters and digits, {@code ##c} to continue
 * it. A word outside the vocabulary is then spelt in pieces ({@code emerald} -> {@code #e ##m ##e ##r ##a ##l ##d})
 * instead of becoming {@code <unk>}, so every lower-case ASCII text can be written and read back, and the vocabulary
 * no longer depends on which texts happened to be seen. A character outside the set becomes {@code <unk>}. Piece
 * spellings can never come out of {@link #split} (it cuts {@code #} off as punctuation), so no word collides with a
 * piece. Immutable and thread-safe.
 */
public final class WordTokenizer implements Tokenizer {

    /** Padding. */
    public static final String PAD = "<pad>";
    /** Unknown word. */
    public static final String UNK = "<unk>";
    /** End of action. */
    public static final String EOA = "<eoa>";
    /** Start of a prompt. */
    public static final String BOS = "<bos>";
    /** Section marker before the goal. */
    public static final String GOAL = "<goal>";
    /** Section marker before an observation. */
    public static final String OBS = "<obs>";
    /** Section marker after which an action is written. */
    public static final String ACT = "<act>";
    /** Section marker before the admissible commands. */
    public static final String CMDS = "<cmds>";
    /** Separator between admissible commands. */
    public static final String SEP = "<sep>";
    /** Section marker before a classification query. */
    public static final String ASK = "<ask>";
    /** Section marker before a correction hint. */
    public static final String HINT = "<hint>";
    /** The special tokens, in id order (ids 0..10). */
    public static final List<String> SPECIALS = List.of(PAD, UNK, EOA, BOS, GOAL, OBS, ACT, CMDS, SEP, ASK, HINT);
    /** The verdict words of generative classification (ids 11 and 12). */
    public static final List<String> VERDICTS = List.of("good", "bad");

    /** The characters of the fallback pieces: lower-case ASCII letters, digits and ASCII punctuation. */
    public static final String FALLBACK_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"
            + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static final String FORMAT = "untangle-word-tokenizer";
    private static final int VERSION = 1;

    private final List<String> words;
    private final Map<String, Integer> ids;
    private final boolean charFallback;

    private WordTokenizer(List<String> words) {
        this.words = List.copyOf(words);
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < this.words.size(); i++) {
            if (m.put(this.words.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate token '" + this.words.get(i) + "' in vocabulary");
            }
        }
        this.ids = Collections.unmodifiableMap(m);
        this.charFallback = m.keySet().containsAll(fallbackPieces());
        for (int i = 0; i < SPECIALS.size(); i++) {
            if (!SPECIALS.get(i).equals(this.words.get(i))) {
                throw new IllegalArgumentException("token " + i + " must be " + SPECIALS.get(i) + ", got "
                        + this.words.get(i));
            }
        }
        for (int i = 0; i < VERDICTS.size(); i++) {
            if (!VERDICTS.get(i).equals(this.words.get(SPECIALS.size() + i))) {
                throw new IllegalArgumentException("token " + (SPECIALS.size() + i) + " must be "
                        + VERDICTS.get(i));
            }
        }
    }

    /**
     * Builds the vocabulary of every word in {@code texts} (for example an environment suite's
     * {@code corpus()} plus extra texts).
     */
    public static WordTokenizer build(Iterable<String> texts) {
        return build(texts, false);
    }

    /**
     * Builds the vocabulary of every word in {@code texts}, with the character fallback pieces when
     * {@code charFallback} is set (see the class comment).
     */
    public static WordTokenizer build(Iterable<String> texts, boolean charFallback) {
        TreeSet<String> seen = new TreeSet<>();
        for (String text : texts) {
            seen.addAll(split(text));
        }
        if (charFallback) {
            seen.addAll(fallbackPieces());
        }
        List<String> words = new ArrayList<>(SPECIALS);
        words.addAll(VERDICTS);
        for (String w : seen) {
            if (!VERDICTS.contains(w)) {
                words.add(w);
            }
        }
        return new WordTokenizer(words);
    }

    /** The fallback pieces: {@code #c} for every fallback character, {@code ##c} for letters and digits. */
    static List<String> fallbackPieces() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < FALLBACK_CHARS.length(); i++) {
            char c = FALLBACK_CHARS.charAt(i);
            out.add("#" + c);
            if (Character.isLetterOrDigit(c)) {
                out.add("##" + c);
            }
        }
        return out;
    }

    /** Whether words outside the vocabulary are spelt in character pieces instead of becoming {@code <unk>}. */
    public boolean charFallback() {
        return charFallback;
    }

    /** Splits text into lower-cased words and punctuation marks (the pieces {@link #encode} looks up). */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int i = 0;
        int n = lower.length();
        while (i < n) {
            int cp = lower.codePointAt(i);
            int len = Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                i += len;
            } else if (Character.isLetterOrDigit(cp)) {
                int j = i;
                while (j < n && Character.isLetterOrDigit(lower.codePointAt(j))) {
                    j += Character.charCount(lower.codePointAt(j));
                }
                out.add(lower.substring(i, j));
                i = j;
            } else {
                out.add(lower.substring(i, i + len));
                i += len;
            }
        }
        return out;
    }

    @Override
    public int vocabSize() {
        return words.size();
    }

    @Override
    public int[] encode(String text) {
        List<String> pieces = split(text);
        int[] out = new int[pieces.size()];
        int n = 0;
        for (int p = 0; p < pieces.size(); p++) {
            int id = id(pieces.get(p));
            if (id != unkId() || !charFallback) {
                out[n++] = id; // room: out always holds n plus one per piece still to come
                continue;
            }
            int[] add = spell(pieces.get(p));
            int needed = n + add.length + (pieces.size() - p - 1);
            if (needed > out.length) {
                out = java.util.Arrays.copyOf(out, Math.max(needed, 2 * out.length));
            }
            System.arraycopy(add, 0, out, n, add.length);
            n += add.length;
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** A word outside the vocabulary in fallback pieces: {@code #c} for its first character, {@code ##c} after. */
    private int[] spell(String word) {
        int[] out = new int[word.length()];
        for (int i = 0; i < word.length(); i++) {
            Integer id = ids.get((i == 0 ? "#" : "##") + word.charAt(i));
            out[i] = id == null ? unkId() : id;
        }
        return out;
    }

    @Override
    public String decode(int[] tokenIds) {
        StringBuilder sb = new StringBuilder();
        boolean glueNext = true;
        for (int id : tokenIds) {
            if (id < SPECIALS.size()) {
                continue;
            }
            String w = word(id);
            if (charFallback && w.length() == 3 && w.startsWith("##")) {
                sb.append(w.charAt(2)); // a word's next character: no space
                glueNext = false;
                continue;
            }
            if (charFallback && w.length() == 2 && w.charAt(0) == '#') {
                w = w.substring(1); // a spelt word's first character, spaced like a word of its own
            }
            boolean glueBefore = w.length() == 1 && ".,;:!?)]/-'".indexOf(w.charAt(0)) >= 0;
            if (!glueNext && !glueBefore) {
                sb.append(' ');
            }
            sb.append(w);
            glueNext = w.length() == 1 && "([/-'".indexOf(w.charAt(0)) >= 0;
        }
        return sb.toString();
    }

    @Override
    public int padId() {
        return 0;
    }

    @Override
    public int unkId() {
        return 1;
    }

    @Override
    public int endOfActionId() {
        return 2;
    }

    @Override
    public int id(String word) {
        Integer id = ids.get(word);
        return id == null || id < SPECIALS.size() ? unkId() : id;
    }

    /** Id of a special token such as {@link #OBS}. */
    public int specialId(String special) {
        int i = SPECIALS.indexOf(special);
        if (i < 0) {
            throw new IllegalArgumentException("not a special token: " + special);
        }
        return i;
    }

    /** True for the ids of special tokens (padding, unknown, end of action, section markers). */
    public boolean isSpecial(int tokenId) {
        return tokenId < SPECIALS.size();
    }

    /** The word (or special token) of an id. */
    public String word(int tokenId) {
        if (tokenId < 0 || tokenId >= words.size()) {
            throw new IllegalArgumentException("token id " + tokenId + " outside vocabulary 0.." + (words.size() - 1));
        }
        return words.get(tokenId);
    }

    /** All tokens in id order. */
    public List<String> words() {
        return words;
    }

    /** Writes the vocabulary as JSON ({@code format}, {@code version}, {@code tokens}). */
    public void save(Path file) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.put("tokens", words);
        try {
            Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a vocabulary written by {@link #save}.
     *
     * @throws IllegalArgumentException naming the file when it is not a tokenizer of this format
     */
    public static WordTokenizer load(Path file) {
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + file + ": " + e.getMessage(), e);
        }
        if (doc == null || !FORMAT.equals(doc.path("format").asText()) || doc.path("version").asInt() != VERSION
                || !doc.path("tokens").isArray()) {
            throw new IllegalArgumentException(file + ": not a " + FORMAT + " version " + VERSION + " file");
        }
        List<String> words = new ArrayList<>();
        for (JsonNode t : doc.path("tokens")) {
            words.add(t.asText());
        }
        try {
            return new WordTokenizer(words);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WordTokenizer t && t.words.equals(words);
    }

    @Override
    public int hashCode() {
        return words.hashCode();
    }

    @Override
    public String toString() {
        return "WordTokenizer[" + words.size() + " tokens" + (charFallback ? ", character fallback" : "") + "]";
    }
}
