package se.lefileka.database;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Whether the database answers now, asked on a thread of its own and waited for only briefly: a
 * database that is away makes the pool wait for a connection for long, and health must say so
 * at once, not after the pool gave up. Until a question that timed out has its answer, the next
 * ones wait for it rather than asking again.
 */
public final class DatabaseProbe extends ServiceSupport {

    /** What the last question found. */
    public record State(boolean up, String message) {
    }

    private final DataSource dataSource;
    private final Duration patience;
    private final Clock clock;
    private final ExecutorService asker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "database-probe");
        thread.setDaemon(true);
        return thread;
    });
    private Future<Boolean> question;
    private long askedAt;

    public DatabaseProbe(DataSource dataSource, Duration patience, Clock clock) {
        this.dataSource = dataSource;
        this.patience = patience;
        this.clock = clock;
    }

    public synchronized State state() {
        if (question == null || question.isDone()) {
            askedAt = clock.millis();
            question = asker.submit(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    return connection.isValid((int) Math.max(1, patience.toSeconds()));
                }
            });
        }
        try {
            return question.get(patience.toMillis(), TimeUnit.MILLISECONDS) ? new State(true, "answers")
                    : new State(false, "the database does not answer");
        } catch (TimeoutException e) {
            return new State(false, "the database has not answered for "
                    + Duration.ofMillis(clock.millis() - askedAt).toSeconds() + " s");
        } catch (ExecutionException e) {
            return new State(false, "the database cannot be reached: " + e.getCause().getClass().getSimpleName()
                    + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new State(false, "interrupted while asking the database");
        }
    }

    @Override
    protected void doStop() {
        asker.shutdownNow();
    }
}
