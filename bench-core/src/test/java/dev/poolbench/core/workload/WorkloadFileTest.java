package dev.poolbench.core.workload;

import dev.poolbench.core.config.SettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Reading a workload file: the documented example and the defaults, and each kind of mistake refused with its one
 * line (file, statement, field, the bad value, what is accepted), before any database work.
 */
class WorkloadFileTest {

    static final Path EXAMPLE = Path.of("../docs/examples/workload.yaml");

    @TempDir
    Path dir;

    @Test
    void theDocumentedExampleReadsAsItSays() {
        UserWorkload workload = UserWorkload.load(EXAMPLE, false);

        assertThat(workload.name()).isEqualTo("orders-api");
        assertThat(workload.statements()).extracting(UserStatement::name, UserStatement::weight).containsExactly(
                tuple("order by id", 8),
                tuple("recent orders of a customer", 3),
                tuple("orders of a status in a price band", 1),
                tuple("order by reference", 2),
                tuple("customers by email prefix", 1));
        assertThat(workload.statements().get(1).sql()).isEqualTo("SELECT id, status, total FROM orders "
                + "WHERE customer_id = ? AND created_at > now() - ?::interval ORDER BY created_at DESC LIMIT 20");
        assertThat(workload.statements().get(1).parameters()).containsExactly(
                new Parameter.IntRange(1, 5000), new Parameter.OneOf(List.of("1 day", "7 days", "30 days")));
        assertThat(workload.statements().get(2).parameters().get(1))
                .isEqualTo(new Parameter.DecimalRange(new BigDecimal("0.00"), new BigDecimal("100.00")));
        assertThat(workload.statements().get(3).parameters())
                .containsExactly(new Parameter.RandomUuid(), new Parameter.RandomBool());
        assertThat(workload.statements().get(4).parameters()).containsExactly(new Parameter.Text(1, 3));
    }

    @Test
    void nameWeightAndParamsHaveDefaultsAndOnlyThePlaceholdersPgjdbcBindsCount() throws IOException {
        Path file = write("reads.yml", """
                statements:
                  - sql: SELECT 1
                  - sql: "SELECT '?', \\"a?\\", '{}'::jsonb ?? 'k', ? /* ? */ -- ?\\n"
                    params: [bool]
                """);

        UserWorkload workload = UserWorkload.load(file, false);

        assertThat(workload.name()).as("the file's name without its extension").isEqualTo("reads");
        assertThat(workload.statements()).extracting(UserStatement::name).containsExactly("statement 1", "statement 2");
        assertThat(workload.statements()).extracting(UserStatement::weight).containsExactly(1, 1);
        assertThat(workload.statements().get(0).parameters()).isEmpty();
    }

    @Test
    void jsonIsAcceptedAsTheYamlItIs() throws IOException {
        Path file = write("w.json", """
                {"name": "from json", "statements": [{"name": "one", "weight": 2, "sql": "SELECT ?::int", "params": [{"int": [1, 9]}]}]}
                """);

        UserWorkload workload = UserWorkload.load(file, false);

        assertThat(workload.name()).isEqualTo("from json");
        assertThat(workload.statements().get(0).parameters()).containsExactly(new Parameter.IntRange(1, 9));
    }

