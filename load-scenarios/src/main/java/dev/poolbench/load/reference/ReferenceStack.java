package dev.poolbench.load.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The reference stack (issue 17): the seeds' TODO service as they describe it, FastAPI + SQLAlchemy on one
 * uvicorn worker, run by Debian's {@code /usr/bin/python3}. Its source is {@code load-scenarios/src/main/python}
 * (a Python package, {@code reference_service}, and one executable script), put on the classpath under
 * {@code python/}, so it is found the same way from this module's classes, another module's tests, or a jar.
 *
 * <p>It takes the Java service's flags, environment ({@code BENCH_DB_*}) and {@code -Dbench.db=external}, and
 * prints the same listening line, so {@link #launcher()} stands where a {@code java -jar todo-service.jar}
 * launcher does.
 */
public final class ReferenceStack {

    /** The interpreter with the Debian packages; the script's shebang names it too. */
    public static final String PYTHON = "/usr/bin/python3";

    /** What a machine without the packages needs, as the skip line says it. */
    public static final String INSTALL =
            "apt-get install python3-fastapi python3-uvicorn python3-sqlalchemy python3-psycopg2 python3-asyncpg";

    static final String SCRIPT = "todo-reference-service";
    private static final String ON_CLASSPATH = "/python/" + SCRIPT;
    private static final long CHECK_TIMEOUT_SECONDS = 60;

    private static Path home;

    private final List<String> interpreter;

    /** The stack run by {@code interpreter} (e.g. {@code /usr/bin/python3 -S}, which sees no Debian packages). */
    public ReferenceStack(List<String> interpreter) {
        this.interpreter = List.copyOf(interpreter);
    }

    /** The stack on {@value #PYTHON}. */
    public static ReferenceStack onDebianPython() {
        return new ReferenceStack(List.of(PYTHON));
    }

    /**
     * Why the reference stack cannot run here, in one line naming what to install; empty when it can. Asks the
     * service itself ({@code --check-packages}), so the list of packages lives in one place.
     */
    public Optional<String> unavailable() {
        if (!Files.isExecutable(Path.of(interpreter.get(0)))) {
            return Optional.of("the reference stack needs " + interpreter.get(0)
                    + " with fastapi, uvicorn, sqlalchemy, psycopg2, asyncpg: apt-get install python3 "
                    + INSTALL.substring("apt-get install ".length()));
        }
        List<String> command = new ArrayList<>(interpreter);
        command.addAll(List.of(script().toString(), "--check-packages"));
        try {
            Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
            String said;
            try (InputStream out = check.getInputStream()) {
                said = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!check.waitFor(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return Optional.of("the reference stack's package check did not answer within " + CHECK_TIMEOUT_SECONDS + " s");
            }
            if (check.exitValue() == 0 && said.equals("ok")) {
                return Optional.empty();
            }
            String[] lines = said.split("\n");
            return Optional.of(lines[lines.length - 1].strip());
        } catch (IOException e) {
            return Optional.of("the reference stack could not run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking the reference stack's packages");
        }
    }

    /**
     * The command that starts the reference service, to which the service's flags are added: the script alone,
     * executable, its shebang {@value #PYTHON}. It accepts {@code -Dbench.db=external} as its first argument, as
     * ServiceProcess (bench-core) passes it to every launcher.
     */
    public static List<String> launcher() {
        return List.of(script().toString());
    }

    /** The same as {@code PYTHONPATH=<home> /usr/bin/python3 -m reference_service}. */
    public static Map<String, String> moduleEnvironment() {
        return Map.of("PYTHONPATH", home().toString());
    }

    /** The executable script, {@code <home>/todo-reference-service}. */
    public static Path script() {
        return home().resolve(SCRIPT);
    }

    /**
     * The folder holding {@code reference_service/} and the script: the classpath's {@code python/} folder, or a
     * copy of it in a temporary folder when the classes are in a jar.
     */
    public static synchronized Path home() {
        if (home == null) {
            home = locate();
        }
        return home;
    }

    private static Path locate() {
        URL found = ReferenceStack.class.getResource(ON_CLASSPATH);
        if (found == null) {
            throw new IllegalStateException("the reference stack is not on the classpath (" + ON_CLASSPATH
                    + "): build load-scenarios, which copies src/main/python there");
        }
        try {
            URI uri = found.toURI();
            Path folder;
            if (uri.getScheme().equals("file")) {
                folder = Path.of(uri).getParent();
            } else {
                folder = copyOutOfJar(uri);
            }
            // Maven copies resources without their mode bits
            folder.resolve(SCRIPT).toFile().setExecutable(true);
            return folder;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("could not reach the reference stack at " + found + ": " + e.getMessage(), e);
        }
    }

    private static Path copyOutOfJar(URI script) throws IOException {
        Path target = Files.createTempDirectory("poolbench-reference-");
        try (FileSystem jar = FileSystems.newFileSystem(script, Map.of());
             Stream<Path> files = Files.walk(jar.getPath("/python"))) {
            files.forEach(source -> {
                Path copy = target.resolve(jar.getPath("/python").relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }
}
