package dev.untangle.cli;

import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import dev.untangle.env.science.ScienceEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code untangle play}: plays one task in the terminal, reading commands line by line from standard input. */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = "Play a task: shows the observation and the admissible commands, reads one command per "
                + "line from standard input (a script can be piped in), and ends with the outcome (and the score, "
                + "0-100, in the science world).")
public final class PlayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EnvOptions envOptions;

    @Option(names = "--split", defaultValue = "train", description = "Split (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--task", defaultValue = "0", description = "Task id in the split (default: ${DEFAULT-VALUE}).")
    int task;

    @Option(names = "--json", description = "Print the whole episode as one JSON document instead of a transcript.")
    boolean json;

    /**
     * Whether a person types the commands: then a {@code > } prompt is shown and the typed line is not echoed (the
     * terminal shows it); with piped input each command is echoed after {@code > }, so the output reads as a
     * transcript. Null: decided by whether the JVM has a console.
     */
    Boolean interactive;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean person = interactive != null ? interactive : System.console() != null;
        EnvironmentSuite suite = envOptions.suite();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<Map<String, Object>> turns = new ArrayList<>();
        try (TextEnvironment env = suite.create()) {
            Reset reset = env.reset(split, task);
            if (!json) {
                out.println(reset.observation());
                printAdmissible(out, reset.admissible());
            }
            boolean done = false;
            boolean won = false;
            double rewardSum = 0;
            String line;
            while (!done && (line = prompt(out, person && !json, in)) != null) {
                if (line.isBlank()) {
                    continue;
                }
                StepResult r = env.step(line);
                done = r.done();
                won = r.won();
                rewardSum += r.reward();
                Map<String, Object> turn = new LinkedHashMap<>();
                turn.put("command", line.strip());
                turn.put("observation", r.observation());
                turn.put("valid", r.valid());
                turn.put("reward", r.reward());
                turn.put("done", r.done());
                turns.add(turn);
                if (!json) {
                    if (!person) {
                        out.println("> " + line.strip());
                    }
                    out.println(r.observation());
                    if (!done) {
                        printAdmissible(out, r.admissible());
                    }
                }
            }
            String outcome = won ? "won" : done ? "lost" : "unfinished";
            Integer score = env instanceof ScienceEnvironment science ? science.score() : null;  // graded worlds
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("split", split);
                doc.put("task", task);
                doc.put("task_type", reset.task().taskType());
                doc.put("goal", reset.task().goal());
                doc.put("observation", reset.observation());
                doc.put("turns", turns);
                doc.put("outcome", outcome);
                doc.put("steps", env.steps());
                doc.put("reward_sum", rewardSum);
                if (score != null) {
                    doc.put("score", score);
                }
                Json.print(out, doc);
            } else {
                out.println(switch (outcome) {
                    case "won" -> "Outcome: won in " + env.steps() + " steps.";
                    case "lost" -> String.format(Locale.ROOT, "Outcome: lost (the episode ended after %d steps"
                            + " without reaching the goal; total reward %.2f).", env.steps(), rewardSum);
                    default -> "Outcome: unfinished (input ended after " + env.steps() + " steps).";
                });
                if (score != null) {
                    out.println("Score: " + score + " of 100.");
                }
                out.flush();
            }
            return 0;
        }
    }

    /** Reads the next command, after showing {@code > } when a person types. */
    private static String prompt(PrintWriter out, boolean show, BufferedReader in) throws IOException {
        if (show) {
            out.print("> ");
            out.flush();
        }
        return in.readLine();
    }

    private static void printAdmissible(PrintWriter out, List<String> admissible) {
        out.println("Admissible commands: " + String.join(" | ", admissible));
        out.flush();
    }
}
