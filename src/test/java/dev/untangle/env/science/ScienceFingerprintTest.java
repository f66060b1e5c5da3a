package dev.untangle.env.science;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A golden fingerprint of the science world's behaviour: SHA-256 over every observation, reward, raw reward,
 * progress, done/won/valid flag and admissible list of (a) both experts' whole episodes and (b) seeded random
 * walks (admissible commands mixed with refused and unmatched ones) on which a searcher follows the walker and a
 * fresh oracle proposes a command from every state, on every task of every split (train, L0, L1, L2). A change to the
 * parser, the rules, the processes, the goals, the descriptions or the experts moves a hash; a refactoring must
 * leave them all equal. The expected values are in {@code science-fingerprint.txt} next to this class.
 */
class ScienceFingerprintTest {

    private static final ScienceSuite SUITE = new ScienceSuite(ScienceOptions.defaults());
    private static final int WALK_STEPS = 40;
    private static final List<String> JUNK = List.of("", "take the cup", "focus on banana", "look at door to kitchen",
            "connect battery to battery", "pour air into air", "mix air", "use thermometer on kitchen", "go to moon",
            "move   stove  to  stove", "open door to hallway", "eat thermometer", "read soil", "put down water",
            "connect red wire terminal 1 to red wire terminal 2", "wait10", "look", "activate door");

    @Test
    void behaviourMatchesTheGoldenFingerprint() throws IOException {
        Map<String, String> actual = new LinkedHashMap<>();
        for (String split : List.of("train", "L0", "L1", "L2")) {
            int n = SUITE.split(split).size();
            for (String expert : SUITE.experts()) {
                Digest d = new Digest();
                for (int id = 0; id < n; id++) {
                    playExpert(d, SUITE.expert(expert).orElseThrow(), split, id);
                }
                actual.put(split + " " + expert, d.hex());
            }
            Digest walk = new Digest();
            for (int id = 0; id < n; id++) {
                walk(walk, split, id);
            }
            actual.put(split + " walk", walk.hex());
        }
        String got = actual.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        String want;
        try (InputStream in = ScienceFingerprintTest.class.getResourceAsStream("science-fingerprint.txt")) {
            want = in == null ? "(missing)" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(want, got, "the science world's behaviour changed; if that is intended, replace "
                + "science-fingerprint.txt with the values above and say why in the commit");
    }

    private static void playExpert(Digest d, Expert expert, String split, int id) {
        try (TextEnvironment env = SUITE.create()) {
            Reset reset = env.reset(split, id);
            d.reset(reset);
            expert.begin(env, reset);
            String obs = reset.observation();
            StepResult r = null;
            while (r == null || !r.done()) {
                String c = expert.next(env, obs);
                d.add(c);
                r = env.step(c);
                d.step(r);
                obs = r.observation();
            }
        }
    }

    private static void walk(Digest d, String split, int id) {
        SplittableRandom rng = new SplittableRandom(split.hashCode() * 7919L + id);
        try (TextEnvironment env = SUITE.create()) {
            ScienceEnvironment science = (ScienceEnvironment) env;
            Reset reset = env.reset(split, id);
            d.reset(reset);
            Planner searcher = Planner.searcher();
            searcher.begin(env, reset);
            String obs = reset.observation();
            List<String> adm = reset.admissible();
            for (int step = 0; step < WALK_STEPS && !science.isDone(); step++) {
                d.add(searcher.next(env, obs));
                Planner oracle = Planner.oracle();
                oracle.begin(env, new Reset(reset.task(), obs, adm));
                d.add(oracle.next(env, obs));
                String c;
                if (rng.nextInt(8) == 0) {
                    c = JUNK.get(rng.nextInt(JUNK.size()));
                } else {
                    c = adm.get(rng.nextInt(adm.size()));
                    if (c.startsWith("focus on ") && rng.nextInt(4) != 0) {
                        c = adm.get(rng.nextInt(adm.size()));
                    }
                }
                searcher.played(c);
                d.add(c);
                StepResult r = env.step(c);
                d.step(r);
                d.add(science.snapshot());
                obs = r.observation();
                adm = r.admissible();
            }
        }
    }

    /** A running SHA-256 over texts and numbers, each framed by its length. */
    private static final class Digest {
        private final MessageDigest md;

        Digest() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void add(String s) {
            byte[] b = String.valueOf(s).getBytes(StandardCharsets.UTF_8);
            addLong(b.length);
            md.update(b);
        }

        void addLong(long v) {
            for (int i = 0; i < 8; i++) {
                md.update((byte) (v >>> (8 * i)));
            }
        }

        void reset(Reset r) {
            add(r.task().key());
            add(r.task().goal());
            add(r.observation());
            addAll(r.admissible());
        }

        void step(StepResult r) {
            add(r.observation());
            addLong(Double.doubleToLongBits(r.reward()));
            addLong(Double.doubleToLongBits(r.rawReward()));
            addLong(Double.doubleToLongBits(r.progress()));
            addLong((r.done() ? 1 : 0) | (r.won() ? 2 : 0) | (r.valid() ? 4 : 0));
            addAll(r.admissible());
        }

        void addAll(List<String> l) {
            addLong(l.size());
            for (String s : l) {
                add(s);
            }
        }

        String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
