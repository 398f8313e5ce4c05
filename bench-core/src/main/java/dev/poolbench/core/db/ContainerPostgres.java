package dev.poolbench.core.db;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.UUID;

/** Testcontainers' PostgreSQL container, started with the same server settings as the embedded one. */
final class ContainerPostgres {

    private ContainerPostgres() {
    }

    /** {@code password} empty: a random one. */
    static Database start(String image, String password) {
        // the image may be a locally built stand-in for the official one (CI's BENCH_PG_IMAGE)
        DockerImageName name = DockerImageName.parse(image).asCompatibleSubstituteFor("postgres");
        PostgreSQLContainer container = new PostgreSQLContainer(name)
                .withDatabaseName("poolbench")
                .withUsername("poolbench")
                .withPassword(password.isEmpty() ? "pb-" + UUID.randomUUID() : password);
        // Testcontainers' default command turns fsync off; benchmarks want a server that commits like a real one
        container.withCommand(ServerConfig.commandLine());
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new IllegalStateException("could not start a PostgreSQL container from image '" + image
                    + "' (set bench.db.image or BENCH_PG_IMAGE to an image the engine has): " + rootMessage(e), e);
        }
        String url = "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/poolbench";
        return new Database(DatabaseProvider.TESTCONTAINERS, url, container.getUsername(), container.getPassword(),
                "PostgreSQL container " + image + " (" + container.getContainerId().substring(0, 12) + ") on "
                        + container.getHost() + ":" + container.getMappedPort(5432),
                container::stop);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
