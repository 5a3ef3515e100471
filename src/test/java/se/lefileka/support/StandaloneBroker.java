package se.lefileka.support;

import java.nio.file.Path;
import java.util.Set;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * An ActiveMQ Artemis broker as an integration team runs one, in a JVM of its own: a journal on
 * disk, a TCP acceptor, and only authenticated users (the bundle's, whose password comes in the
 * environment variable {@code BROKER_PASSWORD}). Prints {@value #READY} once it listens.
 *
 * <pre>java -cp ... se.lefileka.support.StandaloneBroker &lt;folder&gt; &lt;port&gt; &lt;user&gt;</pre>
 */
public final class StandaloneBroker {

    public static final String READY = "STANDALONE BROKER READY";

    private StandaloneBroker() {
    }

    public static void main(String... args) throws Exception {
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
