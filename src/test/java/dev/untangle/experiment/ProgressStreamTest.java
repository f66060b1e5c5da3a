package dev.untangle.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The run prefix goes in front of progress output, redrawn or whole lines, but not in front of messages. */
class ProgressStreamTest {

    @Test
    void prefixesProgressLinesButNotMessages() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressStream s = new ProgressStream(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        s.setPrefix("run 2/4 seed-0 grpo");
        s.print("\rrl    [---] 0/3");
        s.println("rl    [###] 3/3");
        s.message("run 3/4 seed-0 grpo+gcd: starting");
        assertEquals("\rrun 2/4 seed-0 grpo rl    [---] 0/3run 2/4 seed-0 grpo rl    [###] 3/3"
                + System.lineSeparator() + "run 3/4 seed-0 grpo+gcd: starting" + System.lineSeparator(),
                bytes.toString(StandardCharsets.UTF_8));
    }
}
