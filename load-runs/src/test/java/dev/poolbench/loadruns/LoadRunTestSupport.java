package dev.poolbench.loadruns;

import dev.poolbench.results.LoadSummary;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading a summary, and running a command line, in the tests. */
final class LoadRunTestSupport {

    private LoadRunTestSupport() {
    }

    /** The summary's {@code byRequest}, by request name. */
    static Map<String, LoadSummary.RequestFigures> byName(LoadSummary summary) {
        Map<String, LoadSummary.RequestFigures> byName = new LinkedHashMap<>();
        for (LoadSummary.RequestFigures request : summary.byRequest()) {
            byName.put(request.name(), request);
        }
        return byName;
    }

    /** What a command printed and returned. */
    record Console(int exit, String out, String err) {
    }

    /** Something that prints to the console and returns an exit code. */
    interface Printing {
        int run() throws Exception;
    }

    /** Runs {@code command} with {@code args} as its main would, and keeps what it printed to the console. */
    static Console execute(Object command, String... args) throws Exception {
        return capture(() -> new CommandLine(command).execute(args));
    }

    /** Runs {@code printing} with the console captured, and gives back what it printed and returned. */
    static Console capture(Printing printing) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = printing.run();
            return new Console(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
