package se.lefileka;

import static se.lefileka.BundleConfiguration.property;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.apache.camel.processor.aggregate.jdbc.PostgresAggregationRepository;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import se.lefileka.calendar.Hours;
import se.lefileka.calendar.MassCalendar;
import se.lefileka.intake.InputLimits;
import se.lefileka.lane.LaneGate;
import se.lefileka.lane.WirePacing;
import se.lefileka.lefi.LefiMassApi;
import se.lefileka.lefi.LefiWire;
import se.lefileka.mass.BatchFiles;
import se.lefileka.mass.MassBatches;
import se.lefileka.mass.MassCases;
import se.lefileka.mass.MassIntake;
import se.lefileka.mass.MassOutput;
import se.lefileka.mass.MassProgress;
import se.lefileka.mass.MassReconcile;
import se.lefileka.mass.MassTally;
import se.lefileka.query.QueryValidator;

/** Binds the beans the mass routes call; runs after {@link BundleConfiguration}, whose beans it uses. */
public class MassConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        ObjectMapper json = registry.lookupByNameAndType("bundleJson", ObjectMapper.class);
        DataSource dataSource = registry.lookupByNameAndType("bundleDataSource", DataSource.class);
        Path dataDir = Path.of(property(properties, "bundle.data.dir"));
        String version = property(properties, "lefi.api.version");

        LaneGate massGate = new LaneGate("Mass", massCalendar(properties), clock,
                Long.parseLong(property(properties, "lane.gate.check-millis")), BundleConfiguration.gateMargin(properties),
                Boolean.parseBoolean(property(properties, "lefi.mass.gate.enabled")));
        registry.bind("massGate", massGate);
        registry.bind("massWirePacing", new WirePacing(Integer.parseInt(property(properties, "lane.mass.per-second")),
                Long.parseLong(property(properties, "lane.mass.window-millis")), massGate::isClosed));
        registry.bind("lefiMassApi", new LefiMassApi(registry.lookupByNameAndType("lefiWire", LefiWire.class), clock));

        MassBatches batches = new MassBatches(dataSource, clock);
        BatchFiles files = new BatchFiles(dataDir, json);
        registry.bind("massIntake", new MassIntake(
                registry.lookupByNameAndType(BundleConfiguration.INPUT_JSON, ObjectMapper.class),
                registry.lookupByNameAndType("inputLimits", InputLimits.class),
                registry.lookupByNameAndType("queryValidator", QueryValidator.class), batches, files,
                dataDir.resolve("outbox").resolve("mass"), clock, version));
        registry.bind("massCases", new MassCases(json, batches, files, clock, version,
                Long.parseLong(property(properties, "lefi.mass.poll-millis"))));
        registry.bind("massTally", new MassTally(json));
        registry.bind("massTallyRepository", tallyRepository(dataSource, property(properties, "bundle.db.url")));
        registry.bind("massOutput", new MassOutput(json, batches, files, dataDir.resolve("outbox").resolve("mass"),
                version));
        registry.bind("massReconcile", new MassReconcile(json, batches));
        registry.bind("massProgress", new MassProgress(batches, massGate::isOpen,
                Duration.ofMillis(Long.parseLong(property(properties, "lefi.mass.stuck-after-millis")))));
    }

    private static MassCalendar massCalendar(PropertiesComponent properties) {
        Set<LocalDate> closed = new HashSet<>();
        for (String date : property(properties, "lefi.mass.closed-dates").split(",")) {
            if (!date.isBlank()) {
                closed.add(LocalDate.parse(date.trim()));
            }
        }
        return new MassCalendar(Hours.parse(property(properties, "lefi.mass.hours.weekday")),
                Hours.parse(property(properties, "lefi.mass.hours.saturday")),
                Hours.parse(property(properties, "lefi.mass.hours.sunday")),
                Hours.parse(property(properties, "lefi.mass.hours.day-before-holiday")), closed,
                MassCalendar.DayBefore.valueOf(property(properties, "lefi.mass.day-before-holiday.next-day")
                        .toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    private static JdbcAggregationRepository tallyRepository(DataSource dataSource, String url) {
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        JdbcAggregationRepository repository = url.startsWith("jdbc:postgresql:")
                ? new PostgresAggregationRepository(transactions, "mass_tally", dataSource)
                : new JdbcAggregationRepository(transactions, "mass_tally", dataSource);
        repository.setUseRecovery(true);
        return repository;
    }
}
