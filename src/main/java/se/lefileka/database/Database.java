package se.lefileka.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store: a pooled connection to {@code bundle.db.url} (the embedded H2 file database
 * by default, or PostgreSQL), whose schema the bundle migrates to its version at start
 * ({@code db/migration}, Flyway).
 */
public class Database extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;

    public Database(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(outlivingTheRoutes(url));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setPoolName("bundle-db");
        this.dataSource = new HikariDataSource(config);
    }

    /**
     * An embedded H2 database is closed by the bundle once Camel has stopped (this service stops
     * after the routes), never by H2's own JVM shutdown hook, which could close it under a lane
     * still finishing its call on a SIGTERM.
     */
    static String outlivingTheRoutes(String url) {
        return url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT")
                ? url + ";DB_CLOSE_ON_EXIT=FALSE" : url;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Brings the schema to the bundle's version: applies, in order and each once, the migrations in
     * {@code db/migration} not applied yet (Flyway). A database made before migrations were
     * versioned (tables, no history) is taken in at version 0, so version 1 completes it in place.
     */
    public void migrate() {
        MigrateResult result = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        LOG.info("Database schema at version {} ({} migrations applied now) at {}",
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted, dataSource.getJdbcUrl());
    }

    @Override
    protected void doStart() {
        // the pool opens connections on demand
    }

    @Override
    protected void doStop() {
        dataSource.close();
    }
}
