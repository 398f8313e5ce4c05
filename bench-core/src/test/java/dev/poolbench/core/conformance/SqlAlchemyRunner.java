package dev.poolbench.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolbench.core.db.Database;
import dev.poolbench.core.db.JdbcUrl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the conformance scenarios through SQLAlchemy's own pools: {@code src/test/python/sqlalchemy_runner.py}
 * under Debian's {@code /usr/bin/python3}, with Debian's python3-sqlalchemy and python3-psycopg2. The runner asks
 * this class to run the steps about the server, so both sides are observed by {@link ServerSide}.
 */
final class SqlAlchemyRunner {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SCRIPT = Path.of("src/test/python/sqlalchemy_runner.py");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final ServerSide server;
    private String version;

    SqlAlchemyRunner(Database database, ServerSide server) {
        this.database = database;
        this.server = server;
    }

    /** Why the suite cannot run here, in one line; empty when it can. */
    static Optional<String> unavailable() {
        if (!Files.isExecutable(PYTHON)) {
            return Optional.of(PYTHON + " is missing (apt-get install python3 python3-sqlalchemy python3-psycopg2)");
        }
        try {
            Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import sqlalchemy, psycopg2")
                    .redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
                String last = output.lines().reduce((a, b) -> b).orElse("no output");
                return Optional.of(PYTHON + " lacks SQLAlchemy or psycopg2 (apt-get install python3-sqlalchemy python3-psycopg2): " + last);
            }
        } catch (IOException e) {
            return Optional.of(PYTHON + " could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking " + PYTHON);
        }
        return Optional.empty();
    }

    /** SQLAlchemy's version, as the runner reported it. */
    String version() {
        return version;
    }

    /** Every scenario's observations, by scenario name, in the file's order. */
    Map<String, List<Observation>> runAll(String run) throws IOException, InterruptedException, SQLException {
        JdbcUrl url = JdbcUrl.parse(database.jdbcUrl());
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), Scenario.file().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = builder.environment();
        env.put("PB_DB_HOST", url.host());
        env.put("PB_DB_PORT", Integer.toString(url.port()));
        env.put("PB_DB_NAME", url.database());
        env.put("PB_DB_USER", database.user());
        env.put("PGPASSWORD", database.password());
        env.put("PB_RUN", run);
        Process python = builder.start();
        Map<String, List<Observation>> results = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                JsonNode message = JSON.readTree(line);
                if (message.has("version")) {
                    version = message.get("version").asText();
                } else if (message.has("start")) {
                    server.start(message.get("application").asText());
                    answer(in, "ok");
                } else if (message.has("harness")) {
                    Scenario.Step step = Scenario.Step.of(message.get("harness"));
                    Integer pid = message.hasNonNull("pid") ? message.get("pid").asInt() : null;
                    answer(in, server.run(step, pid));
                } else if (message.has("scenario")) {
                    List<Observation> observations = new ArrayList<>();
                    message.get("observations").forEach(o -> observations.add(Observation.fromJson(o)));
                    results.put(message.get("scenario").asText(), observations);
                } else {
                    throw new IllegalStateException("the SQLAlchemy runner said something unexpected: " + line);
                }
            }
        } finally {
            if (!python.waitFor(30, TimeUnit.SECONDS)) {
                python.destroyForcibly();
            }
        }
        if (python.exitValue() != 0) {
            throw new IllegalStateException("the SQLAlchemy runner failed with exit code " + python.exitValue()
                    + " (its error is above)");
        }
        return results;
    }

    private static void answer(Writer in, String value) throws IOException {
        ObjectNode answer = JSON.createObjectNode().put("value", value);
        in.write(JSON.writeValueAsString(answer) + "\n");
        in.flush();
    }
}
