package se.lefileka.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LaneRetryTest {

    private final LaneRetry retry = new LaneRetry(Clock.systemUTC(), Duration.ofHours(1), Duration.ofSeconds(1),
            Duration.ofSeconds(60));

    @Test
    void backsOffExponentiallyUpToTheMaximum() {
        assertThat(retry.delayMillis(1, null)).isEqualTo(1_000);
        assertThat(retry.delayMillis(2, null)).isEqualTo(2_000);
        assertThat(retry.delayMillis(4, null)).isEqualTo(8_000);
        assertThat(retry.delayMillis(30, null)).isEqualTo(60_000);
    }

    @Test
    void waitsAtLeastAsLongAsFkAsks() {
        assertThat(retry.delayMillis(1, 120)).isEqualTo(120_000);
        assertThat(retry.delayMillis(5, 1)).isEqualTo(16_000);
    }
}
