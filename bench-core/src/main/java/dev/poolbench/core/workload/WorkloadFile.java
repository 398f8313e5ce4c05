package dev.poolbench.core.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.poolbench.core.config.SettingsException;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.postgresql.core.SqlCommandType;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Reads a workload file ({@code docs/workload-file.md}) and validates all of it before any database work: the first
 * mistake is refused with one line naming the file, the statement, the field, the bad value and what is accepted.
 */
final class WorkloadFile {

    static final int MAX_WEIGHT = 1_000_000;
    static final int MAX_TEXT_LENGTH = 10_000;

    static final String ACCEPTED_TOP = "name, statements";
    static final String ACCEPTED_STATEMENTS = "a list of one or more statements, each with name, weight, sql and params";
    static final String ACCEPTED_STATEMENT = "name, weight, sql, params";
    static final String ACCEPTED_SQL = "one SQL statement with a ? for each parameter";
    static final String ACCEPTED_WEIGHT = "a whole number from 1 to " + MAX_WEIGHT;
    static final String ACCEPTED_PARAMS = "a list with one entry for each ? of the sql, in order";
    static final String ACCEPTED_KINDS =
            "int: [low, high], decimal: [low, high], oneOf: [value, ...], text: [min length, max length], uuid, bool";
    static final String ACCEPTED_INT = "[low, high], two whole numbers with low <= high";
    static final String ACCEPTED_DECIMAL = "[low, high], two numbers of at most 18 digits with low <= high";
    static final String ACCEPTED_TEXT =
            "[min length, max length], two whole numbers from 0 to " + MAX_TEXT_LENGTH + " with min <= max";
    static final String ACCEPTED_ONE_OF = "a list of one or more values, each text, a number or true/false";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // decimal ranges keep the places they are written with: [0.10, 9.90] draws cents
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** The workload's name and its statements, valid. */
    record Contents(String name, List<UserStatement> statements) {
    }

    private final Path file;

    private WorkloadFile(Path file) {
        this.file = file;
    }

    /** Reads and validates {@code file}; anything wrong is a {@link SettingsException} with the one-line message. */
    static Contents read(Path file) {
        return new WorkloadFile(file).contents(parse(file));
    }

    /** "workload file F, statement "S"", as every message about a statement begins. */
    static String where(Path file, String statement) {
        return "workload file " + file + ", " + statement;
    }

