package dev.poolbench.reports.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.poolbench.core.db.Redaction;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Masks secrets in everything the reports copy from their inputs. The writers already redact, but
 * JMH copies the forked JVM's arguments verbatim into its JSON ({@code -Dbench.db.password=...}
 * when a user passed one through), and a run artifact travels: nothing in it may carry a password.
 */
public final class Secrets {

    // -Dbench.db.password=x, --password=x, PGPASSWORD=x: an argument whose name says password
    private static final Pattern PASSWORD_ARGUMENT = Pattern.compile("(?i)([\\w.-]*(?:password|passwd|pwd)[\\w.-]*=)\\S+");

    private Secrets() {
    }

    /** A copy of {@code node} with every secret masked. */
    public static JsonNode scrub(JsonNode node) {
        JsonNode copy = node.deepCopy();
        scrubInPlace(copy);
        return copy;
    }

    /** {@code text} with JDBC URL passwords and password arguments masked. */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String masked = Redaction.jdbcUrl(text);
        return PASSWORD_ARGUMENT.matcher(masked).replaceAll("$1" + Redaction.MASK);
    }

    private static void scrubInPlace(JsonNode node) {
        if (node instanceof ObjectNode) {
            ObjectNode object = (ObjectNode) node;
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (isSecretName(field.getKey()) && field.getValue().isValueNode() && !field.getValue().isNull()) {
                    field.setValue(TextNode.valueOf(Redaction.MASK));
                } else if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(scrub(field.getValue().asText())));
                } else {
                    scrubInPlace(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(scrub(array.get(i).asText())));
                } else {
                    scrubInPlace(array.get(i));
                }
            }
        }
    }

    private static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret");
    }
}
