package dev.poolbench.reports.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The one JSON mapper of the module, and reading a file with a one-line error that names it. */
public final class Json {

    /** JMH writes a missing error as the string "NaN"; reading it must not fail. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private static final ObjectMapper FOR_SCRIPT = new ObjectMapper();

    static {
        // data inlined in a <script> element: no "</script>" or "<!--" may appear in it
        FOR_SCRIPT.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    }

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The file's JSON; a missing or unparsable file is an {@link InputException} naming it. */
    public static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new InputException(file + ": not JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    public static void write(Path file, JsonNode node) throws IOException {
        Files.writeString(file, MAPPER.writeValueAsString(node) + "\n");
    }

    /** {@code value} as JSON that is safe inside an HTML {@code <script>} element. */
    public static String forScript(Object value) {
        try {
            return FOR_SCRIPT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart data is not serializable: " + e.getMessage(), e);
        }
    }

    /** A number field as a double: JSON numbers, and JMH's "NaN"/"Infinity" strings. Absent is NaN. */
    public static double number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return number(value);
    }

    public static double number(JsonNode value) {
        if (value == null || value.isNull()) {
            return Double.NaN;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.asText());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** A text field, or {@code fallback} when absent or null. */
    public static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static final class HtmlSafeEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = standardAsciiEscapesForJSON();
            escapes['<'] = ESCAPE_CUSTOM;
            escapes['>'] = ESCAPE_CUSTOM;
            escapes['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return new SerializedString(String.format("\\u%04x", ch));
        }
    }
}
