package dev.pgapi.runtime.db;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Whether the database can be reached, as learnt from connection attempts, and the probe that finds out when it is
 * back.
 *
 * <p>{@link State#STARTING} lasts until the first probe ends. A failed connection attempt (the probe's or the pool's)
 * makes it {@link State#DOWN}; a background probe then connects every 250 ms, backing off to once a second, and its
 * first success makes it {@link State#UP}. The probe also reads what requests need before they may run (the role
 * settings), so UP means both. While DOWN, requests fail at once instead of waiting for the pool's timeout, and the
 * pool's own connection attempts are held (see {@link Connector}) so that it connects as soon as the probe succeeds
 * rather than after its back-off.
 */
final class Reachability implements AutoCloseable {

    enum State {
        STARTING,
        UP,
        DOWN
    }

    /** Connects once and reads what requests need; throws when the database cannot be used. */
    @FunctionalInterface
    interface Probe {
        void run() throws SQLException;
    }

    private static final long FIRST_RETRY_MILLIS = 250;
    // so that requests succeed within a second of the database being back, connection set-up included
    private static final long MAX_RETRY_MILLIS = 500;
    private static final System.Logger LOG = System.getLogger(Reachability.class.getName());

    private Probe probe;
    private Runnable onRecovery;
    private volatile State state = State.STARTING;
    private SQLException lastFailure;
    private boolean probing;
    private boolean closed;
    private Thread prober;

    /**
     * Starts the first probe.
     *
     * @param probe       the attempt the probe makes
     * @param onRecovery  run when the database is back after an outage (e.g. to drop the pool's dead connections)
     */
    synchronized void start(Probe probe, Runnable onRecovery) {
        this.probe = probe;
        this.onRecovery = onRecovery;
        startProbe();
    }

    State state() {
        return state;
    }

    /**
     * Returns when the database is up; waits at most {@code maxWaitMillis} while the first probe is still running.
     *
     * @throws SQLException (SQLSTATE 08001, with the last connection failure as its message and cause) when the
     *                      database is down, or still unknown after the wait
     */
    void check(long maxWaitMillis) throws SQLException {
        if (state == State.UP) {
            return;
        }
        synchronized (this) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
            while (state == State.STARTING && !closed) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                await(left);
            }
            if (state == State.UP) {
                return;
            }
            String reason = lastFailure == null ? "No connection to the database yet" : lastFailure.getMessage();
            throw new SQLException(reason, "08001", lastFailure);
        }
    }

    /**
     * Holds a connection attempt of the pool while the database is known to be down, until the probe has seen it
     * back.
     */
    synchronized void awaitNotDown() throws SQLException {
        while (state == State.DOWN && !closed) {
            await(0);
        }
        if (closed) {
            throw new SQLException("The connection pool is closed", "08003");
        }
    }

    /** A connection attempt failed: the database is down until the probe connects again. */
    synchronized void failed(SQLException e) {
        if (closed) {
            return;
        }
        markDown(e);
        startProbe();
    }

    /** Records {@code e} as the reason the database is down. */
    private void markDown(SQLException e) {
        lastFailure = e;
        if (state != State.DOWN) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "database unreachable (" + e.getMessage() + "); requests answer 503 until it is back");
            state = State.DOWN;
            notifyAll();
        }
    }

    /** Starts the probe unless it runs already (or is not set up yet: {@link #start} will). */
    private void startProbe() {
        if (!probing && !closed && probe != null) {
            probing = true;
            prober = Thread.ofVirtual().name("pgapi-db-probe").start(this::probeUntilUp);
        }
    }

    /** The probe's loop; however it ends, a later failure starts a new one. */
    private void probeUntilUp() {
        boolean up = false;
        try {
            long retry = FIRST_RETRY_MILLIS;
            while (!(up = probedUp())) {
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                }
                Thread.sleep(retry);
                retry = Math.min(retry * 2, MAX_RETRY_MILLIS);
            }
        } catch (InterruptedException e) {
            // closed
        } finally {
            if (!up) {
                synchronized (this) {
                    probing = false;
                }
            }
        }
    }

    /**
     * One attempt: true when the database answered and the state is UP (the probe ended in the same step, so that a
     * failure from then on starts a new one), false after recording the failure.
     */
    private boolean probedUp() {
        try {
            runProbe();
        } catch (SQLException e) {
            synchronized (this) {
                if (!closed) {
                    markDown(e);
                }
            }
            return false;
        }
        boolean recovered;
        synchronized (this) {
            recovered = state == State.DOWN;
        }
        if (recovered) {
            // before anyone waiting is let go: a request must not take a connection from before the outage
            LOG.log(System.Logger.Level.INFO, "database reachable again");
            try {
                onRecovery.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "dropping the connections from before the outage failed", e);
            }
        }
        synchronized (this) {
            probing = false;
            state = State.UP;
            notifyAll();
        }
        return true;
    }

    /** The probe, with anything it throws as a failed attempt: a probe thread that died would end the retries. */
    private void runProbe() throws SQLException {
        try {
            probe.run();
        } catch (RuntimeException e) {
            throw new SQLException("The database check failed: " + e, "08001", e);
        }
    }

    private void await(long millis) throws SQLException {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for the database", "08001", e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
        if (prober != null) {
            prober.interrupt();
        }
    }
}
