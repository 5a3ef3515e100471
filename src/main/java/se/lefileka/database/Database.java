package se.lefileka.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store: a pooled connection to {@code bundle.db.url} (the embedded H2 file database
 * by default, or PostgreSQL), whose schema ({@code db/schema.sql}) the bundle creates if missing.
 */
public class Database extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;

    public Database(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setPoolName("bundle-db");
        this.dataSource = new HikariDataSource(config);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Creates every table the bundle needs that does not exist yet. */
    public void createSchema() throws SQLException, IOException {
        String script;
        try (InputStream in = Database.class.getResourceAsStream("/db/schema.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : script.split(";")) {
                String trimmed = sql.replaceAll("(?m)^--.*$", "").trim();
                if (!trimmed.isEmpty()) {
                    statement.execute(trimmed);
                }
            }
        }
        LOG.info("Database schema ready at {}", dataSource.getJdbcUrl());
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