    @Test
    void aFileThatCannotBeReadIsRefused() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> UserWorkload.load(missing, false)).isInstanceOf(SettingsException.class)
                .hasMessage("workload file " + missing + " cannot be read: there is no such file");
        assertThatThrownBy(() -> UserWorkload.load(dir, false))
                .hasMessage("workload file " + dir + " cannot be read: it is a directory");
    }

    @Test
    void notYamlIsRefusedWithWhereItGoesWrong() throws IOException {
        refused("""
                name: x
                statements: [
                  - sql: SELECT 1
                """, " is not valid YAML (line 3, column 3): expected the node content, but found '-'");
    }

    @Test
    void aDuplicateKeyIsRefused() throws IOException {
        refused("""
                statements:
                  - sql: SELECT 1
                    sql: SELECT 2
                """, " is not valid YAML (line 3, column 8): Duplicate field 'sql'");
    }

    @Test
    void somethingOtherThanAMappingIsRefused() throws IOException {
        refused("- sql: SELECT 1\n", ": expected a mapping of name, statements, found a list");
        refused("", ": expected a mapping of name, statements, found nothing");
    }

    @Test
    void anUnknownKeyIsRefusedWithTheAcceptedOnes() throws IOException {
        refused("""
                name: x
                statement:
                  - sql: SELECT 1
                """, ": unknown key 'statement'; accepted: name, statements");
        refused("""
                statements:
                  - name: order by id
                    wieght: 2
                    sql: SELECT 1
                """, ", statement \"order by id\": unknown key 'wieght'; accepted: name, weight, sql, params");
    }

    @Test
    void statementsMissingOrEmptyAreRefused() throws IOException {
        refused("name: x\n", ": statements is missing; accepted: a list of one or more statements, "
                + "each with name, weight, sql and params");
        refused("statements: []\n", ": statements = '[]' is not accepted: a list of one or more statements, "
                + "each with name, weight, sql and params");
        refused("statements:\n  - SELECT 1\n",
                ", statement 1: expected a mapping of name, weight, sql, params, found text");
    }

    @Test
    void aStatementWithoutSqlOrWithTwoIsRefused() throws IOException {
        refused("""
                statements:
                  - name: order by id
                    weight: 2
                """, ", statement \"order by id\": sql is missing; accepted: one SQL statement with a ? for each parameter");
        refused("""
                statements:
                  - name: two
                    sql: SELECT 1; SELECT 2
                """, ", statement \"two\": sql = 'SELECT 1; SELECT 2' is not accepted: "
                + "one SQL statement with a ? for each parameter");
        refused("""
                statements:
                  - sql: "  -- nothing"
                """, ", statement 1: sql = '-- nothing' is not accepted: one SQL statement with a ? for each parameter");
    }

    @Test
    void aWeightThatIsNotAPositiveWholeNumberIsRefused() throws IOException {
        for (String weight : List.of("0", "-1", "1.5", "many", "1000001")) {
            refused("""
                    statements:
                      - name: order by id
                        weight: %s
                        sql: SELECT 1
                    """.formatted(weight), ", statement \"order by id\": weight = '" + weight
                    + "' is not accepted: a whole number from 1 to 1000000");
        }
    }

    @Test
    void aRangeWhoseLowIsAboveItsHighIsRefused() throws IOException {
        refused(oneParameter("int: [10, 1]"), ", statement \"s\", parameter 1: int = '[10, 1]' is not accepted: "
                + "[low, high], two whole numbers with low <= high");
        refused(oneParameter("int: [1.5, 3]"), ", statement \"s\", parameter 1: int = '[1.5, 3]' is not accepted: "
                + "[low, high], two whole numbers with low <= high");
        refused(oneParameter("int: 7"), ", statement \"s\", parameter 1: int = '7' is not accepted: "
                + "[low, high], two whole numbers with low <= high");
        refused(oneParameter("int"), ", statement \"s\", parameter 1: int = '' is not accepted: "
                + "[low, high], two whole numbers with low <= high");
        refused(oneParameter("decimal: [9.99, 0.01]"), ", statement \"s\", parameter 1: decimal = '[9.99, 0.01]' "
                + "is not accepted: [low, high], two numbers of at most 18 digits with low <= high");
        refused(oneParameter("text: [5, 2]"), ", statement \"s\", parameter 1: text = '[5, 2]' is not accepted: "
                + "[min length, max length], two whole numbers from 0 to 10000 with min <= max");
        refused(oneParameter("text: [-1, 2]"), ", statement \"s\", parameter 1: text = '[-1, 2]' is not accepted: "
                + "[min length, max length], two whole numbers from 0 to 10000 with min <= max");
    }

    @Test
    void anEmptyOneOfAnUnknownKindAndAValueForUuidAreRefused() throws IOException {
        refused(oneParameter("oneOf: []"), ", statement \"s\", parameter 1: oneOf = '[]' is not accepted: "
                + "a list of one or more values, each text, a number or true/false");
        refused(oneParameter("oneOf: [a, [b]]"), ", statement \"s\", parameter 1: oneOf = '[a, [b]]' is not accepted: "
                + "a list of one or more values, each text, a number or true/false");
        refused(oneParameter("integer: [1, 2]"), ", statement \"s\", parameter 1: unknown kind 'integer'; accepted: "
                + "int: [low, high], decimal: [low, high], oneOf: [value, ...], text: [min length, max length], uuid, bool");
        refused(oneParameter("uuid: v4"), ", statement \"s\", parameter 1: uuid = 'v4' is not accepted: "
                + "no value: write the parameter as - uuid");
        refused(oneParameter("{int: [1, 2], text: [1, 2]}"), ", statement \"s\", parameter 1: expected one kind and "
                + "its value, found {int: [1, 2], text: [1, 2]}; accepted: int: [low, high], decimal: [low, high], "
                + "oneOf: [value, ...], text: [min length, max length], uuid, bool");
    }

    @Test
    void paramsThatDoNotMatchThePlaceholdersAreRefused() throws IOException {
        refused("""
                statements:
                  - name: recent by customer
                    sql: SELECT * FROM orders WHERE customer_id = ? AND created_at > now() - ?::interval
                    params:
                      - int: [1, 5000]
                """, ", statement \"recent by customer\": its sql has 2 parameters (?) but params declares 1; "
                + "declare one entry in params for each ?, in order");
        refused("""
                statements:
                  - name: native placeholders
                    sql: SELECT $1::int
                    params: [bool]
                """, ", statement \"native placeholders\": its sql has 0 parameters (?) but params declares 1; "
                + "declare one entry in params for each ?, in order");
        refused("""
                statements:
                  - name: s
                    sql: SELECT ?::int
                    params: {int: [1, 2]}
                """, ", statement \"s\": params = '{int: [1, 2]}' is not accepted: "
                + "a list with one entry for each ? of the sql, in order");
    }

    @Test
    void twoStatementsOfOneNameAreRefused() throws IOException {
        refused("""
                statements:
                  - name: by id
                    sql: SELECT 1
                  - name: by id
                    sql: SELECT 2
                """, ", statement 2: name = 'by id' is not accepted: a name no other statement of the file has");
    }

    private static String oneParameter(String parameter) {
        return """
                statements:
                  - name: s
                    sql: SELECT ?
                    params:
                      - %s
                """.formatted(parameter);
    }

    private void refused(String yaml, String afterFile) throws IOException {
        Path file = write("w.yaml", yaml);
        assertThatThrownBy(() -> UserWorkload.load(file, false)).isInstanceOf(SettingsException.class)
                .hasMessage("workload file " + file + afterFile);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