    private static JsonNode parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SettingsException("workload file " + file + " cannot be read: there is no such file");
        } catch (AccessDeniedException e) {
            throw new SettingsException("workload file " + file + " cannot be read: permission denied");
        } catch (CharacterCodingException e) {
            throw new SettingsException("workload file " + file + " cannot be read: it is not UTF-8 text");
        } catch (IOException e) {
            throw new SettingsException("workload file " + file + " cannot be read: "
                    + (Files.isDirectory(file) ? "it is a directory" : e.getMessage()));
        }
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String at = "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String problem = e.getOriginalMessage();
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                // where SnakeYAML found the problem, not where the construct around it began
                at = "line " + (marked.getProblemMark().getLine() + 1) + ", column " + (marked.getProblemMark().getColumn() + 1);
                problem = marked.getProblem();
            }
            throw new SettingsException("workload file " + file + " is not valid YAML (" + at + "): " + problem);
        }
    }

    private Contents contents(JsonNode root) {
        String top = "workload file " + file;
        if (root == null || !root.isObject()) {
            throw new SettingsException(top + ": expected a mapping of " + ACCEPTED_TOP + ", found " + kindOf(root));
        }
        onlyKeys(root, top, Set.of("name", "statements"), ACCEPTED_TOP);
        String name = fileStem();
        JsonNode nameNode = root.get("name");
        if (nameNode != null) {
            if (!nameNode.isTextual() || nameNode.asText().isBlank()) {
                throw bad(top, "name", nameNode, "a name for the report, as text");
            }
            name = nameNode.asText().strip();
        }
        JsonNode list = root.get("statements");
        if (list == null) {
            throw new SettingsException(top + ": statements is missing; accepted: " + ACCEPTED_STATEMENTS);
        }
        if (!list.isArray() || list.isEmpty()) {
            throw bad(top, "statements", list, ACCEPTED_STATEMENTS);
        }
        List<UserStatement> statements = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            UserStatement statement = statement(list.get(i), i + 1);
            if (!names.add(statement.name())) {
                throw bad(where(file, "statement " + (i + 1)), "name", statement.name(),
                        "a name no other statement of the file has");
            }
            statements.add(statement);
        }
        return new Contents(name, statements);
    }

    private UserStatement statement(JsonNode node, int number) {
        String where = where(file, "statement " + number);
        if (!node.isObject()) {
            throw new SettingsException(where + ": expected a mapping of " + ACCEPTED_STATEMENT + ", found " + kindOf(node));
        }
        String name = "statement " + number;
        JsonNode nameNode = node.get("name");
        if (nameNode != null) {
            if (!nameNode.isTextual() || nameNode.asText().isBlank()) {
                throw bad(where, "name", nameNode, "a name for the report, as text");
            }
            name = nameNode.asText().strip();
            where = where(file, "statement \"" + name + "\"");
        }
        onlyKeys(node, where, Set.of("name", "weight", "sql", "params"), ACCEPTED_STATEMENT);

        JsonNode sqlNode = node.get("sql");
        if (sqlNode == null) {
            throw new SettingsException(where + ": sql is missing; accepted: " + ACCEPTED_SQL);
        }
        if (!sqlNode.isTextual()) {
            throw bad(where, "sql", sqlNode, ACCEPTED_SQL);
        }
        String sql = sqlNode.asText().strip();
        int placeholders = placeholders(sql, where);

        int weight = 1;
        JsonNode weightNode = node.get("weight");
        if (weightNode != null) {
            if (!weightNode.isIntegralNumber() || !weightNode.canConvertToInt()
                    || weightNode.asInt() < 1 || weightNode.asInt() > MAX_WEIGHT) {
                throw bad(where, "weight", weightNode, ACCEPTED_WEIGHT);
            }
            weight = weightNode.asInt();
        }

        List<Parameter> parameters = new ArrayList<>();
        JsonNode paramsNode = node.get("params");
        if (paramsNode != null && !paramsNode.isNull()) {
            if (!paramsNode.isArray()) {
                throw bad(where, "params", paramsNode, ACCEPTED_PARAMS);
            }
            for (int i = 0; i < paramsNode.size(); i++) {
                parameters.add(parameter(paramsNode.get(i), where + ", parameter " + (i + 1)));
            }
        }
        if (parameters.size() != placeholders) {
            throw new SettingsException(where + ": its sql has " + placeholders + " parameter" + (placeholders == 1 ? "" : "s")
                    + " (?) but params declares " + parameters.size() + "; declare one entry in params for each ?, in order");
        }
        return new UserStatement(name, weight, sql, parameters);
    }

    /** The {@code ?} pgjdbc will bind, counted by pgjdbc's own parser (it knows quotes, comments and {@code ??}). */
    private static int placeholders(String sql, String where) {
        List<NativeQuery> statements;
        try {
            statements = Parser.parseJdbcSql(sql, true, true, true, false, false).stream()
                    .filter(q -> q.command.getType() != SqlCommandType.BLANK)
                    .toList();
        } catch (SQLException e) {
            throw bad(where, "sql", sql, ACCEPTED_SQL + " (" + e.getMessage() + ")");
        }
        if (statements.size() != 1) {
            throw bad(where, "sql", sql, ACCEPTED_SQL);
        }
        return statements.get(0).bindPositions.length;
    }

    private static Parameter parameter(JsonNode node, String where) {
        String kind;
        JsonNode value;
        if (node.isTextual()) {
            kind = node.asText();
            value = null;
        } else if (node.isObject() && node.size() == 1) {
            Map.Entry<String, JsonNode> entry = node.properties().iterator().next();
            kind = entry.getKey();
            value = entry.getValue().isNull() ? null : entry.getValue();
        } else {
            throw new SettingsException(where + ": expected one kind and its value, found " + render(node)
                    + "; accepted: " + ACCEPTED_KINDS);
        }
        return switch (kind) {
            case "int" -> {
                long[] range = pair(value, where, "int", ACCEPTED_INT, Long.MIN_VALUE, Long.MAX_VALUE);
                yield new Parameter.IntRange(range[0], range[1]);
            }
            case "text" -> {
                long[] range = pair(value, where, "text", ACCEPTED_TEXT, 0, MAX_TEXT_LENGTH);
                yield new Parameter.Text((int) range[0], (int) range[1]);
            }
            case "decimal" -> decimal(value, where);
            case "oneOf" -> oneOf(value, where);
            case "uuid" -> {
                noValue(value, where, kind);
                yield new Parameter.RandomUuid();
            }
            case "bool" -> {
                noValue(value, where, kind);
                yield new Parameter.RandomBool();
            }
            default -> throw new SettingsException(where + ": unknown kind '" + kind + "'; accepted: " + ACCEPTED_KINDS);
        };
    }

    private static long[] pair(JsonNode value, String where, String kind, String accepted, long min, long max) {
        if (value == null || !value.isArray() || value.size() != 2) {
            throw bad(where, kind, value, accepted);
        }
        long[] pair = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode end = value.get(i);
            if (!end.isIntegralNumber() || !end.canConvertToLong() || end.asLong() < min || end.asLong() > max) {
                throw bad(where, kind, value, accepted);
            }
            pair[i] = end.asLong();
        }
        if (pair[0] > pair[1]) {
            throw bad(where, kind, value, accepted);
        }
        return pair;
    }

    private static Parameter decimal(JsonNode value, String where) {
        if (value == null || !value.isArray() || value.size() != 2 || !value.get(0).isNumber() || !value.get(1).isNumber()) {
            throw bad(where, "decimal", value, ACCEPTED_DECIMAL);
        }
        BigDecimal low = value.get(0).decimalValue();
        BigDecimal high = value.get(1).decimalValue();
        if (low.compareTo(high) > 0 || low.precision() > 18 || high.precision() > 18) {
            throw bad(where, "decimal", value, ACCEPTED_DECIMAL);
        }
        try {
            return new Parameter.DecimalRange(low, high);
        } catch (ArithmeticException tooManyDigitsAtTheCommonScale) {
            throw bad(where, "decimal", value, ACCEPTED_DECIMAL);
        }
    }

    private static Parameter oneOf(JsonNode value, String where) {
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw bad(where, "oneOf", value, ACCEPTED_ONE_OF);
        }
        List<Object> values = new ArrayList<>();
        for (JsonNode item : value) {
            if (item.isTextual()) {
                values.add(item.asText());
            } else if (item.isBoolean()) {
                values.add(item.asBoolean());
            } else if (item.isIntegralNumber() && item.canConvertToInt()) {
                values.add(item.asInt());
            } else if (item.isIntegralNumber() && item.canConvertToLong()) {
                values.add(item.asLong());
            } else if (item.isFloatingPointNumber()) {
                values.add(item.decimalValue());
            } else {
                throw bad(where, "oneOf", value, ACCEPTED_ONE_OF);
            }
        }
        return new Parameter.OneOf(values);
    }

    private static void noValue(JsonNode value, String where, String kind) {
        if (value != null) {
            throw bad(where, kind, value, "no value: write the parameter as - " + kind);
        }
    }

    private static void onlyKeys(JsonNode node, String where, Set<String> known, String accepted) {
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!known.contains(key)) {
                throw new SettingsException(where + ": unknown key '" + key + "'; accepted: " + accepted);
            }
        }
    }

    private String fileStem() {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static SettingsException bad(String where, String field, Object value, String accepted) {
        String shown = value == null || value instanceof JsonNode ? render((JsonNode) value) : value.toString();
        return new SettingsException(where + ": " + field + " = '" + shown + "' is not accepted: " + accepted);
    }

    /** A value as the user wrote it, near enough: text bare, lists as [a, b], mappings as {k: v}. */
    private static String render(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            StringJoiner items = new StringJoiner(", ", "[", "]");
            node.forEach(item -> items.add(render(item)));
            return items.toString();
        }
        if (node.isObject()) {
            StringJoiner entries = new StringJoiner(", ", "{", "}");
            node.properties().forEach(e -> entries.add(e.getKey() + ": " + render(e.getValue())));
            return entries.toString();
        }
        return node.asText();
    }

    private static String kindOf(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "nothing";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isTextual() ? "text" : node.isNumber() ? "a number" : node.isBoolean() ? "true/false" : "a mapping";
    }
}
