package dev.poolbench.core.workload;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * STUB, to be dropped at the merge: the user's own statements from a workload file (issue 13, part 4) are another
 * branch's; this stand-in only lets the sizing run's {@code --workload} compile, and refuses every file.
 */
public final class UserWorkload implements Workload {

    private UserWorkload() {
    }

    public static UserWorkload load(Path file, boolean allowWrites) {
        throw new IllegalArgumentException(file + ": workload files are not in this build yet (issue 13, part 4)");
    }

    @Override
    public String name() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void prepare(DataSource dataSource) throws SQLException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void call(DataSource dataSource, SplittableRandom random) throws SQLException {
        throw new UnsupportedOperationException("stub");
    }
}
