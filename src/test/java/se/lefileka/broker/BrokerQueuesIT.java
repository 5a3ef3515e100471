package se.lefileka.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.support.BrokerProcess;
import se.lefileka.support.RunningBundle;

/**
 * The broker tells what is on a queue and how many, whatever state its messages are in (the mass
 * lane check relies on it to find a chunk with nothing on the lane): the embedded broker and an external
 * Artemis broker in its own JVM, through its management API.
 */
class BrokerQueuesIT {

    private static final String QUEUE = "lefi.lane.mass";

    @TempDir
    Path folder;

    @Test
    void theEmbeddedBrokerListsWaitingScheduledAndDeliveringMessages() throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(folder, "tcp://127.0.0.1:" + RunningBundle.freePort(), null);
        broker.start();
        try {
            assertListsEveryMessage(broker, new ActiveMQConnectionFactory(EmbeddedBroker.IN_VM_URL));
        } finally {
            broker.stop();
        }
    }

    @Test
    void anExternalBrokerListsWaitingScheduledAndDeliveringMessagesThroughItsManagement() throws Exception {
        try (BrokerProcess external = BrokerProcess.start(folder)) {
            BrokerManagement broker = new BrokerManagement(external.url(), BrokerProcess.USER, BrokerProcess.PASSWORD);
            broker.start();
            try {
                assertListsEveryMessage(broker, external.client());
            } finally {
                broker.stop();
            }
        }
    }

    private static void assertListsEveryMessage(BrokerQueues broker, ConnectionFactory client) throws Exception {
        assertThat(broker.messageProperties(QUEUE)).as("a queue that does not exist yet").isEmpty();
        try (JMSContext sender = client.createContext(); JMSContext receiver =
                client.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = sender.createQueue(QUEUE);
            sender.createProducer().setProperty("LefiChunkNo", 1).send(queue, "being delivered");
            sender.createProducer().setProperty("LefiChunkNo", 2).send(queue, "waiting");
            sender.createProducer().setProperty("LefiChunkNo", 3)
                    .setDeliveryDelay(3_600_000).send(queue, "scheduled for an hour from now");
            JMSConsumer consumer = receiver.createConsumer(queue);
            Message taken = consumer.receive(5000);
            assertThat(taken.getIntProperty("LefiChunkNo")).isEqualTo(1);

            List<Map<String, Object>> listed = broker.messageProperties(QUEUE);
            assertThat(broker.messageCount(QUEUE)).as("counted too, whatever their state").isEqualTo(3);

            // a message the consumer has buffered may be listed both waiting and being delivered
            assertThat(listed).extracting(message -> ((Number) message.get("LefiChunkNo")).intValue())
                    .containsOnly(1, 2, 3);
            receiver.rollback();
        }
    }
}
