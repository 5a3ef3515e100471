package se.lefileka.broker;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.management.QueueControl;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
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
 * in-VM at {@link #IN_VM_URL} and over TCP at the configured acceptor, which speaks Artemis's own
 * protocol, OpenWire (ActiveMQ 5 clients) and AMQP alike; every client logs in, and each queue
 * lets in only whom it should ({@link BrokerSecurity}). Added to the Camel context
 * as a service, so it starts before the routes and stops after them.
 */
public class EmbeddedBroker extends ServiceSupport implements BrokerQueues {

    public static final String IN_VM_URL = "vm://0";
    /** Where the broker puts messages that failed delivery too often, and expired ones. */
    public static final String DEAD_LETTERS = "DLQ";
    public static final String EXPIRED = "ExpiryQueue";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Path directory;
    private final String tcpAcceptor;
    private final BrokerSecurity security;
    private String tlsAcceptor = "";
    private Path tlsKeyStore;
    private String tlsKeyStorePassword;
    private EmbeddedActiveMQ broker;

    /**
     * @param security who may use the broker; null for no security, which only a loopback acceptor
     *                 allows (the bundle refuses to start otherwise)
     */
    public EmbeddedBroker(Path directory, String tcpAcceptor, BrokerSecurity security) throws Exception {
        if (security == null && !isLoopback(tcpAcceptor)) {
            throw new IllegalStateException("jms.embedded.acceptor " + tcpAcceptor + " is reachable from other hosts "
                    + "while jms.embedded.security is false: anyone could read the queues' personal data. Set "
                    + "jms.embedded.security=true (with jms.embedded.producer-user and -password, "
                    + "jms.embedded.consumer-user and -password), or an acceptor on 127.0.0.1");
        }
        this.directory = directory;
        this.tcpAcceptor = tcpAcceptor;
        this.security = security;
    }

    /**
     * A second acceptor, with TLS (e.g. {@code tcp://0.0.0.0:61617}), its server certificate and key
     * in the PKCS12 key store; the same users and permissions as the plain one.
     */
    public EmbeddedBroker withTls(String acceptor, Path keyStore, String keyStorePassword) throws Exception {
        if (security == null && !isLoopback(acceptor)) {
            throw new IllegalStateException("jms.embedded.tls-acceptor " + acceptor + " is reachable from other hosts "
                    + "while jms.embedded.security is false: set jms.embedded.security=true");
        }
        this.tlsAcceptor = acceptor;
        this.tlsKeyStore = keyStore;
        this.tlsKeyStorePassword = keyStorePassword;
        return this;
    }

    private static boolean isLoopback(String acceptor) throws Exception {
        String host = new URI(acceptor).getHost();
        return host != null && InetAddress.getByName(host).isLoopbackAddress();
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
                // no copies of others' messages for a client listening on lefi.# or #
                .setWildcardRoutingEnabled(false)
                .addAcceptorConfiguration("in-vm", IN_VM_URL)
                .addAcceptorConfiguration("tcp", tcpAcceptor);
        if (!tlsAcceptor.isEmpty()) {
            config.addAcceptorConfiguration("tls", tlsAcceptor + (tlsAcceptor.contains("?") ? "&" : "?")
                    + "sslEnabled=true&keyStoreType=PKCS12&keyStorePath=" + tlsKeyStore.toAbsolutePath()
                    + "&keyStorePassword=" + URLEncoder.encode(tlsKeyStorePassword, StandardCharsets.UTF_8));
        }
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTERS))
                .setExpiryAddress(SimpleString.of(EXPIRED))
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2)
                .setMaxRedeliveryDelay(60_000)
                .setMaxDeliveryAttempts(10)
                // a reply address a client creates by listening (an AMQP receiver names no routing
                // type) is a queue the bundle's replies reach
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true));
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        if (security != null) {
            security.apply(config);
            broker.setSecurityManager(security.securityManager());
        }
        broker.start();
        // Artemis logs a port it cannot listen on and carries on without it: the bundle does not
        if (!broker.getActiveMQServer().isActive() || broker.getActiveMQServer().getRemotingService().getAcceptors()
                .values().stream().anyMatch(acceptor -> !acceptor.isStarted())) {
            broker.stop();
            throw new IllegalStateException("The embedded broker could not start listening on " + tcpAcceptor
                    + " (jms.embedded.acceptor): is the port taken? See the log above");
        }
        LOG.info("Embedded Artemis broker started: in-VM {} and {}{}, journal in {}", IN_VM_URL, tcpAcceptor,
                tlsAcceptor.isEmpty() ? "" : " and " + tlsAcceptor + " (TLS)", directory);
    }

    @Override
    public long messageCount(String queue) {
        org.apache.activemq.artemis.core.server.Queue found =
                broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getMessageCount();
    }

    @Override
    public Long oldestMessageAgeMillis(String queue) {
        QueueControl control = (QueueControl) broker.getActiveMQServer().getManagementService()
                .getResource(ResourceNames.QUEUE + queue);
        try {
            return control == null ? null : control.getFirstMessageAge();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the oldest message's age on " + queue + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Map<String, Object>> messageProperties(String queue) {
        QueueControl control = (QueueControl) broker.getActiveMQServer().getManagementService()
                .getResource(ResourceNames.QUEUE + queue);
        if (control == null) {
            return List.of();
        }
        try {
            List<Map<String, Object>> messages = new ArrayList<>(Arrays.asList(control.listMessages("")));
            messages.addAll(Arrays.asList(control.listScheduledMessages()));
            control.listDeliveringMessages().values().forEach(delivering -> messages.addAll(Arrays.asList(delivering)));
            return messages;
        } catch (Exception e) {
            throw new IllegalStateException("cannot list the messages on " + queue + ": " + e.getMessage(), e);
        }
    }

    /** How many messages the queue has been given since the broker started (0 for a queue that does not exist). */
    public long messagesAdded(String queue) {
        org.apache.activemq.artemis.core.server.Queue found =
                broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getMessagesAdded();
    }

    @Override
    protected void doStop() throws Exception {
        if (broker != null) {
            broker.stop();
        }
    }
}
