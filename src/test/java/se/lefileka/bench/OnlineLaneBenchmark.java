package se.lefileka.bench;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import se.lefileka.sandbox.Budget;
import se.lefileka.sandbox.Sandbox;
import se.lefileka.sandbox.SandboxFaults;
import se.lefileka.support.Persons;
import se.lefileka.support.RunningBundle;

/**
 * Drives N online queries through the online lane against the sandbox at each given latency and
 * prints calls, breaches, the achieved rate and that rate as a share of the most the SLA allows
 * at that latency: one thread, one call per second, 300 ms after each response, so at most
 * min(1, 1 / (latency + 0.3 s)) calls per second.
 * <p>
 * {@code mvn -q -Pbench test-compile exec:java -Dbench.queries=30 -Dbench.latencies=50,500,2000}
 */
public final class OnlineLaneBenchmark {

    public static void main(String... args) throws Exception {
        int queries = Integer.getInteger("bench.queries", 30);
        String[] latencies = System.getProperty("bench.latencies", "50,500,2000").split(",");
        System.out.printf("%-12s %6s %9s %10s %12s %10s%n", "latency ms", "calls", "breaches", "calls/s",
                "SLA max/s", "of max");
        for (String latency : latencies) {
            run(queries, Long.parseLong(latency.trim()));
        }
        System.exit(0);
    }

    private static void run(int queries, long latencyMillis) throws Exception {
        Sandbox sandbox = new Sandbox(0, Clock.systemUTC());
        sandbox.start();
        SandboxFaults.of(sandbox).latency(Duration.ofMillis(latencyMillis));
        Path data = Files.createTempDirectory("lane-bench");
        try (RunningBundle bundle = RunningBundle.start(data, sandbox, Map.of());
             JMSContext jms = bundle.jmsClient().createContext()) {
            Queue replies = jms.createQueue("bench.replies");
            for (int i = 0; i < queries; i++) {
                TextMessage message = jms.createTextMessage("{\"personnummer\": \"" + Persons.known(i)
                        + "\", \"benefits\": [\"SJUKPENNING\"], \"from\": \"2026-01-01\", \"to\": \"2026-06-30\"}");
                message.setJMSReplyTo(replies);
                jms.createProducer().send(jms.createQueue("lefi.online.requests"), message);
            }
            JMSConsumer consumer = jms.createConsumer(replies);
            consumer.receive(120_000);
            long first = System.nanoTime();
            for (int i = 1; i < queries; i++) {
                if (consumer.receive(120_000) == null) {
                    throw new IllegalStateException("no answer to query " + i);
                }
            }
            double seconds = (System.nanoTime() - first) / 1e9;
            double achieved = (queries - 1) / seconds;
            double slaMax = Math.min(1.0, 1.0 / (latencyMillis / 1000.0 + 0.3));
            System.out.printf("%-12d %6d %9d %10.3f %12.3f %9.1f%%%n", latencyMillis,
                    sandbox.judge().calls(Budget.ONLINE), sandbox.judge().breaches(), achieved, slaMax,
                    100 * achieved / slaMax);
        } finally {
            sandbox.stop();
        }
    }

    private OnlineLaneBenchmark() {
    }
}
