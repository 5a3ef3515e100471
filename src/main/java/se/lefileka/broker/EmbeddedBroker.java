package se.lefileka.broker;

import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded ActiveMQ Artemis broker: persistent (journal under the data folder), reachable
 * in-VM at {@link #IN_VM_URL} and over TCP at the configured acceptor. Added to the Camel context
 * as a service, so it starts before the routes and stops after them.
 */
public class EmbeddedBroker extends ServiceSupport {

    public static final String IN_VM_URL = "vm://0";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Path directory;
    private final String tcpAcceptor;
    private EmbeddedActiveMQ broker;

    public EmbeddedBroker(Path directory, String tcpAcceptor) {
        this.directory = directory;
        this.tcpAcceptor = tcpAcceptor;
    }

    @Override
    protected void doStart() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("lefi-leka-bundle")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(directory.resolve("journal").toString())
                .setBindingsDirectory(directory.resolve("bindings").toString())
                .setPagingDirectory(directory.resolve("paging").toString())
                .setLargeMessagesDirectory(directory.resolve("large-messages").toString())
                .addAcceptorConfiguration("in-vm", IN_VM_URL)
                .addAcceptorConfiguration("tcp", tcpAcceptor);
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2)
                .setMaxRedeliveryDelay(60_000)
                .setMaxDeliveryAttempts(10)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true));
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        LOG.info("Embedded Artemis broker started: in-VM {} and {}, journal in {}", IN_VM_URL, tcpAcceptor, directory);
    }

    /** Messages waiting on the queue (0 for a queue that does not exist yet). */
    public long messageCount(String queue) {
        org.apache.activemq.artemis.core.server.Queue found =
                broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getMessageCount();
    }

    @Override
    protected void doStop() throws Exception {
        if (broker != null) {
            broker.stop();
        }
    }
}
