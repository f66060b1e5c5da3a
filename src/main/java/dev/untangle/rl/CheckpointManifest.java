package dev.untangle.rl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The SHA-256 of every file of a checkpoint, written last into it ({@value #FILE}: lines {@code <hex>  <path>},
 * paths relative to the checkpoint and sorted) and checked before a checkpoint is read, so that a truncated,
 * overwritten or extended file is refused with its name instead of loading as different weights
 * (docs/OUTPUTS.md "Checkpoints"). A checkpoint without a manifest is damaged (its last file never arrived, or
 * the manifest was removed): it is refused unless the system property {@value #ACCEPT_UNVERIFIED} is {@code true},
 * which reads such a checkpoint unchecked on purpose (one written before manifests existed), with a warning.
 */
public final class CheckpointManifest {

    /** The manifest's file name inside a checkpoint directory. */
    public static final String FILE = "manifest.sha256";
    /**
     * System property that accepts checkpoints without a manifest ({@code -Duntangle.accept_unverified_checkpoints=
     * true}; for the launcher {@code UNTANGLE_JAVA_OPTS}); experiment workers inherit it.
     */
    public static final String ACCEPT_UNVERIFIED = "untangle.accept_unverified_checkpoints";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CheckpointManifest.class);

    private CheckpointManifest() {
    }

    /** Writes the manifest of every regular file below {@code dir} (the manifest itself excluded). */
    public static void write(Path dir) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : hashes(dir).entrySet()) {
            sb.append(e.getValue()).append("  ").append(e.getKey()).append('\n');
        }
        try {
            Files.writeString(dir.resolve(FILE), sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks a checkpoint against its manifest.
     *
     * @param dir the checkpoint directory (holding {@code policy/}, {@code state.json}, ...)
     * @throws UncheckedIOException naming the checkpoint and every file that is missing, unlisted or different, or
     *                              saying that the manifest is missing (and how to accept such a checkpoint)
     */
    public static void verify(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            if (Boolean.getBoolean(ACCEPT_UNVERIFIED)) {
                LOG.warn("checkpoint {} has no {}; read unchecked because {}=true", dir, FILE, ACCEPT_UNVERIFIED);
                return;
            }
            throw new UncheckedIOException(new IOException("damaged checkpoint " + dir + ": " + FILE + " is missing, "
                    + "so its files cannot be checked (every checkpoint untangle writes ends with one); to read a "
                    + "checkpoint of an older build unchecked on purpose, run with -D" + ACCEPT_UNVERIFIED
                    + "=true (./untangle: UNTANGLE_JAVA_OPTS=-D" + ACCEPT_UNVERIFIED + "=true)"));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int sep = line.indexOf("  ");
                if (sep != 64) {
                    throw new IOException(file + ": not a manifest line: " + bounded(line));
                }
                expected.put(line.substring(sep + 2), line.substring(0, sep));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("damaged checkpoint " + dir + ": cannot read " + FILE + " ("
                    + e.getMessage() + ")", e);
        }
        Map<String, String> actual = hashes(dir);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String got = actual.get(e.getKey());
            if (got == null) {
                problems.add(e.getKey() + " is missing");
            } else if (!got.equals(e.getValue())) {
                problems.add(e.getKey() + " differs from its checksum");
            }
        }
        for (String name : actual.keySet()) {
            if (!expected.containsKey(name)) {
                problems.add(name + " is not part of the checkpoint");
            }
        }
        if (!problems.isEmpty()) {
            throw new UncheckedIOException(new IOException("damaged checkpoint " + dir + ": "
                    + String.join("; ", problems) + " (" + FILE + "); restore it or resume from another checkpoint"));
        }
    }

    /** SHA-256 of every regular file below {@code dir} except the manifest, by relative path, sorted. */
    private static Map<String, String> hashes(Path dir) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!rel.equals(FILE)) {
                    out.put(rel, sha256(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String bounded(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
