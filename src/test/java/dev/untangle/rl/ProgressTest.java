package dev.untangle.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress on a stream that is not a terminal: one line per tenth, no carriage returns. */
class ProgressTest {

    @Test
    void logsGetOneLinePerTenthOfThePhase() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = Progress.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        p.start("sft", 1200);
        for (int i = 0; i < 1200; i++) {
            p.advance(Double.NaN);
        }
        p.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"));
        String[] lines = text.strip().split("\n");
        assertEquals(11, lines.length);                      // 0/1200, 120/1200, ..., 1200/1200
        assertTrue(lines[0].contains(" 0/1200"), lines[0]);
        assertTrue(lines[10].contains("1200/1200") && lines[10].contains("[" + "#".repeat(30) + "]"), lines[10]);
    }

    @Test
    void aResumedPhaseCountsFromWhereItStopped() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = Progress.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        p.start("rl", 24, 4);                                 // resumed after iteration 4 of 24, as the log says
        p.advance(0.5);
        p.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(" 4/24"), text);
        assertTrue(text.contains(" 5/24"), text);
        assertFalse(text.contains("/20"), text);
    }
}
