package io.github.omniretail.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code omniretail-examples.jar}: {@code java -jar examples/target/omniretail-examples.jar demo}.
 */
@Command(name = "omniretail-examples", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runnable OmniRetail examples.",
        subcommands = {DemoCommand.class, KpiCommand.class, RfmCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** The build's exact version (e.g. {@code 0.1.0-SNAPSHOT}), from a resource Maven fills in. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"OmniRetail examples " + p.getProperty("version", "(unknown version)")};
        }
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line without exiting the JVM (for tests).
     *
     * @param args command-line arguments
     * @return the exit code
     */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
