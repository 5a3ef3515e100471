package se.lefileka.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import se.lefileka.database.Database;
import se.lefileka.intake.UnreadableInputException;
import se.lefileka.support.RouteFileTestSupport;

/**
 * An audit export request as {@code routes/audit-export.camel.yaml} reads it (audit-file), fast:
 * the log's rows of the period to a CSV file in a real folder, and a request it cannot read thrown
 * back to the inbox (which sets it aside with the reason).
 */
class AuditExportRouteTest extends RouteFileTestSupport {

    @TempDir
    static Path data;
    private Database database;

    @Override
    protected Properties settings() {
        Properties properties = new Properties();
        properties.put("bundle.data.dir", data.toString());
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        database = inMemoryDatabase();
        registry.bind("auditExport", new AuditExport(database.dataSource(), new ObjectMapper(),
                data.resolve("outbox/audit")));
    }

    @BeforeEach
    void loadTheExportRoute() throws Exception {
        loadRoutes(List.of("intake", "audit-export"), List.of("audit-file"));
        context.start();
    }

    @Test
    void thePeriodsRowsAreWrittenAsCsvUnderTheRequestsName() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        for (String at : List.of("2025-06-01T10:00:00Z", "2026-03-01T10:00:00Z")) {
            jdbc.update("INSERT INTO audit_log (at, organisation, channel, reference, person, purpose, api_version, "
                    + "outcome, source) VALUES (CAST(? AS TIMESTAMP WITH TIME ZONE), '2120000142', 'file', ?, "
                    + "'0123abcd', 'HANDLAGGNING', 'v2', 'OK', 'FK')", at, "ref-" + at.substring(0, 4));
        }

        template.sendBodyAndHeaders("direct:audit-file", "{\"from\": \"2026-01-01\", \"to\": \"2026-12-31\"}",
                Map.of(Exchange.FILE_NAME_ONLY, "this-year.json"));

        List<String> lines = Files.readAllLines(data.resolve("outbox/audit/this-year.csv"));
        assertThat(lines.get(0)).isEqualTo("at,organisation,channel,reference,person,purpose,api_version,outcome,source");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("ref-2026", "HANDLAGGNING", "FK");
    }

    @Test
    void aRequestThatCannotBeReadIsThrownBackWithItsReasonAndNothingIsWritten() {
        assertThatThrownBy(() -> template.sendBodyAndHeaders("direct:audit-file", "{\"from\": \"2026-12-31\", "
                + "\"to\": \"2026-01-01\"}", Map.of(Exchange.FILE_NAME_ONLY, "backwards.json")))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseInstanceOf(UnreadableInputException.class).hasRootCauseMessage("from is after to");
        assertThat(data.resolve("outbox/audit/backwards.csv")).doesNotExist();
    }
}
