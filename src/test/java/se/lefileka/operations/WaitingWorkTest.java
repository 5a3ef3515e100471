package se.lefileka.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.lefileka.broker.BrokerQueues;

/** The work waiting in a budget by class, and which class waited too long. */
class WaitingWorkTest {

    /** A broker whose lane queues hold what the test says. */
    private static final class Lanes implements BrokerQueues {
        final Map<String, long[]> countAndAge = new LinkedHashMap<>();

        @Override
        public long messageCount(String queue) {
            return countAndAge.getOrDefault(queue, new long[] {0, -1})[0];
        }

        @Override
        public Long oldestMessageAgeMillis(String queue) {
            long age = countAndAge.getOrDefault(queue, new long[] {0, -1})[1];
            return age < 0 ? null : age;
        }

        @Override
        public List<Map<String, Object>> messageProperties(String queue) {
            return List.of();
        }
    }

    @Test
    void aClassWhoseOldestCallWaitedLongerThanTheLimitIsLateTheOthersAreNot() {
        Lanes lanes = new Lanes();
        lanes.countAndAge.put("interactive.q", new long[] {1, 2_000});
        lanes.countAndAge.put("bulk.q", new long[] {5_000, 900_000});
        Map<String, String> queues = new LinkedHashMap<>();
        queues.put("interactive", "interactive.q");
        queues.put("notifications", "notifications.q");
        queues.put("bulk", "bulk.q");
        WaitingWork work = new WaitingWork("online", lanes, queues, 600_000);

        List<WaitingWork.Waiting> now = work.now();

        assertThat(now).extracting(WaitingWork.Waiting::workClass).containsExactly("interactive", "notifications", "bulk");
        assertThat(now.get(1).oldestMillis()).as("nothing waits").isNull();
        assertThat(work.late(now)).isEqualTo("bulk: 5000 waiting, the oldest for 900 s");
        lanes.countAndAge.put("bulk.q", new long[] {5_000, 60_000});
        assertThat(work.late(work.now())).isEmpty();
    }
}
