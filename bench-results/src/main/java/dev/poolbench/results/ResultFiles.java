package dev.poolbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes every result file through its record (docs/result-files.md). A file is written with
 * {@code "format"} first, then the record's fields, indented; a file is read only when its format is the
 * one asked for, and fields the record does not know are ignored, so a reader of a version's first fields
 * reads later files of the same version.
 */
public final class ResultFiles {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a JMH error that was never measured can reach a file as NaN
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static final String FORMAT = "format";

    private ResultFiles() {
    }

    /** Writes {@code content} to {@code file} (its folder created when missing). */
    public static <T> void write(Path file, ResultFormat<T> format, T content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        MAPPER.writeValue(file.toFile(), toTree(format, content));
    }

    /**
     * The record in {@code file}; a file of another kind or version, or with a field of the wrong shape, is a
     * {@link ResultFileException} naming the file.
     */
    public static <T> T read(Path file, ResultFormat<T> format) throws IOException {
        return fromTree(MAPPER.readTree(file.toFile()), format, file.toString());
    }

    /** {@code content} as the JSON tree of its file: {@code "format"} first, then the record's fields. */
    public static <T> ObjectNode toTree(ResultFormat<T> format, T content) {
        ObjectNode tree = MAPPER.createObjectNode();
        tree.put(FORMAT, format.id());
        tree.setAll((ObjectNode) MAPPER.valueToTree(content));
        return tree;
    }

    /** The record in a file's JSON tree; {@code source} names the tree in a refusal (a file, or where in a run artifact). */
    public static <T> T fromTree(JsonNode tree, ResultFormat<T> format, String source) {
        requireFormat(tree, format, source);
        try {
            return MAPPER.treeToValue(tree, format.type());
        } catch (JsonProcessingException e) {
            throw new ResultFileException(source + ": not a valid " + format.id() + " file (" + where(e)
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** {@code byRequest[0].latencyMs: } for a field of the wrong shape there; nothing when the problem has no place. */
    private static String where(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException) || ((JsonMappingException) e).getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : ((JsonMappingException) e).getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path + ": ";
    }

    /** {@code tree} when its format is {@code expected}'s; otherwise a one-line refusal naming {@code source}. */
    public static JsonNode requireFormat(JsonNode tree, ResultFormat<?> expected, String source) {
        String kind = expected.kind();
        JsonNode format = tree != null && tree.isObject() ? tree.get(FORMAT) : null;
        if (format == null || !format.isTextual()) {
            throw new ResultFileException(source + ": not a " + kind + " file (no \"format\" field; expected \""
                    + expected.id() + "\")");
        }
        String actual = format.asText();
        if (actual.equals(expected.id())) {
            return tree;
        }
        if (actual.startsWith(kind + "/")) {
            throw new ResultFileException(source + ": format \"" + actual + "\" is not supported; this version of poolbench reads \""
                    + expected.id() + "\"");
        }
        throw new ResultFileException(source + ": not a " + kind + " file (format \"" + actual + "\"; expected \""
                + expected.id() + "\")");
    }
}
