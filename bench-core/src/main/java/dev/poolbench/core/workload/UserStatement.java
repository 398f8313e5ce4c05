package dev.poolbench.core.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One statement of a workload file: its name (as the report shows it), how often it runs relative to the others,
 * its SQL with a {@code ?} for each parameter, and where each parameter's values are drawn from.
 */
public record UserStatement(String name, int weight, String sql, List<Parameter> parameters) {

    public UserStatement {
        parameters = List.copyOf(parameters);
    }

    /**
     * Binds freshly drawn parameters, executes, and reads every row of every result, as an application reading its
     * answer does (the columns are not decoded). Returns the rows read, or the rows changed when it wrote.
     */
    long run(Connection connection, SplittableRandom random) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).bind(statement, i + 1, random);
            }
            long rows = 0;
            boolean isResultSet = statement.execute();
            while (true) {
                if (isResultSet) {
                    try (ResultSet resultSet = statement.getResultSet()) {
                        while (resultSet.next()) {
                            rows++;
                        }
                    }
                } else {
                    long changed = statement.getLargeUpdateCount();
                    if (changed == -1) {
                        return rows;
                    }
                    rows += changed;
                }
                isResultSet = statement.getMoreResults();
            }
        }
    }
}
