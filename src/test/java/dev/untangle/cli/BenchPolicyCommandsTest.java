package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchPolicyCommandsTest {

    private static final String[] TINY = {"--layers", "1", "--width", "16", "--heads", "2", "--vocab", "64"};

    private static String run(Object command, AtomicReference<Exception> failure, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setExecutionExceptionHandler((e, c, p) -> {
            failure.set(e);
            return 2;
        });
        cl.execute(args);
        return out.toString();
    }

    private static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(TINY, TINY.length + more.length);
        System.arraycopy(more, 0, all, TINY.length, more.length);
        return all;
    }

    @Test
    void trainPrintsJson() throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        String out = run(new BenchTrainCommand(), failure,
                with("--batch", "2", "--length", "16", "--warmup", "0", "--steps", "1", "--json"));
        assertEquals(null, failure.get());
        JsonNode doc = Json.MAPPER.readTree(out);
        assertEquals("train", doc.get("benchmark").asText());
        assertEquals(32, doc.get("batch").asInt() * doc.get("length").asInt());
        assertTrue(doc.get("tokens_per_second").asDouble() > 0);
    }

    @Test
    void generatePrintsJsonWithoutBaseline() throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        String out = run(new BenchGenerateCommand(), failure, with("--context", "32", "--sequences", "2",
                "--prompt-tokens", "8", "--new-tokens", "3", "--no-baseline", "--json"));
        assertEquals(null, failure.get());
        JsonNode doc = Json.MAPPER.readTree(out);
        assertTrue(doc.get("uncached_seconds").isNull());
        assertTrue(doc.get("generated_tokens").asInt() <= 6);
    }

    @Test
    void badSizesAreUserErrors() {
        AtomicReference<Exception> failure = new AtomicReference<>();
        run(new BenchTrainCommand(), failure, "--width", "16", "--heads", "3");
        assertTrue(failure.get() instanceof UserError, String.valueOf(failure.get()));
        assertTrue(failure.get().getMessage().contains("model.heads"), failure.get().getMessage());
    }
}
