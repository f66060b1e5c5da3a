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

    /** On a terminal a log line clears the bar, is printed whole, and the bar is drawn again below it. */
    @Test
    void logLinesGoAboveTheBarNotIntoIt() {
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        Progress p = Progress.terminal(new java.io.PrintStream(raw, true, java.nio.charset.StandardCharsets.UTF_8));
        java.io.PrintStream logs = p.logsAbove();
        p.start("rl", 24, 3);
        logs.print("[main] INFO iteration 4/24");
        String beforeNewline = raw.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(!beforeNewline.contains("INFO"), "a partial log line waits: " + beforeNewline);
        logs.println(": success 0.45");
        String all = raw.toString(java.nio.charset.StandardCharsets.UTF_8);
        String bar = all.substring(1, all.indexOf("\r\u001b"));                    // the bar as first drawn
        assertTrue(bar.startsWith("rl    [") && bar.contains(" 3/24"), bar);
        assertTrue(all.endsWith("\r\u001b[K[main] INFO iteration 4/24: success 0.45\n\r" + bar), all);
        p.finish();
        raw.reset();
        logs.println("after the phase");
        assertEquals("after the phase\n", raw.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
}
