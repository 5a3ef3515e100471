package se.lefileka.broker;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import se.lefileka.secrets.Secrets;

/**
 * Who may use the embedded broker, and for what. The queues carry personal data, so every client
 * logs in, and each queue lets in only whom it should:
 * <ul>
 * <li>the bundle itself ({@value #BUNDLE_USER}): everything;</li>
 * <li>a producer ({@code jms.embedded.producer-user}): sends requests to the request queues, and
 * uses reply queues of its own (any queue the bundle does not keep to itself);</li>
 * <li>a consumer ({@code jms.embedded.consumer-user}): reads the result, notification and
 * dead-letter queues;</li>
 * <li>nobody but the bundle touches the lanes, the mass tally and the notifications' delivery
 * queues.</li>
 * </ul>
 * Passwords come from the environment or a file ({@link Secrets}); a user without a password is
 * not created. The bundle's own password is made anew at each start unless one is given.
 */
public final class BrokerSecurity {

    public static final String BUNDLE_USER = "lefi-leka-bundle";
    static final String BUNDLE = "bundle";
    static final String PRODUCER = "producer";
    static final String CONSUMER = "consumer";

    private final SecurityConfiguration users = new SecurityConfiguration();
    private final Map<String, Set<Role>> rolesByAddress = new HashMap<>();
    private final String bundlePassword;

    public BrokerSecurity(UnaryOperator<String> settings, BundleQueues queues) {
        String given = Secrets.password(settings, "jms.embedded.bundle-password");
        this.bundlePassword = given.isEmpty() ? randomPassword() : given;
        users.addUser(BUNDLE_USER, bundlePassword);
        users.addRole(BUNDLE_USER, BUNDLE);
        addUser(settings, "producer", PRODUCER);
        addUser(settings, "consumer", CONSUMER);

        Role bundle = new Role(BUNDLE, true, true, true, true, true, true, true, true, true, true);
        // a producer's own reply queues: any queue not named below
        rolesByAddress.put("#", Set.of(bundle,
                new Role(PRODUCER, true, true, true, false, true, true, false, true, true, false)));
        queues.requests().forEach(queue -> rolesByAddress.put(queue, Set.of(bundle,
                new Role(PRODUCER, true, false, false, false, false, false, false, false, false, false))));
        // a consumer may create a result queue the bundle has not written to yet
        queues.results().forEach(queue -> rolesByAddress.put(queue, Set.of(bundle,
                new Role(CONSUMER, false, true, true, false, false, false, false, true, true, false))));
        queues.bundleOnly().forEach(queue -> rolesByAddress.put(queue, Set.of(bundle)));
    }

    private void addUser(UnaryOperator<String> settings, String kind, String role) {
        String user = settings.apply("jms.embedded." + kind + "-user");
        String password = Secrets.password(settings, "jms.embedded." + kind + "-password");
        if (!user.isEmpty() && !password.isEmpty()) {
            users.addUser(user, password);
            users.addRole(user, role);
        }
    }

    /** Turns security on in the broker's configuration, with the roles per queue. */
    void apply(Configuration config) {
        config.setSecurityEnabled(true);
        rolesByAddress.forEach(config::putSecurityRoles);
    }

    ActiveMQJAASSecurityManager securityManager() {
        return new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users);
    }

    public String bundlePassword() {
        return bundlePassword;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
