package dev.poolbench.core.db;

import dev.poolbench.core.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The one entry point that hands out a running PostgreSQL: {@code Databases.start(settings)}.
 * {@code auto} picks Testcontainers when a Docker-API engine answers and the embedded server
 * otherwise, and says in one log line which it picked and why.
 */
public final class Databases {

    private static final Logger LOG = LoggerFactory.getLogger(Databases.class);

    private Databases() {
    }

    public static Database start(DatabaseSettings settings) {
        DatabaseProvider provider = settings.provider();
        if (provider == DatabaseProvider.AUTO) {
            String engine = containerEngine();
            if (engine == null) {
                provider = DatabaseProvider.TESTCONTAINERS;
                LOG.info("bench.db=auto: using testcontainers ({}) because a Docker-API engine answered", settings.image());
            } else {
                provider = DatabaseProvider.EMBEDDED;
                LOG.info("bench.db=auto: using embedded PostgreSQL because no Docker-API engine answered ({})", engine);
            }
        }
        Database database;
        switch (provider) {
            case TESTCONTAINERS:
                String why = containerEngine();
                if (why != null) {
                    throw new IllegalStateException("bench.db = testcontainers, but no Docker-API engine answered ("
                            + why + "); start one (see the README) or use bench.db=embedded");
                }
                database = ContainerPostgres.start(settings.image(), settings.password());
                break;
            case EMBEDDED:
                database = EmbeddedPostgresServer.start(settings.password());
                break;
            case EXTERNAL:
                database = ExternalPostgres.connect(settings);
                break;
            default:
                throw new IllegalStateException("unreachable: " + provider);
        }
        if (!settings.rtt().isZero()) {
            database = database.throughProxy(settings.rtt(), true);
        }
        LOG.info("poolbench database ready: {}", database);
        return database;
    }

    /** Null when a Docker-API engine answers; otherwise why not, in a few words. */
    public static String containerEngine() {
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return null;
            }
        } catch (RuntimeException | LinkageError e) {
            return e.getMessage();
        }
        String dockerHost = System.getenv("DOCKER_HOST");
        return dockerHost == null ? "DOCKER_HOST is not set and no Docker socket was found"
                : "nothing answered at DOCKER_HOST=" + dockerHost;
    }

    static String spelling(DatabaseProvider provider) {
        return Settings.spelling(provider);
    }
}
