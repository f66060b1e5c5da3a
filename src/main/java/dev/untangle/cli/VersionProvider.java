package dev.untangle.cli;

import picocli.CommandLine;

/** Prints the untangle version (from the jar manifest when packaged) and the runtime it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** The untangle version, {@code dev} when run from classes rather than a jar. */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "untangle " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + ")"
        };
    }
}
