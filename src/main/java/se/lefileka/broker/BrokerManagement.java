package se.lefileka.broker;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * An external Artemis broker's queues, asked through Artemis's management API (a request to its
 * management address, as the bundle's user, who needs the {@code manage} permission there).
 */
public class BrokerManagement extends ServiceSupport implements BrokerQueues {

    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long TIMEOUT_MILLIS = 5000;
    private static final TypeReference<List<Map<String, Object>>> MESSAGES = new TypeReference<>() { };

    private final ObjectMapper json = new ObjectMapper();
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
    public long messageCount(String queue) {
        Object count = ask("the depth of " + queue, request ->
                ManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount"));
        // a queue that does not exist yet holds nothing
        return count == null ? 0 : ((Number) count).longValue();
    }

    @Override
    public Long oldestMessageAgeMillis(String queue) {
        Object age = ask("the oldest message's age on " + queue, request ->
                ManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "firstMessageAge"));
        return age == null ? null : ((Number) age).longValue();
    }

    @Override
    public List<Map<String, Object>> messageProperties(String queue) {
        String what = "the messages on " + queue;
        try {
            Object waiting = ask(what, request -> ManagementHelper.putOperationInvocation(request,
                    ResourceNames.QUEUE + queue, "listMessagesAsJSON", ""));
            if (waiting == null) {
                return List.of();
            }
            List<Map<String, Object>> messages = new ArrayList<>(json.readValue((String) waiting, MESSAGES));
            Object scheduled = ask(what, request -> ManagementHelper.putOperationInvocation(request,
                    ResourceNames.QUEUE + queue, "listScheduledMessagesAsJSON"));
            messages.addAll(json.readValue((String) scheduled, MESSAGES));
            Object delivering = ask(what, request -> ManagementHelper.putOperationInvocation(request,
                    ResourceNames.QUEUE + queue, "listDeliveringMessagesAsJSON"));
            for (Map<String, Object> consumer : json.readValue((String) delivering, MESSAGES)) {
                messages.addAll(json.convertValue(consumer.get("elements"), MESSAGES));
            }
            return messages;
        } catch (Exception e) {
            throw new IllegalStateException("cannot ask the broker at " + url + " for " + what + ": " + e.getMessage(),
                    e);
        }
    }

    private interface Request {
        void fill(ClientMessage request) throws Exception;
    }

    /** The management's answer, or null when it refused (a queue that does not exist). */
    private synchronized Object ask(String what, Request fill) {
        try {
            if (sessions == null) {
                locator = ActiveMQClient.createServerLocator(url);
                sessions = locator.createSessionFactory();
            }
            try (ClientSession session = sessions.createSession(user, password, false, true, true, false, 1)) {
                ClientRequestor requestor = new ClientRequestor(session, MANAGEMENT_ADDRESS);
                ClientMessage request = session.createMessage(false);
                fill.fill(request);
                session.start();
                ClientMessage reply = requestor.request(request, TIMEOUT_MILLIS);
                if (reply == null) {
                    throw new IllegalStateException("no answer from the broker's management within " + TIMEOUT_MILLIS
                            + " ms");
                }
                return ManagementHelper.hasOperationSucceeded(reply) ? ManagementHelper.getResult(reply) : null;
            }
        } catch (Exception e) {
            doStop();
            throw new IllegalStateException("cannot ask the broker at " + url + " for " + what + ": " + e.getMessage(),
                    e);
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
