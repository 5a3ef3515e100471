package se.lefileka.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whatever the callers do, no window holds more sends than allowed. */
class WirePacingTest {

    @Test
    void theFirstSendWaitsAWholeWindowAsIfTheWindowWereFull() throws Exception {
        long created = System.nanoTime();
        new WirePacing(2, 200).awaitTurn();
        assertThat((System.nanoTime() - created) / 1_000_000).isGreaterThanOrEqualTo(199);
    }

    @Test
    void holdsBackASendThatWouldCrowdTheWindow() throws Exception {
        WirePacing pacing = new WirePacing(2, 200);
        List<Long> sends = new ArrayList<>();
        sends.add(System.nanoTime());
        sends.add(System.nanoTime());
        for (int i = 0; i < 6; i++) {
            pacing.awaitTurn();
            sends.add(System.nanoTime());
        }
        for (int i = 2; i < sends.size(); i++) {
            assertThat((sends.get(i) - sends.get(i - 2)) / 1_000_000).as("send %d", i).isGreaterThanOrEqualTo(199);
        }
    }
}
