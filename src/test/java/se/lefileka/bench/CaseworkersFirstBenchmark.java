package se.lefileka.bench;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import se.lefileka.broker.BrokerSecurity;
import se.lefileka.sandbox.Budget;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.support.BundleProcess;
import se.lefileka.support.Notifications;
import se.lefileka.support.Persons;
import se.lefileka.support.Queries;
import se.lefileka.support.RunningBundle;

/**
 * Caseworkers first, on the SLA's own limits (the sandbox refusing every breach), against a bundle
 * in its own JVM:
 * <ol>
 * <li>a caseworker's online query over JMS while {@code bench.commands} subscription commands (one
 * file) wait on the same budget: the time from sending it to its answer;</li>
 * <li>caseworkers' queries arriving at 0.8 a second for a minute while notifications wait at LEKA
 * and the commands still wait: the caseworkers' times, and the budget's turns each class took;</li>
 * <li>a 20-row batch dropped after a {@code bench.rows}-row batch was read: its time from the drop
 * to its summary, beside FK's case time.</li>
 * </ol>
 * <p>
 * {@code mvn -q -Pbench test-compile exec:exec -Dbench.main=se.lefileka.bench.CaseworkersFirstBenchmark}
 */
public final class CaseworkersFirstBenchmark {

    private static final double CASEWORKERS_PER_SECOND = 0.8;
    private static final Duration CONTINUOUS = Duration.ofSeconds(60);
    private static final Duration MASS_CASE_TIME = Duration.ofSeconds(10);
    private static final Duration FETCH = Duration.ofSeconds(10);

    public static void main(String... args) throws Exception {
        int commands = Integer.getInteger("bench.commands", 10_000);
        int rows = Integer.getInteger("bench.rows", 1_000_000);
        System.out.println("| cell | figure | breaches |");
        System.out.println("|---|---|---|");
        onlineBudget(commands);
        massBudget(rows);
        System.exit(0);
    }

