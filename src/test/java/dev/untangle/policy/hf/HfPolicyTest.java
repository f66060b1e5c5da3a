package dev.untangle.policy.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.DecoderPolicy;
import dev.untangle.policy.Generation;
import dev.untangle.policy.HistoryMode;
import dev.untangle.policy.Policy;
import dev.untangle.policy.PromptConfig;
import dev.untangle.policy.RolloutSession;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.policy.Turn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pretrained-decoder policy on the committed tiny checkpoint (configs/hf-tiny: random Llama-shaped weights, a
 * byte-level BPE tokenizer, a ChatML template): chat rendering, subword constrained decoding, cache and session
 * equivalences, scoring that agrees with generation, the adapters-off reference, save/load and copy.
 */
class HfPolicyTest {

    private static final Path TINY = Path.of("configs", "hf-tiny");
    private static final Decoding CONSTRAINED = new Decoding(true, false, 1.0, 16);
    private static final Decoding GREEDY = new Decoding(true, true, 1.0, 16);
    private static final List<String> COMMANDS = List.of("go to fridge 1", "go to countertop 1", "open fridge 1",
            "take apple 1 from countertop 1", "examine countertop 1", "go to garbagecan 1");

    @TempDir
    Path tmp;

    private static HfPolicy policy(HistoryMode history, Tuning tuning) {
        PromptConfig prompt = PromptConfig.builder().optHistory(history).optWindow(2).optShowAdmissible(false)
                .optMaxPromptTokens(448).optMaxTextTokens(128).build();
        return HfPolicy.load(new HfPolicy.Options(TINY, tuning, prompt, 512, "Reply with one command."));
    }

    private static Tuning lora() {
        return Tuning.lora(4, 8, List.of("v_proj", "q_proj"), 3);
    }

