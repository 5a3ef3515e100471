package se.lefileka.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import se.lefileka.lefi.LefiApi;
import se.lefileka.lefi.LefiWire;
import se.lefileka.query.OnlineAnswers;
import se.lefileka.query.OnlineIntake;
import se.lefileka.personnummer.Pseudonyms;
import se.lefileka.query.QueryValidator;

/** The beans of online queries ({@code routes/online-queries.camel.yaml}) and of LEFI's wire, in the configured version. */
public class OnlineConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public LefiWire lefiWire(@PropertyInject("lefi.api.version") String version,
                             @PropertyInject("lefi.organisationsnummer") String organisationsnummer,
                             @BeanInject("bundleJson") ObjectMapper json) {
        return new LefiWire(LefiApi.mapperFor(version), organisationsnummer, json);
    }

    @BindToRegistry(lazy = true)
    public LefiApi lefiApi(LefiWire wire, Clock clock) {
        return new LefiApi(wire, clock);
    }

    @BindToRegistry(lazy = true)
    public OnlineIntake onlineIntake(QueryValidator validator, Pseudonyms pseudonyms, Clock clock,
                                     @PropertyInject("lefi.api.version") String version) {
        return new OnlineIntake(validator, pseudonyms, clock, version);
    }

    @BindToRegistry(lazy = true)
    public OnlineAnswers onlineAnswers(@BeanInject("bundleJson") ObjectMapper json, Clock clock,
                                       @PropertyInject("lefi.api.version") String version) {
        return new OnlineAnswers(json, clock, version);
    }
}
