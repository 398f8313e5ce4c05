package dev.poolbench.pools.runner;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar benchmarks.jar}: with no arguments, runs the profile {@code bench.profile} (quick or
 * full); with arguments, takes the usual JMH options, e.g.
 * {@code java -jar benchmarks.jar Query -p strategy=hikari,none -t 8 -jvmArgsAppend "-Dbench.db=external -Dbench.db.url=..."}.
 * Either way the database is started (or reached) once here and shared by every fork, and
 * {@code -Dbench.*} settings given for the forks are checked here first.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, Settings.fromSystem()));
    }

    /** The exit code: 0 done, 2 bad input (one line on stderr, nothing started). */
    static int run(String[] args, Settings settings) throws Exception {
        try {
            Profile profile = null;
            List<Options> runs;
            Map<String, String> forkDbArgs = new LinkedHashMap<>();
            Map<String, Object> parameters = new LinkedHashMap<>();
            if (args.length == 0) {
                profile = Profile.from(settings);
                runs = profile.runs();
            } else {
                CommandLineOptions cli = new CommandLineOptions(args);
                if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
                        || cli.shouldListResultFormats()) {
                    org.openjdk.jmh.Main.main(args);
                    return 0;
                }
                runs = List.of(withoutDbArgs(cli, forkDbArgs));
                parameters.put("arguments", String.join(" ", redacted(args)));
            }
            List<String> given = givenParams(args);
            for (Options run : runs) {
                BenchParams.validate(run, given);
            }
            parameters.put("runs", describe(runs));
            new BenchmarkRun(settings).run(runs, forkDbArgs, profile, parameters);
            return 0;
        } catch (SettingsException | CommandLineOptionException e) {
            System.err.println("poolbench: " + e.getMessage());
            return 2;
        }
    }

    /**
     * Takes the {@code -Dbench.*} settings out of the fork VM options (they are checked and acted on
     * here, and a password there would be printed by JMH) and returns the rest of the user's options.
     */
    private static Options withoutDbArgs(CommandLineOptions cli, Map<String, String> forkDbArgs) {
        List<String> append = new ArrayList<>();
        for (String arg : cli.getJvmArgsAppend().orElse(List.of())) {
            for (String word : arg.trim().split("\\s+")) {
                if (word.startsWith("-Dbench.") && word.contains("=")) {
                    forkDbArgs.put(word.substring(2, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
                } else if (!word.isEmpty()) {
                    append.add(word);
                }
            }
        }
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(cli);
        return builder.jvmArgsAppend(append.toArray(String[]::new)).build();
    }

    /** The names in every {@code -p name=values} of the command line (JMH has no way to list them). */
    private static List<String> givenParams(String[] args) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("-p") && args[i + 1].contains("=")) {
                names.add(args[i + 1].substring(0, args[i + 1].indexOf('=')));
            }
        }
        return names;
    }

    private static List<String> describe(List<Options> runs) {
        List<String> described = new ArrayList<>();
        for (Options run : runs) {
            StringBuilder line = new StringBuilder(String.join(",", run.getIncludes()));
            for (String name : BenchParams.NAMES) {
                if (run.getParameter(name).hasValue()) {
                    line.append(" -p ").append(name).append('=').append(String.join(",", run.getParameter(name).get()));
                }
            }
            if (run.getThreads().hasValue()) {
                line.append(" -t ").append(run.getThreads().get());
            }
            described.add(line.toString());
        }
        return described;
    }

    private static List<String> redacted(String[] args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            words.add(arg.replaceAll("(-Dbench\\.db\\.password=)\\S*", "$1" + dev.poolbench.core.db.Redaction.MASK)
                    .replaceAll("(-Dbench\\.db\\.url=)(\\S*)", "$1<url>"));
        }
        return words;
    }
}
