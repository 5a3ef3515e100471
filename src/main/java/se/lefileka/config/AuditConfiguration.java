package se.lefileka.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import se.lefileka.audit.AuditExport;
import se.lefileka.audit.AuditLog;
import se.lefileka.personnummer.Pseudonyms;
import se.lefileka.query.AnswerSource;

/** The audit log every flow writes to, and its export ({@code routes/audit-export.camel.yaml}). */
public class AuditConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public AuditLog auditLog(DataSource dataSource, Clock clock, Pseudonyms pseudonyms, AnswerSource source,
                             @BeanInject(BundleConfiguration.BUNDLE_METERS) MeterRegistry meters,
                             @PropertyInject("lefi.organisationsnummer") String organisationsnummer) {
        return new AuditLog(dataSource, organisationsnummer, clock, meters, pseudonyms, source);
    }

    @BindToRegistry(lazy = true)
    public AuditExport auditExport(DataSource dataSource, @BeanInject("bundleJson") ObjectMapper json,
                                   @PropertyInject("bundle.data.dir") String dataDir) {
        return new AuditExport(dataSource, json, Path.of(dataDir, "outbox", "audit"));
    }
}
