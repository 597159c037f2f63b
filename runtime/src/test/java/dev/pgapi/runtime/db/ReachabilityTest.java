package dev.pgapi.runtime.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The database's state as learnt from connection attempts, with a probe that can be made to fail. */
class ReachabilityTest {

    private final AtomicBoolean databaseUp = new AtomicBoolean();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger recoveries = new AtomicInteger();
    private final Reachability reachability = new Reachability();

    private void probe() throws SQLException {
        attempts.incrementAndGet();
        if (!databaseUp.get()) {
            throw new SQLException("Connection refused", "08001");
        }
    }

    private void start() {
        reachability.start(this::probe, recoveries::incrementAndGet);
    }

    @AfterEach
    void close() {
        reachability.close();
    }

    private void awaitState(Reachability.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (reachability.state() != state) {
            assertThat(System.nanoTime()).as("state " + state).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void requestsWaitForTheFirstAttemptThenFailAtOnceWhileTheDatabaseIsDown() throws Exception {
        start();
        var e = catchThrowableOfType(SQLException.class, () -> reachability.check(5_000));
        assertThat(e.getSQLState()).isEqualTo("08001");
        assertThat(e.getMessage()).isEqualTo("Connection refused");
        assertThat(reachability.state()).isEqualTo(Reachability.State.DOWN);

        long start = System.nanoTime();
        catchThrowableOfType(SQLException.class, () -> reachability.check(5_000));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("no wait once down")
                .isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void theProbeRetriesUntilTheDatabaseIsBackAndThenStops() throws Exception {
        start();
        awaitState(Reachability.State.DOWN);
        Thread.sleep(600);
        assertThat(attempts.get()).as("retries while down").isGreaterThanOrEqualTo(2);

        databaseUp.set(true);
        awaitState(Reachability.State.UP);
        reachability.check(0);
        assertThat(recoveries.get()).isEqualTo(1);
        int afterUp = attempts.get();
        Thread.sleep(1_200);
        assertThat(attempts.get()).as("no probing while up").isEqualTo(afterUp);
    }

    @Test
    void aFailedConnectionOfThePoolMarksTheDatabaseDownAndHoldsThePoolUntilItIsBack() throws Exception {
        databaseUp.set(true);
        start();
        awaitState(Reachability.State.UP);

        databaseUp.set(false);
        reachability.failed(new SQLException("Connection reset", "08006"));
        assertThat(reachability.state()).isEqualTo(Reachability.State.DOWN);
        var held = CompletableFuture.runAsync(() -> {
            try {
                reachability.awaitNotDown();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThat(held).as("the pool's attempt waits while down").isNotDone();

        databaseUp.set(true);
        held.get(5, TimeUnit.SECONDS);
        assertThat(reachability.state()).isEqualTo(Reachability.State.UP);
        assertThat(recoveries.get()).isEqualTo(1);
    }

    @Test
    void closingReleasesTheHeldPoolAttempt() throws Exception {
        start();
        awaitState(Reachability.State.DOWN);
        var held = CompletableFuture.supplyAsync(
                () -> catchThrowableOfType(SQLException.class, reachability::awaitNotDown));
        Thread.sleep(100);
        reachability.close();
        assertThat(held.get(5, TimeUnit.SECONDS).getMessage()).isEqualTo("The connection pool is closed");
    }

    @Test
    void aProbeThatThrowsSomethingElseCountsAsAFailedAttemptAndTheRetriesGoOn() throws Exception {
        var throwsOnce = new AtomicBoolean(true);
        reachability.start(
                () -> {
                    attempts.incrementAndGet();
                    if (throwsOnce.getAndSet(false)) {
                        throw new IllegalStateException("the driver broke");
                    }
                    probe();
                },
                recoveries::incrementAndGet);
        awaitState(Reachability.State.DOWN);
        var e = catchThrowableOfType(SQLException.class, () -> reachability.check(0));
        assertThat(e.getSQLState()).isEqualTo("08001");

        databaseUp.set(true);
        awaitState(Reachability.State.UP);
        assertThat(attempts.get()).as("retried after the unexpected exception").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRecoveryStepThatFailsStillLetsTheDatabaseBeUpAndALaterFailureStartsANewProbe() throws Exception {
        databaseUp.set(true);
        reachability.start(this::probe, () -> {
            recoveries.incrementAndGet();
            throw new IllegalStateException("the pool refused");
        });
        awaitState(Reachability.State.UP);

        databaseUp.set(false);
        reachability.failed(new SQLException("Connection reset", "08006"));
        databaseUp.set(true);
        awaitState(Reachability.State.UP);
        assertThat(recoveries.get()).isEqualTo(1);

        databaseUp.set(false);
        reachability.failed(new SQLException("Connection reset", "08006"));
        assertThat(reachability.state()).isEqualTo(Reachability.State.DOWN);
        databaseUp.set(true);
        awaitState(Reachability.State.UP);
        assertThat(recoveries.get()).as("each outage is probed to its end").isEqualTo(2);
    }
}
