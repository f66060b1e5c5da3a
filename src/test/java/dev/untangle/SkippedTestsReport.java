package dev.untangle;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints every skipped test with its reason at the end of the test run, on the console of {@code mvn verify}
 * (Surefire's summary says only "Skipped: 7"; the reasons were in {@code target/surefire-reports/*.xml} alone).
 * Registered for every JUnit Platform run through {@code META-INF/services}; counts tests disabled by a condition
 * ({@code @EnabledIfSystemProperty}, {@code @Disabled}) and tests aborted by an assumption (a missing Chromium or
 * PyTorch), grouped by class and reason:
 * <pre>
 * [skipped] 3 tests, and why:
 *   ChromiumReportTest (2: reportRenders, chartsDraw): /usr/bin/chromium is not installed (...)
 * </pre>
 */
public final class SkippedTestsReport implements TestExecutionListener {

    private final PrintStream out;
    /** "class\0reason" -> the skipped tests' names, in the order they were skipped. */
    private final Map<String, List<String>> skipped = new LinkedHashMap<>();
    private int count;
    private TestPlan plan;

    /** The listener the JUnit Platform loads: it prints to standard output. */
    public SkippedTestsReport() {
        this(System.out);
    }

    /** A listener printing to {@code out}. */
    public SkippedTestsReport(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        add(test, reason);
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            add(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (count == 0) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("[skipped] ").append(count).append(count == 1 ? " test" : " tests").append(", and why:\n");
        skipped.forEach((key, names) -> {
            int sep = key.indexOf('\0');
            sb.append("  ").append(key, 0, sep).append(" (").append(names.size()).append(": ")
                    .append(String.join(", ", names.stream().sorted().toList())).append("): ").append(key.substring(sep + 1)).append('\n');
        });
        out.print(sb);
        out.flush();
        skipped.clear();
        count = 0;
    }

    private void add(TestIdentifier test, String reason) {
        String cls = "";
        String name = test.getDisplayName();
        TestSource source = test.getSource().orElse(null);
        if (source instanceof MethodSource m) {
            cls = simple(m.getClassName());
            name = m.getMethodName() + (test.getDisplayName().startsWith(m.getMethodName()) ? ""
                    : " [" + test.getDisplayName() + "]");
        } else if (source instanceof ClassSource c) {
            cls = simple(c.getClassName());
            name = "all tests";
        }
        long tests = 1;
        if (test.isContainer() && plan != null) {            // a skipped class skips every test it holds
            tests = Math.max(1, plan.getDescendants(test).stream().filter(TestIdentifier::isTest).count());
        }
        String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        if (why.startsWith("Assumption failed: ")) {
            why = why.substring("Assumption failed: ".length());
        }
        skipped.computeIfAbsent(cls + '\0' + why, k -> new ArrayList<>()).add(name);
        count += tests;
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
