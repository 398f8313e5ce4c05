package dev.poolbench.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One conformance scenario from {@code conformance/scenarios.json}: the SQLAlchemy pool it is about (class and
 * {@code create_engine} arguments) and its steps, each observing one thing. The file's {@code about} says what
 * each step does; the Python runner reads the same file.
 */
record Scenario(String name, JsonNode pool, List<Step> steps) {

    static final String RESOURCE = "/conformance/scenarios.json";

    /** One step: its action ({@code checkout}, {@code server}, ...), what it acts on, and its options. */
    record Step(String action, JsonNode subject, JsonNode options) {

        private static final Set<String> OPTIONS = Set.of("timed", "message", "row", "deliberate");

        static Step of(JsonNode node) {
            Iterator<String> fields = node.fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                if (!OPTIONS.contains(field)) {
                    return new Step(field, node.get(field), node);
                }
            }
            throw new IllegalArgumentException("a step without an action: " + node);
        }

        /** The connection, server view or target the action names ("a", "total", "*"). */
        String name() {
            return subject.asText();
        }

        boolean timed() {
            return options.path("timed").asBoolean(false);
        }

        boolean message() {
            return options.path("message").asBoolean(false);
        }

        String row() {
            return options.path("row").asText();
        }

        /** The reason poolbench differs from SQLAlchemy here on purpose, when it does. */
        Optional<String> deliberate() {
            return Optional.ofNullable(options.get("deliberate")).map(JsonNode::asText);
        }

        /** "checkout d", "insert a a1", "sleep 700". */
        String label() {
            String label = action + " " + name();
            if (options.has("row")) {
                label += " " + row();
            }
            return label;
        }

        /** Server steps are run by the test for both runners, so both are observed by the same code. */
        boolean aboutTheServer() {
            return Set.of("server", "terminate", "database", "rows").contains(action);
        }
    }

    static List<Scenario> load() throws IOException {
        try (InputStream in = Scenario.class.getResourceAsStream(RESOURCE)) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Scenario> scenarios = new ArrayList<>();
            for (JsonNode s : root.get("scenarios")) {
                List<Step> steps = new ArrayList<>();
                s.get("steps").forEach(step -> steps.add(Step.of(step)));
                scenarios.add(new Scenario(s.get("name").asText(), s.get("pool"), List.copyOf(steps)));
            }
            return List.copyOf(scenarios);
        }
    }

    /** The file itself, for the Python runner. */
    static Path file() {
        try {
            return Path.of(Scenario.class.getResource(RESOURCE).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