    private static AgentContext context(int turns) {
        List<Turn> history = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            history.add(new Turn("You arrive at countertop " + (i + 1) + ". On it you see an apple 1.",
                    COMMANDS.get(i % COMMANDS.size())));
        }
        return new AgentContext("put a cool apple in countertop.", history,
                "You are in the middle of a room. You see a fridge 1 and a countertop 1.", COMMANDS);
    }

    @Test
    void rendersTheChatFormatAndDecodesSubwordCommands() {
        try (HfPolicy p = policy(HistoryMode.WINDOW, lora())) {
            int[] prompt = p.renderer().render(context(1));
            String text = p.tokenizer().hf().decode(prompt, false);
            assertTrue(text.startsWith("<|im_start|>system\nReply with one command.\nYour task is to: put a cool apple"),
                    text);
            assertTrue(text.endsWith("<|im_end|>\n<|im_start|>assistant\n"), text);
            assertTrue(text.contains("<|im_start|>assistant\ngo to fridge 1<|im_end|>\n<|im_start|>user\n"), text);
            assertTrue(p.tokenizer().encode("take apple 1 from countertop 1").length > 1, "commands are subwords");
            List<Generation> gens = p.generate(List.of(context(0), context(1), context(2)), CONSTRAINED,
                    new Random(5));
            for (Generation g : gens) {
                assertTrue(COMMANDS.contains(g.action()), g.action());
                assertEquals(p.tokenizer().endOfActionId(), g.actionTokens()[g.actionTokens().length - 1]);
                assertArrayEquals(p.tokenizer().encode(g.action()),
                        java.util.Arrays.copyOf(g.actionTokens(), g.actionTokens().length - 1));
            }
        }
    }

    @Test
    void cachedGenerationEqualsUncachedAndScoringAgreesWithGeneration() {
        try (HfPolicy p = policy(HistoryMode.WINDOW, lora())) {
            List<AgentContext> ctx = List.of(context(0), context(2), context(3));
            List<Generation> cached = p.generate(ctx, CONSTRAINED, new Random(9), true);
            List<Generation> plain = p.generate(ctx, CONSTRAINED, new Random(9), false);
            List<ScoreRequest> requests = new ArrayList<>();
            for (int i = 0; i < ctx.size(); i++) {
                assertEquals(plain.get(i).action(), cached.get(i).action());
                assertArrayEquals(plain.get(i).logProbs(), cached.get(i).logProbs(), 1e-4f);
                requests.add(cached.get(i).scoreRequest());
            }
            float[] scored = DecoderPolicy.withoutGradients(() -> {
                try (NDManager scope = p.decoder().manager().newSubManager()) {
                    return p.score(scope, requests, false).logProbs().toFloatArray();
                }
            });
            int tt = scored.length / ctx.size();
            for (int i = 0; i < ctx.size(); i++) {
                float[] lp = cached.get(i).logProbs();
                for (int j = 0; j < lp.length; j++) {
                    assertEquals(lp[j], scored[i * tt + j], 1e-4, "token " + j + " of row " + i);
                }
            }
        }
    }

    @Test
    void fullHistorySessionEqualsFreshPrompts() {
        try (HfPolicy p = policy(HistoryMode.FULL, lora()); RolloutSession s = p.session(2)) {
            List<List<Turn>> histories = List.of(new ArrayList<>(), new ArrayList<>());
            for (int step = 0; step < 3; step++) {
                List<AgentContext> ctx = new ArrayList<>();
                for (int slot = 0; slot < 2; slot++) {
                    ctx.add(new AgentContext("put a cool apple in countertop.", histories.get(slot),
                            "You see countertop " + (step + slot) + ".", COMMANDS));
                }
                List<Generation> viaSession = s.act(new int[] {0, 1}, ctx, GREEDY, new Random(1));
                List<Generation> fresh = p.generate(ctx, GREEDY, new Random(1));
                for (int i = 0; i < 2; i++) {
                    assertEquals(fresh.get(i).action(), viaSession.get(i).action());
                    assertArrayEquals(fresh.get(i).promptTokens(), viaSession.get(i).promptTokens());
                    assertArrayEquals(fresh.get(i).logProbs(), viaSession.get(i).logProbs(), 1e-4f);
                    histories.get(i).add(new Turn(ctx.get(i).observation(), viaSession.get(i).action()));
                }
            }
        }
    }

    @Test
    void referenceIsTheAdaptersOffViewAndSaveLoadCopyKeepTheScores() throws IOException {
        try (HfPolicy p = policy(HistoryMode.WINDOW, lora())) {
            Policy ref = p.reference();
            Generation g = p.generate(List.of(context(1)), CONSTRAINED, new Random(2)).get(0);
            float[] before = score(p, g);
            assertArrayEquals(before, score(ref, g), 1e-5f, "LoRA starts with B = 0: the reference equals the policy");
            // train the adapters a little: move every B away from zero
            DecoderPolicy.withoutGradients(() -> {
                for (HfDecoder.LoraPair pair : p.decoder().adapters().values()) {
                    NDArray b = pair.b().getArray();
                    b.addi(0.5f);
                }
                return null;
            });
            float[] after = score(p, g);
            assertNotEquals(before[0], after[0], 1e-4f);
            assertArrayEquals(before, score(ref, g), 1e-5f, "the reference keeps the pretrained model");
            ref.close();
            assertEquals(p.decoder().parameters().size(), p.parameters().size());

            Path saved = tmp.resolve("policy");
            p.save(saved);
            assertTrue(HfPolicy.isSaved(saved));
            assertTrue(Files.isRegularFile(saved.resolve(HfPolicy.ADAPTER_DIR).resolve(PeftAdapter.CONFIG_FILE)));
            Map<?, ?> doc = new ObjectMapper().readValue(saved.resolve(HfPolicy.POLICY_FILE).toFile(), Map.class);
            assertEquals("lora", ((Map<?, ?>) doc.get("tuning")).get("kind"));
            try (HfPolicy back = HfPolicy.loadSaved(saved); HfPolicy twin = p.copy()) {
                assertArrayEquals(after, score(back, g), 1e-5f);
                assertArrayEquals(after, score(twin, g), 1e-5f);
            }
            Path merged = tmp.resolve("merged");
            p.exportMerged(merged, TensorDtype.F32, tmp.resolve("peft"));
            try (HfPolicy standalone = HfPolicy.load(new HfPolicy.Options(merged, Tuning.full(),
                    p.options().prompt(), 512, p.options().instruction()))) {
                assertArrayEquals(after, score(standalone, g), 1e-4f, "the merged export scores as the policy");
            }
        }
    }

    /**
     * What a resumed run saves equals what the uninterrupted run saves (issue 25 item 9): a LoRA policy saved, loaded
     * and saved again gives the same bytes (the LoRA seed used to read back as 0), and the reference, the
     * adapters-off view, saves the same bytes however far the adapters it shares have trained and whether it is that
     * view or a reference loaded back on resume (it used to save the policy's current adapters).
     */
    @Test
    void savingALoadedLoraPolicyOrItsReferenceGivesTheSameBytes() throws IOException {
        try (HfPolicy p = policy(HistoryMode.WINDOW, lora())) {
            Path refBefore = tmp.resolve("ref-before");
            try (HfPolicy ref = p.reference()) {
                ref.save(refBefore);
            }
            DecoderPolicy.withoutGradients(() -> {                     // training moves A and B
                for (HfDecoder.LoraPair pair : p.decoder().adapters().values()) {
                    pair.a().getArray().addi(0.25f);
                    pair.b().getArray().addi(0.5f);
                }
                return null;
            });
            Path saved = tmp.resolve("policy");
            Path refAfter = tmp.resolve("ref-after");
            p.save(saved);
            try (HfPolicy ref = p.reference()) {
                ref.save(refAfter);
            }
            assertEquals(files(refBefore), files(refAfter), "the reference's bytes do not follow the training");
            Path again = tmp.resolve("policy-again");
            Path refAgain = tmp.resolve("ref-again");
            try (HfPolicy back = HfPolicy.loadSaved(saved); HfPolicy refBack = HfPolicy.loadSaved(refAfter)) {
                assertEquals(lora(), back.decoder().tuning(), "the seed is kept");
                back.save(again);
                refBack.save(refAgain);
            }
            assertEquals(files(saved), files(again), "a loaded policy saves what it was loaded from");
            assertEquals(files(refAfter), files(refAgain), "and so does a loaded reference");
        }
    }

    /** Every file below {@code dir} as hex, by relative path. */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
            }
        }
        return out;
    }

    @Test
    void fullFineTuningSavesTheWholeModel() {
        try (HfPolicy p = policy(HistoryMode.WINDOW, Tuning.full())) {
            Generation g = p.generate(List.of(context(0)), CONSTRAINED, new Random(4)).get(0);
            Path saved = tmp.resolve("full");
            p.save(saved);
            assertTrue(Files.isRegularFile(saved.resolve(HfPolicy.MODEL_DIR).resolve(HfConfig.FILE)));
            try (HfPolicy back = HfPolicy.loadSaved(saved); Policy ref = p.reference()) {
                assertArrayEquals(score(p, g), score(back, g), 1e-5f);
                assertArrayEquals(score(p, g), score(ref, g), 1e-5f, "under full fine-tuning the reference is a copy");
                assertEquals(p.parameterCount(), back.parameterCount());
            }
        }
    }

    @Test
    void classificationPromptsAskInAUserTurnAndVerdictsDiffer() {
        try (HfPolicy p = policy(HistoryMode.WINDOW, lora())) {
            Generation g = p.generate(List.of(context(1)), CONSTRAINED, new Random(3)).get(0);
            int[] c = p.renderer().classificationPrompt(g.promptTokens(), g.actionTokens(),
                    "Is this action good or bad?");
            String text = p.tokenizer().hf().decode(c, false);
            assertTrue(text.endsWith(g.action() + "<|im_end|>\n<|im_start|>user\nIs this action good or bad?"
                    + "<|im_end|>\n<|im_start|>assistant\n"), text);
            assertNotEquals(p.renderer().verdictToken(true), p.renderer().verdictToken(false));
            int[] hinted = p.renderer().withCorrectionHint(g.promptTokens(), "Choose better.");
            String h = p.tokenizer().hf().decode(hinted, false);
            assertTrue(h.endsWith("\nChoose better.<|im_end|>\n<|im_start|>assistant\n"), h);
        }
    }

    @Test
    void badModelDirectoriesGetErrorsNamingFileAndKey() throws IOException {
        Path dir = tmp.resolve("notemplate");
        Files.createDirectories(dir);
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json")) {
            Files.copy(TINY.resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve(HfTokenizer.CONFIG_FILE), "{\"eos_token\": \"<|im_end|>\"}");
        HfFormatException e = assertThrows(HfFormatException.class, () -> policy(dir, Tuning.full()));
        assertTrue(e.getMessage().contains("tokenizer_config.json") && e.getMessage().contains("chat_template"),
                e.getMessage());
        Files.writeString(dir.resolve(HfTokenizer.CONFIG_FILE),
                "{\"chat_template\": \"{{ bos_token }}[INST] {{ m }} [/INST]\"}");
        e = assertThrows(HfFormatException.class, () -> policy(dir, Tuning.full()));
        assertEquals("chat_template", e.key(), e.getMessage());
        assertTrue(e.getMessage().contains("does not render an assistant message"), e.getMessage());
        Files.writeString(dir.resolve(HfTokenizer.CONFIG_FILE),
                "{\"chat_template\": \"{{ raise_exception('Only user and assistant roles are supported!') }}\"}");
        e = assertThrows(HfFormatException.class, () -> policy(dir, Tuning.full()));
        assertEquals(dir.resolve(HfTokenizer.CONFIG_FILE) + ": chat_template: the template raised an error: Only user "
                + "and assistant roles are supported!", e.getMessage());
        Path missing = tmp.resolve("missing");
        Files.createDirectories(missing);
        e = assertThrows(HfFormatException.class, () -> policy(missing, Tuning.full()));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    }

    private static HfPolicy policy(Path dir, Tuning tuning) {
        PromptConfig prompt = PromptConfig.builder().optMaxPromptTokens(448).optMaxTextTokens(128).build();
        return HfPolicy.load(new HfPolicy.Options(dir, tuning, prompt, 512, "x"));
    }

    private static float[] score(Policy p, Generation g) {
        return DecoderPolicy.withoutGradients(() -> {
            try (NDManager scope = NDManager.newBaseManager()) {
                return p.score(scope, List.of(g.scoreRequest()), false).logProbs().toFloatArray();
            }
        });
    }
}
