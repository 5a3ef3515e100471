package se.lefileka.broker;

import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.camel.support.service.ServiceSupport;

/**
 * An external Artemis broker's queue depths, asked through Artemis's management API (a request to
 * its management address, as the bundle's user, who needs the {@code manage} permission there).
 */
public class BrokerManagement extends ServiceSupport implements QueueDepths {

    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long TIMEOUT_MILLIS = 5000;

    private final String url;
    private final String user;
    private final String password;
    private ServerLocator locator;
    private ClientSessionFactory sessions;

    public BrokerManagement(String url, String user, String password) {
        this.url = url;
        this.user = user.isEmpty() ? null : user;
        this.password = password.isEmpty() ? null : password;
    }

    @Override
    public synchronized long messageCount(String queue) {
        try {
            if (sessions == null) {
                locator = ActiveMQClient.createServerLocator(url);
                sessions = locator.createSessionFactory();
            }
            try (ClientSession session = sessions.createSession(user, password, false, true, true, false, 1)) {
                ClientRequestor requestor = new ClientRequestor(session, MANAGEMENT_ADDRESS);
                ClientMessage request = session.createMessage(false);
                ManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount");
                session.start();
                ClientMessage reply = requestor.request(request, TIMEOUT_MILLIS);
                if (reply == null) {
                    throw new IllegalStateException("no answer from the broker's management within " + TIMEOUT_MILLIS
                            + " ms");
                }
                // a queue that does not exist yet holds nothing
                return ManagementHelper.hasOperationSucceeded(reply)
                        ? ((Number) ManagementHelper.getResult(reply)).longValue() : 0;
            }
        } catch (Exception e) {
            doStop();
            throw new IllegalStateException("cannot ask the broker at " + url + " for the depth of " + queue + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    protected synchronized void doStop() {
        if (sessions != null) {
            sessions.close();
            locator.close();
            sessions = null;
            locator = null;
        }
    }
}
