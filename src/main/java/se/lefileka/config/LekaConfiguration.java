package se.lefileka.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import se.lefileka.fk.FkWire;
import se.lefileka.intake.InputLimits;
import se.lefileka.intake.JsonInput;
import se.lefileka.leka.LekaApi;
import se.lefileka.leka.LekaMapper;
import se.lefileka.leka.NotificationDeliveries;
import se.lefileka.leka.NotificationFetches;
import se.lefileka.leka.NotificationLog;
import se.lefileka.leka.SubscriptionCommands;
import se.lefileka.personnummer.Pseudonyms;
import se.lefileka.query.QueryValidator;

/**
 * The beans of LEKA: subscriptions ({@code routes/leka-subscriptions.camel.yaml}) and notifications
 * ({@code leka-notifications.camel.yaml}), in the configured version; each made when a route first needs it.
 */
public class LekaConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public LekaApi lekaApi(@PropertyInject("leka.api.version") String version,
                           @PropertyInject("lefi.organisationsnummer") String organisationsnummer,
                           @PropertyInject("leka.notifications.page-size") int pageSize,
                           @BeanInject("bundleJson") ObjectMapper json, Clock clock,
                           @BeanInject(BundleConfiguration.BUNDLE_METERS) MeterRegistry meters) {
        LekaMapper mapper = LekaApi.mapperFor(version);
        return new LekaApi(mapper, new FkWire(mapper.headers(organisationsnummer), json), clock, pageSize, meters);
    }

    @BindToRegistry(lazy = true)
    public JsonInput subscriptionInput(@BeanInject("inputJson") ObjectMapper inputJson, InputLimits limits) {
        return new JsonInput(inputJson, limits, "subscription command");
    }

    @BindToRegistry(lazy = true)
    public SubscriptionCommands subscriptionCommands(@BeanInject("bundleJson") ObjectMapper json,
                                                     QueryValidator validator, Pseudonyms pseudonyms, Clock clock,
                                                     @PropertyInject("leka.api.version") String version) {
        return new SubscriptionCommands(json, validator, pseudonyms, clock, LekaApi.mapperFor(version).version());
    }

    /** Which notifications were fetched, delivered and acknowledged, in the database. */
    @BindToRegistry(lazy = true)
    public NotificationLog notificationLog(DataSource dataSource, Clock clock,
                                           @PropertyInject("leka.notifications.lost-after-millis") long lostAfterMillis) {
        return new NotificationLog(dataSource, clock, Duration.ofMillis(lostAfterMillis));
    }

    @BindToRegistry(lazy = true)
    public NotificationFetches notificationFetches(NotificationLog log, Pseudonyms pseudonyms,
                                                   @BeanInject(BundleConfiguration.BUNDLE_METERS) MeterRegistry meters) {
        return new NotificationFetches(log, pseudonyms, meters);
    }

    /**
     * Delivery to the configured endpoints; which endpoint already took which notification is kept
     * in Camel's JDBC idempotent repository, so none takes one twice.
     */
    @BindToRegistry(lazy = true)
    public NotificationDeliveries notificationDeliveries(CamelContext context, DataSource dataSource,
            NotificationLog log, @BeanInject(BundleConfiguration.BUNDLE_METERS) MeterRegistry meters,
            @PropertyInject("leka.notifications.endpoints") String endpoints,
            @PropertyInject("leka.notifications.max-attempts") int maxAttempts,
            @PropertyInject("leka.notifications.retry-millis") long retryMillis) throws Exception {
        JdbcMessageIdRepository delivered = new JdbcMessageIdRepository(dataSource, "leka-deliveries");
        delivered.setCreateTableIfNotExists(false);
        context.addService(delivered, true, true);
        return new NotificationDeliveries(endpoints, delivered, log, maxAttempts, Duration.ofMillis(retryMillis),
                meters);
    }

    @BindToRegistry(lazy = true)
    public GroupedBodyAggregationStrategy groupedBodies() {
        return new GroupedBodyAggregationStrategy();
    }
}
