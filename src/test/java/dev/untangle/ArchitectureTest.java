package dev.untangle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package seams of docs/ARCHITECTURE.md, checked on the sources: which top-level packages each package may
 * use (imports and fully qualified names), and that {@code policy} takes nothing from {@code config} but {@code ConfigException} (the
 * configuration is read in one place, {@code config}, and turned into policy value types by {@code rl}).
 */
class ArchitectureTest {

    private static final Path ROOT = Path.of("src/main/java/dev/untangle");
    /** Any reference to another package: an import (wildcards too) or a fully qualified name in code or Javadoc. */
    private static final Pattern REFERENCE = Pattern.compile(
            "(?<![\\w.])dev\\.untangle\\.([a-z]+)((?:\\.[a-z]\\w*)*(?:\\.[A-Z]\\w*|\\.\\*))");

    /** Top-level package -> the other top-level packages it may import ({@code cli} wires everything). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "config", Set.of(),
            "env", Set.of(),
            "policy", Set.of("config"),
            "eval", Set.of("env", "policy"),
            "rl", Set.of("config", "env", "eval", "policy"),
            "report", Set.of("rl"),
            "coupling", Set.of("config", "env", "eval", "policy", "report", "rl"),
            "experiment", Set.of("config", "coupling", "env", "report", "rl"));

    @Test
    void packagesImportOnlyWhatTheMapAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Path rel = ROOT.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue;
                }
                String pkg = rel.getName(0).toString();
                if (pkg.equals("cli")) {
                    continue;                                   // the command line wires every package
                }
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(rel + ": package " + pkg + " is not on the map (add it to docs/ARCHITECTURE.md "
                            + "and to ALLOWED)");
                    continue;
                }
                Matcher m = REFERENCE.matcher(Files.readString(f).replaceFirst("(?m)^package [\\w.]+;", ""));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.equals(pkg)) {
                        continue;
                    }
                    if (!allowed.contains(target)) {
                        violations.add(rel + " uses dev.untangle." + target + m.group(2));
                    } else if (pkg.equals("policy") && target.equals("config")
                            && !m.group(2).equals(".ConfigException")) {
                        violations.add(rel + " uses dev.untangle.config" + m.group(2)
                                + " (policy reads no configuration; rl.ModelPolicyFactory builds its values)");
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
