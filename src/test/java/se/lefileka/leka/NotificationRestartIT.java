package se.lefileka.leka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.JMSContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.support.BundleProcess;
import se.lefileka.support.Folders;
import se.lefileka.support.Notifications;
import se.lefileka.support.RunningBundle;
import se.lefileka.support.TestClock;
import se.lefileka.support.Webhook;

/**
 * The bundle is killed (kill -9) after delivering notifications and before acknowledging them:
 * after the restart LEKA offers them again, they are acknowledged, and no endpoint gets one twice.
 */
class NotificationRestartIT {

    private static final Pattern DELIVERED = Pattern.compile("Notification (A-\\d+) \\(.*\\) delivered to every endpoint");

    @TempDir
    Path data;
    private final TestClock fkClock = TestClock.at("2026-11-24T10:00");
    private Sandbox sandbox;
    private Webhook webhook;
    private BundleProcess process;
    private RunningBundle bundle;

    @AfterEach
    void stopAll() throws Exception {
        if (process != null && process.isAlive()) {
            process.kill();
        }
        if (bundle != null) {
            bundle.close();
        }
        if (webhook != null) {
            webhook.close();
        }
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    void notificationsDeliveredBeforeAKillAreAcknowledgedAfterTheRestartAndNotDeliveredAgain() throws Exception {
        sandbox = new Sandbox(0, fkClock);
        sandbox.refuseBreaches(false);
        sandbox.start();
        webhook = new Webhook();
        List<String> ids = Notifications.publish(sandbox, 50);
        Map<String, String> settings = NotificationsIT.settings("v2", data, webhook.url());
        int brokerPort = RunningBundle.freePort();
        Map<String, String> beforeKill = new HashMap<>(settings);
        beforeKill.put("jms.embedded.acceptor", "tcp://127.0.0.1:" + brokerPort);
        // acknowledgements wait for a batch that never fills: the kill comes between delivery and acknowledgement
        beforeKill.put("leka.notifications.acknowledge-millis", "600000");
        process = BundleProcess.start(data, sandbox, beforeKill);
        process.awaitStarted(Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(60)).until(() -> delivered(process.log()) == ids.size());
        process.kill();
        assertThat(sandbox.unacknowledgedNotifications()).as("none acknowledged before the kill").isEqualTo(ids.size());
        Path folder = data.resolve("outbox/notifications");
        assertThat(Folders.names(folder)).hasSize(ids.size());
        assertThat(webhook.received().keySet()).containsExactlyInAnyOrderElementsOf(ids);
        for (String name : Folders.names(folder)) {
            Files.delete(folder.resolve(name)); // taken by the organisation's system
        }

        bundle = RunningBundle.start(data, sandbox, settings);
        assertThat(NotificationsIT.queued(bundle, ids.size())).containsExactlyInAnyOrderElementsOf(ids);
        fkClock.set(fkClock.instant().plusSeconds(61)); // LEKA offers what was not acknowledged again
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.unacknowledgedNotifications() == 0);

        assertThat(Folders.names(folder)).as("nothing written to the folder again").isEmpty();
        assertThat(webhook.received().values()).allMatch(count -> count.get() == 1);
        try (JMSContext jms = bundle.jmsClient().createContext()) {
            assertThat(jms.createConsumer(jms.createQueue("leka.notifications")).receiveNoWait())
                    .as("nothing queued again").isNull();
        }
    }

    private static long delivered(String log) {
        Matcher matcher = DELIVERED.matcher(log);
        return matcher.results().map(result -> result.group(1)).distinct().count();
    }
}
