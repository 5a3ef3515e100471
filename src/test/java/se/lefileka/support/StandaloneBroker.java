package se.lefileka.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.ha.SharedStoreBackupPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStorePrimaryPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * An ActiveMQ Artemis broker as an integration team runs one, in a JVM of its own: a journal on
 * disk, a TCP acceptor, and only authenticated users (the bundle's, whose password comes in the
 * environment variable {@code BROKER_PASSWORD}). Prints {@value #READY} once it is started. Given a
 * role ({@code primary} or {@code backup}) and the other's port, it is one of a live/backup pair on
 * a shared store (the same folder): the backup takes over when the primary dies.
 *
 * <pre>java -cp ... se.lefileka.support.StandaloneBroker &lt;folder&gt; &lt;port&gt; &lt;user&gt; [&lt;role&gt; &lt;other port&gt;]</pre>
 */
public final class StandaloneBroker {

    public static final String READY = "STANDALONE BROKER READY";

    private StandaloneBroker() {
    }

    public static void main(String... args) throws Exception {
        // the broker's own log, as an operator's broker writes it (the bundle's settings keep Artemis quiet)
        Configurator.setLevel("org.apache.activemq", Level.INFO);
        Path folder = Path.of(args[0]);
        Configuration config = new ConfigurationImpl()
                .setName("standalone")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(true)
                .setJMXManagementEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(folder.resolve("journal").toString())
                .setBindingsDirectory(folder.resolve("bindings").toString())
                .setPagingDirectory(folder.resolve("paging").toString())
                .setLargeMessagesDirectory(folder.resolve("large-messages").toString())
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + args[1]);
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setRedeliveryDelay(1000)
                .setMaxDeliveryAttempts(10)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true));
        if (args.length > 3) {
            config.addConnectorConfiguration("self", "tcp://127.0.0.1:" + args[1]);
            config.addConnectorConfiguration("other", "tcp://127.0.0.1:" + args[4]);
            config.addClusterConfiguration(new ClusterConnectionConfiguration().setName("pair")
                    .setConnectorName("self").setStaticConnectors(List.of("other")).setRetryInterval(200)
                    .setReconnectAttempts(-1));
            config.setClusterUser(args[2]).setClusterPassword(System.getenv("BROKER_PASSWORD"));
            config.setHAPolicyConfiguration("primary".equals(args[3])
                    ? new SharedStorePrimaryPolicyConfiguration().setFailoverOnServerShutdown(true)
                    : new SharedStoreBackupPolicyConfiguration().setFailoverOnServerShutdown(true)
                            .setAllowFailBack(false));
        }
        config.putSecurityRoles("#", Set.of(new Role("applications", true, true, true, true, true, true, true, true,
                true, true)));
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(args[2], System.getenv("BROKER_PASSWORD"));
        users.addRole(args[2], "applications");
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config)
                .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
        broker.start();
        System.out.println(READY);
        Thread.currentThread().join();
    }
}
