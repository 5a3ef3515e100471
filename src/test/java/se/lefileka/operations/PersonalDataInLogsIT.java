package se.lefileka.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.broker.BrokerSecurity;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.support.BundleProcess;
import se.lefileka.support.Folders;
import se.lefileka.support.Notifications;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;

/**
 * Runs the bundle's flows (online queries from a file and JMS, a bad query, a mass file with a
 * bad row, a subscription command, notifications) with logging at its most verbose, and scans
 * everything the bundle wrote for the persons' numbers in every written form, and for benefit
 * figures.
 */
class PersonalDataInLogsIT {

    /** Anything written like a personnummer or samordningsnummer (date part, any one separator or none, four digits). */
    private static final Pattern PERSONNUMMER = Pattern.compile(
            "(?<![0-9])(19|20)?[0-9]{2}(0[1-9]|1[0-2])([0-2][0-9]|3[01]|[6-8][0-9]|9[01])[-+_ \u2013\u2014]?[0-9]{4}(?![0-9])");
    /** The separators users write in file names: a space, an underscore, an en dash. */
    private static final List<String> SEPARATORS = List.of(" ", "_", "\u2013");

    @TempDir
    Path data;
    private Sandbox sandbox;
    private BundleProcess process;

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.kill();
        }
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    void noPersonnummerInAnyFormIsLoggedAtTrace() throws Exception {
        sandbox = new Sandbox(0, Clock.systemUTC());
        sandbox.refuseBreaches(false); // not a test of the pace: lifted limits
        sandbox.start();
        List<String> persons = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            persons.add(Persons.known(i)); // the notifications' persons
        }
        for (int i = 300; i < 309; i++) {
            persons.add(Persons.known(i));
        }
        String badCheckDigit = persons.get(3).substring(0, 11) + ((persons.get(3).charAt(11) - '0' + 1) % 10);
        persons.add(badCheckDigit);
        Notifications.publish(sandbox, 3);
        int brokerPort = RunningBundle.freePort();
        Map<String, String> settings = new HashMap<>();
        settings.put("jms.embedded.acceptor", "tcp://127.0.0.1:" + brokerPort);
        settings.put("leka.notifications.first-fetch-millis", "100");
        settings.put("lefi.mass.first-poll-millis", "500");
        process = BundleProcess.start(data, sandbox, settings, List.of("-Dbundle.log.level=TRACE"));
        process.awaitStarted(Duration.ofSeconds(60));

        Files.createDirectories(data.resolve("inbox/online"));
        Files.createDirectories(data.resolve("inbox/mass"));
        Files.createDirectories(data.resolve("inbox/subscriptions"));
        Folders.drop(data.resolve("inbox/online"), "q.json", """
                [{"requestId": "q-1", "personnummer": "%s", "benefits": ["SJUKPENNING"], "from": "2026-01-01", "to": "2026-06-30"},
                 {"requestId": "q-bad", "personnummer": "%s", "benefits": ["SJUKPENNING"], "from": "2026-01-01", "to": "2026-06-30"}]"""
                .formatted(dashed(persons.get(3)), badCheckDigit));
        // file names that hold a personnummer, written with a space, an underscore, an en dash (one of them unreadable)
        for (int i = 0; i < SEPARATORS.size(); i++) {
            String person = persons.get(9 + i);
            String name = "Anna " + person.substring(0, 8) + SEPARATORS.get(i) + person.substring(8);
            Folders.drop(data.resolve("inbox/online"), name + ".json", i == 2 ? "not json" : """
                    {"requestId": "named-%d", "personnummer": "%s", "benefits": ["SJUKPENNING"], "from": "2026-01-01", "to": "2026-06-30"}"""
                    .formatted(i, person));
        }
        Folders.drop(data.resolve("inbox/mass"), "kommun.csv", "personnummer;benefits;from;to\n"
                + dashed(persons.get(4)) + ";SJUKPENNING;2026-01-01;2026-06-30\n"
                + persons.get(5).substring(2) + ";BOSTADSBIDRAG;2026-01-01;2026-06-30\n"
                + persons.get(6) + ";NOT_A_BENEFIT;2026-01-01;2026-06-30\n");
        Folders.drop(data.resolve("inbox/subscriptions"), "s.json", """
                {"requestId": "s-1", "action": "REGISTER", "personnummer": "%s", "benefits": ["BOSTADSBIDRAG"]}"""
                .formatted(persons.get(7)));
        try (JMSContext jms = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort,
                BrokerSecurity.BUNDLE_USER, RunningBundle.BUNDLE_PASSWORD).createContext()) {
            Queue replies = jms.createQueue("test.replies");
            TextMessage query = jms.createTextMessage("""
                    {"requestId": "q-jms", "personnummer": "%s", "benefits": ["SJUKPENNING"], "from": "2026-01-01", "to": "2026-06-30"}"""
                    .formatted(persons.get(8)));
            query.setJMSReplyTo(replies);
            jms.createProducer().send(jms.createQueue("lefi.online.requests"), query);
            assertThat(jms.createConsumer(replies).receive(30_000)).isNotNull();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(data.resolve("outbox/online/q-1.json"))
                && Files.exists(data.resolve("outbox/online/q-bad.json"))
                && Files.exists(data.resolve("outbox/online/named-1.json"))
                && Folders.names(data.resolve("error/online")).size() == 2
                && Files.exists(data.resolve("outbox/mass/kommun.summary.json"))
                && Files.exists(data.resolve("outbox/subscriptions/s-1.json"))
                && sandbox.unacknowledgedNotifications() == 0);
        process.stop();

        String log = process.log();
        assertThat(log).as("logging was at its most verbose").contains(" TRACE ").hasSizeGreaterThan(100_000);
        for (String person : persons) {
            for (String form : List.of(person, person.substring(2), dashed(person), dashed(person).substring(2))) {
                assertThat(log).as("the log holds no personnummer").doesNotContain(form);
            }
            for (String separator : SEPARATORS) {
                assertThat(log).as("the log holds no personnummer")
                        .doesNotContain(person.substring(0, 8) + separator + person.substring(8));
            }
        }
        List<String> lines = log.lines().filter(line -> PERSONNUMMER.matcher(line.replace(data.toString(), ""))
                .find()).limit(5).toList();
        assertThat(lines).as("lines with something written like a personnummer").isEmpty();
        assertThat(log).as("the log holds no benefit figures").doesNotContain("\"amount\"", "\"belopp\"");
    }

    private static String dashed(String personnummer) {
        return personnummer.substring(0, 8) + "-" + personnummer.substring(8);
    }
}
