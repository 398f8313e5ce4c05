package dev.poolbench.reports.cli;

import dev.poolbench.core.config.SettingsException;
import dev.poolbench.reports.input.InputException;
import dev.poolbench.reports.render.Assets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code java -jar pool-report.jar generate|compare ...}. Exit codes: 0 done; 1 compare found a
 * significant slowdown beyond {@code --fail-on-regression}; 2 bad input (a missing file, a file that
 * is not what it should be, a bad option), always as one line; 3 anything else.
 */
@Command(name = "pool-report", mixinStandardHelpOptions = true, versionProvider = PoolReport.Version.class,
        subcommands = {GenerateCommand.class, CompareCommand.class, CommandLine.HelpCommand.class},
        description = "Reports of poolbench runs, and comparisons between two runs.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done", "1:compare: a significant slowdown beyond --fail-on-regression",
                "2:bad input: a missing file, not a run artifact, an incompatible version, a bad option", "3:an unexpected failure"})
public final class PoolReport implements Runnable {

    public static final int OK = 0;
    public static final int REGRESSION = 1;
    public static final int BAD_INPUT = 2;
    public static final int FAILURE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line, writing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new PoolReport());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, arguments) -> {
            err.println("pool-report: " + e.getMessage() + " (see " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InputException || e instanceof SettingsException) {
                err.println("pool-report: " + e.getMessage());
                return BAD_INPUT;
            }
            err.println("pool-report: failed: " + e);
            e.printStackTrace(err);
            return FAILURE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: generate or compare");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pool-report " + Assets.version() + " (ECharts " + Assets.echartsVersion() + ")"};
        }
    }
}
