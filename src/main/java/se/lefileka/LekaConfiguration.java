package se.lefileka;

import static se.lefileka.BundleConfiguration.property;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
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

/** Binds the beans the LEKA routes call; runs after {@link BundleConfiguration}, whose beans it uses. */
public class LekaConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        ObjectMapper json = registry.lookupByNameAndType("bundleJson", ObjectMapper.class);
        DataSource dataSource = registry.lookupByNameAndType("bundleDataSource", DataSource.class);
        Pseudonyms pseudonyms = registry.lookupByNameAndType("pseudonyms", Pseudonyms.class);

        int pageSize = Integer.parseInt(property(properties, "leka.notifications.page-size"));
        LekaMapper mapper = LekaApi.mapperFor(property(properties, "leka.api.version"));
        FkWire wire = new FkWire(mapper.headers(property(properties, "lefi.organisationsnummer")), json);
        MeterRegistry meters = registry.lookupByNameAndType(BundleConfiguration.METRICS_REGISTRY, MeterRegistry.class);
        registry.bind("lekaApi", new LekaApi(mapper, wire, clock, pageSize, meters));
        registry.bind("subscriptionInput", new JsonInput(
                registry.lookupByNameAndType(BundleConfiguration.INPUT_JSON, ObjectMapper.class),
                registry.lookupByNameAndType("inputLimits", InputLimits.class), "subscription command"));
        registry.bind("subscriptionCommands", new SubscriptionCommands(json,
                registry.lookupByNameAndType("queryValidator", QueryValidator.class), pseudonyms, clock,
                mapper.version()));

        NotificationLog log = new NotificationLog(dataSource, clock,
                Duration.ofMillis(Long.parseLong(property(properties, "leka.notifications.lost-after-millis"))));
        registry.bind("notificationLog", log);
        registry.bind("notificationFetches", new NotificationFetches(log, pseudonyms, meters));
        JdbcMessageIdRepository delivered = new JdbcMessageIdRepository(dataSource, "leka-deliveries");
        delivered.setCreateTableIfNotExists(false);
        context.addService(delivered, true, true);
        registry.bind("notificationDeliveries", new NotificationDeliveries(
                property(properties, "leka.notifications.endpoints"), delivered, log,
                Integer.parseInt(property(properties, "leka.notifications.max-attempts")),
                Duration.ofMillis(Long.parseLong(property(properties, "leka.notifications.retry-millis"))), meters));
        registry.bind("groupedBodies", new GroupedBodyAggregationStrategy());
    }
}