    /** Cells 1 and 2: the online budget with the commands waiting. */
    private static void onlineBudget(int commands) throws Exception {
        Sandbox sandbox = started();
        Path data = Files.createTempDirectory("caseworkers-bench");
        int brokerPort = RunningBundle.freePort();
        BundleProcess bundle = BundleProcess.start(data, sandbox, Map.of(
                "jms.embedded.acceptor", "tcp://127.0.0.1:" + brokerPort,
                "leka.notifications.endpoints", "file:" + data.resolve("outbox/notifications") + "?tempPrefix=.",
                "leka.notifications.fetch-millis", String.valueOf(FETCH.toMillis())));
        try {
            bundle.awaitStarted(Duration.ofSeconds(60));
            Path outbox = data.resolve("outbox/subscriptions");
            drop(data.resolve("inbox/subscriptions"), "register.json", registrations(commands));
            Awaitility.await().atMost(Duration.ofMinutes(5)).until(() -> count(outbox) >= 3);
            try (JMSContext jms = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort,
                    BrokerSecurity.BUNDLE_USER, RunningBundle.BUNDLE_PASSWORD).createContext()) {
                Caseworkers caseworkers = new Caseworkers(jms);
                List<Long> alone = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    alone.add(caseworkers.ask("alone-" + i).get());
                }
                row("1. a caseworker's query, " + String.format("%,d", commands - count(outbox))
                        + " commands waiting (10 queries)", times(alone), sandbox);

                Notifications.publish(sandbox, 300);
                long callsBefore = sandbox.judge().calls(Budget.ONLINE);
                long commandsBefore = count(outbox);
                long notificationsBefore = count(data.resolve("outbox/notifications"));
                List<Long> continuous = caseworkers.arriving(CASEWORKERS_PER_SECOND, CONTINUOUS);
                long calls = sandbox.judge().calls(Budget.ONLINE) - callsBefore;
                long commandCalls = count(outbox) - commandsBefore;
                long notificationCalls = calls - continuous.size() - commandCalls;
                row("2. caseworkers at 0.8/s for " + CONTINUOUS.toSeconds() + " s, 300 notifications (fetched every "
                        + FETCH.toSeconds() + " s) and the commands waiting (" + continuous.size() + " queries)",
                        times(continuous), sandbox);
                row("2. the budget's turns in that minute", String.format("%d calls: caseworkers %d, notifications "
                                + "%d (%.0f %%, minimum 10 %%; %d delivered), commands %d (%.0f %%, minimum 5 %%)",
                        calls, continuous.size(), notificationCalls, 100.0 * notificationCalls / calls,
                        count(data.resolve("outbox/notifications")) - notificationsBefore, commandCalls,
                        100.0 * commandCalls / calls), sandbox);
            }
        } finally {
            bundle.stop();
            sandbox.stop();
        }
    }

    /** Cell 3: a small batch after a large one on the mass budget. */
    private static void massBudget(int rows) throws Exception {
        Sandbox sandbox = started();
        sandbox.massWork(MASS_CASE_TIME);
        Path data = Files.createTempDirectory("batches-bench");
        BundleProcess bundle = BundleProcess.start(data, sandbox, Map.of(), List.of("-Xmx256m"));
        try {
            bundle.awaitStarted(Duration.ofSeconds(60));
            Path inbox = Files.createDirectories(data.resolve("inbox/mass"));
            Path large = MassBenchmark.generate(data.resolve("large.csv"), rows);
            Files.move(large, inbox.resolve("large.csv"), StandardCopyOption.ATOMIC_MOVE);
            Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> count(data.resolve("archive/mass")) >= 1);
            long submittedBefore = sandbox.massSubmissions();
            long start = System.nanoTime();
            StringBuilder small = new StringBuilder("personnummer;benefits;from;to;purpose\n");
            for (int i = 0; i < 20; i++) {
                small.append(Persons.known(5000 + i)).append(";SJUKPENNING;2026-01-01;2026-06-30;HANDLAGGNING\n");
            }
            drop(inbox, "small.csv", small.toString());
            Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(data.resolve("outbox/mass/small.summary.json")));
            double seconds = (System.nanoTime() - start) / 1e9;
            row(String.format("3. a 20-row batch dropped after a %,d-row batch was read", rows),
                    String.format("done %.0f s after its drop; FK's case time %d s; the large batch's submissions "
                                    + "meanwhile %d, %,d chunks of it still to submit", seconds,
                            MASS_CASE_TIME.toSeconds(), sandbox.massSubmissions() - submittedBefore - 1,
                            (rows * 32L / 33 + 499) / 500 - sandbox.massSubmissions() + 1), sandbox);
        } finally {
            bundle.stop();
            sandbox.stop();
        }
    }

    /** Caseworkers asking over JMS, each reply timed from the moment its query was sent. */
    private static final class Caseworkers {
        private final JMSContext jms;
        private final Queue requests;
        private final Queue replies;
        private final Map<String, Long> sent = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<Long>> answered = new ConcurrentHashMap<>();

        Caseworkers(JMSContext jms) {
            this.jms = jms;
            this.requests = jms.createQueue("lefi.online.requests");
            this.replies = jms.createQueue("bench.caseworkers");
            jms.createContext(JMSContext.AUTO_ACKNOWLEDGE).createConsumer(replies).setMessageListener(this::answered);
        }

        synchronized CompletableFuture<Long> ask(String id) throws JMSException {
            CompletableFuture<Long> answer = new CompletableFuture<>();
            answered.put(id, answer);
            TextMessage query = jms.createTextMessage(Queries.online(id, Persons.known(7000 + sent.size())));
            query.setJMSReplyTo(replies);
            query.setJMSCorrelationID(id);
            sent.put(id, System.nanoTime());
            jms.createProducer().send(requests, query);
            return answer;
        }

        /** Queries at the rate for the time; each one's milliseconds to its answer. */
        List<Long> arriving(double perSecond, Duration during) throws Exception {
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            List<CompletableFuture<Long>> answers = Collections.synchronizedList(new ArrayList<>());
            int[] n = {0};
            clock.scheduleAtFixedRate(() -> {
                try {
                    answers.add(ask("continuous-" + n[0]++));
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            }, 0, Math.round(1000 / perSecond), TimeUnit.MILLISECONDS);
            clock.awaitTermination(during.toMillis(), TimeUnit.MILLISECONDS);
            clock.shutdownNow();
            List<Long> times = new ArrayList<>();
            for (CompletableFuture<Long> answer : List.copyOf(answers)) {
                times.add(answer.get(5, TimeUnit.MINUTES));
            }
            return times;
        }

        private void answered(Message reply) {
            try {
                String id = reply.getJMSCorrelationID();
                answered.get(id).complete((System.nanoTime() - sent.get(id)) / 1_000_000);
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Sandbox started() {
        Sandbox sandbox = new Sandbox(0, Clock.systemUTC());
        sandbox.refuseBreaches(true);
        sandbox.start();
        return sandbox;
    }

    private static String registrations(int commands) {
        StringBuilder file = new StringBuilder("[");
        for (int i = 0; i < commands; i++) {
            file.append(i == 0 ? "" : ",\n").append("{\"requestId\": \"r-").append(i)
                    .append("\", \"action\": \"REGISTER\", \"personnummer\": \"").append(Persons.known(i))
                    .append("\", \"benefits\": [\"BOSTADSBIDRAG\"]}");
        }
        return file.append("]").toString();
    }

    private static void drop(Path inbox, String name, String content) throws IOException {
        Files.createDirectories(inbox);
        Path written = Files.writeString(inbox.resolveSibling("." + name), content);
        Files.move(written, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static long count(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> !file.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String times(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return String.format("answered in %.1f s at the median, %.1f s at most (%.1f s the quickest)",
                sorted.get(sorted.size() / 2) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0, sorted.get(0) / 1000.0);
    }

    private static void row(String cell, String figure, Sandbox sandbox) {
        System.out.printf("| %s | %s | %d |%n", cell, figure, sandbox.judge().breaches());
    }

    private CaseworkersFirstBenchmark() {
    }
}
