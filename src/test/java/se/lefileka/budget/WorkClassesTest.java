package se.lefileka.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which waiting class of work takes a budget's next turn: priority first, and no class below its minimum share. */
class WorkClassesTest {

    private final WorkClasses classes = new WorkClasses(ordered(
            "interactive", 0.0, "notifications", 0.1, "bulk", 0.05));

    @Test
    void theWaitingClassOfTheHighestPriorityGoesFirst() {
        assertThat(classes.next(Set.of("bulk", "interactive", "notifications"))).isEqualTo("interactive");
        assertThat(classes.next(Set.of("bulk", "notifications"))).isEqualTo("notifications");
        assertThat(classes.next(Set.of("bulk"))).isEqualTo("bulk");
        assertThat(classes.next(Set.of())).isNull();
        assertThat(classes.next(Set.of("unknown"))).as("a class it does not know is not ordered").isNull();
    }

    @Test
    void aClassWhoseShareIsDueGoesBeforeHigherOnesOneTurnInTen() {
        for (int i = 0; i < 8; i++) {
            classes.took("interactive");
        }
        assertThat(classes.next(Set.of("interactive", "notifications"))).as("eight turns of others: not yet")
                .isEqualTo("interactive");
        classes.took("interactive");
        assertThat(classes.next(Set.of("interactive", "notifications", "bulk"))).as("nine of others, then its own")
                .isEqualTo("notifications");
        classes.took("notifications");
        assertThat(classes.next(Set.of("interactive", "notifications", "bulk"))).isEqualTo("interactive");
    }

    @Test
    void aClassThatHadATurnLongAgoIsDueAtOnceWhenItHasWorkAgain() {
        classes.took("notifications");
        for (int i = 0; i < 30; i++) {
            classes.took("interactive");
        }
        assertThat(classes.next(Set.of("interactive", "notifications"))).isEqualTo("notifications");
        assertThat(classes.next(Set.of("interactive", "notifications", "bulk"))).as("the one most overdue: bulk "
                + "waited 31 turns of its one in twenty, notifications 31 of one in ten").isEqualTo("notifications");
    }

    @Test
    void everyClassGetsAtLeastItsShareWhileTheOthersKeepTheBudgetBusy() {
        List<String> turns = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String next = classes.next(Set.of("interactive", "notifications", "bulk"));
            classes.took(next);
            turns.add(next);
        }
        assertThat(turns.stream().filter("notifications"::equals).count()).isGreaterThanOrEqualTo(18);
        assertThat(turns.stream().filter("bulk"::equals).count()).isGreaterThanOrEqualTo(9);
        assertThat(turns.stream().filter("interactive"::equals).count()).isGreaterThanOrEqualTo(150);
    }

    @Test
    void sharesThatAddUpToMoreThanTheBudgetAreRefused() {
        assertThatThrownBy(() -> new WorkClasses(ordered("a", 0.6, "b", 0.5))).hasMessageContaining("more than");
        assertThatThrownBy(() -> new WorkClasses(ordered("a", -0.1))).hasMessageContaining("between 0 and 1");
    }

    private static Map<String, Double> ordered(Object... namesAndShares) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndShares.length; i += 2) {
            map.put((String) namesAndShares[i], (Double) namesAndShares[i + 1]);
        }
        return map;
    }
}
