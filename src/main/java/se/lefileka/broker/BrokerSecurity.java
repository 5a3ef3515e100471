package se.lefileka.broker;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import se.lefileka.organisations.Organisation;
import se.lefileka.secrets.Secrets;

/**
 * Who may use the embedded broker, and for what. The queues carry personal data, so every client
 * logs in, and each queue lets in only whom it should:
 * <ul>
 * <li>the bundle itself ({@value #BUNDLE_USER}): everything;</li>
 * <li>a producer ({@code jms.embedded.producer-user}): sends requests to the request queues, and
 * uses reply queues of its own (any queue the bundle does not keep to itself, nor another
 * producer system);</li>
 * <li>producer systems of their own ({@code jms.embedded.producers}), each its own user: send
 * requests, and use only the reply queues under their own prefix;</li>
 * <li>a consumer ({@code jms.embedded.consumer-user}): reads the result, notification and
 * dead-letter queues;</li>
 * <li>nobody but the bundle touches the lanes, the mass tally and the notifications' delivery
 * queues.</li>
 * </ul>
 * Wildcard routing is off ({@link EmbeddedBroker}): a client listening on {@code lefi.#} or
 * {@code #} gets nothing of others' messages. Passwords come from the environment or a file
 * ({@link Secrets}); a user without a password is not created. The bundle's own password is made
 * anew at each start unless one is given.
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
        for (String producer : Organisation.list(settings.apply("jms.embedded.producers"))) {
            addProducer(settings, producer, bundle, queues);
        }
    }

    /**
     * A producer system of its own ({@code jms.embedded.producers}): sends requests, and uses reply
     * queues under its own prefix ({@code jms.embedded.producer.<user>.reply-prefix}, default
     * {@code <user>.}) and no others; no other producer may touch those.
     */
    private void addProducer(UnaryOperator<String> settings, String user, Role bundle, BundleQueues queues) {
        String prefix = settings.apply("jms.embedded.producer." + user + ".reply-prefix");
        addProducer(settings, user, bundle, queues, PRODUCER + "-" + user, prefix.isEmpty() ? user + "." : prefix);
    }

    private void addProducer(UnaryOperator<String> settings, String user, Role bundle, BundleQueues queues,
                             String role, String replyPrefix) {
        String password = Secrets.password(settings, "jms.embedded.producer." + user + ".password");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("jms.embedded.producers names " + user + " but jms.embedded.producer."
                    + user + ".password (or -password-file) is not set");
        }
        users.addUser(user, password);
        users.addRole(user, role);
        queues.requests().forEach(queue -> add(queue,
                new Role(role, true, false, false, false, false, false, false, false, false, false)));
        rolesByAddress.put(replyPrefix + "#", Set.of(bundle,
                new Role(role, true, true, true, true, true, true, false, true, true, false)));
    }

    /**
     * An organisation besides the default one: its queues (all under its prefix, {@code <id>.})
     * as the default's are, for its own producer and consumer users (its settings file's
     * {@code jms.embedded.producer-user} and {@code jms.embedded.consumer-user}). Its producer's
     * reply queues are any under its prefix the bundle does not keep; nobody else's user, the
     * default's included, may touch any queue under its prefix. Its producer systems of their own
     * ({@code jms.embedded.producers} in its file) send requests to its request queues and use
     * only the reply queues under their own prefix ({@code <id>.<user>.} by default).
     */
    public void addOrganisation(Organisation organisation, BundleQueues queues) {
        UnaryOperator<String> settings = key -> organisation.settings().getOrDefault(key, "");
        Role bundle = new Role(BUNDLE, true, true, true, true, true, true, true, true, true, true);
        String producer = PRODUCER + "@" + organisation.id();
        String consumer = CONSUMER + "@" + organisation.id();
        addUser(settings, "producer", producer);
        addUser(settings, "consumer", consumer);
        rolesByAddress.put(organisation.queuePrefix() + "#", Set.of(bundle,
                new Role(producer, true, true, true, false, true, true, false, true, true, false)));
        queues.requests().forEach(queue -> rolesByAddress.put(queue, Set.of(bundle,
                new Role(producer, true, false, false, false, false, false, false, false, false, false))));
        queues.results().forEach(queue -> rolesByAddress.put(queue, Set.of(bundle,
                new Role(consumer, false, true, true, false, false, false, false, true, true, false))));
        queues.bundleOnly().stream().filter(queue -> queue.startsWith(organisation.queuePrefix()))
                .forEach(queue -> rolesByAddress.put(queue, Set.of(bundle)));
        for (String system : organisation.producerSystems()) {
            addProducer(settings, system, bundle, queues, PRODUCER + "-" + system + "@" + organisation.id(),
                    organisation.replyPrefix(system));
        }
    }

    private void add(String address, Role role) {
        Set<Role> roles = new HashSet<>(rolesByAddress.get(address));
        roles.add(role);
        rolesByAddress.put(address, roles);
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
