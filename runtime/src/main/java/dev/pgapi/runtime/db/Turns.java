package dev.pgapi.runtime.db;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * First come, first served turns at the connection pool.
 *
 * <p>Under load most requests wait for a connection. A fair {@link java.util.concurrent.Semaphore} with a timeout
 * would arm a timer for every wait, and those timers cost a measurable share of the CPU on a busy server; here
 * waiters park without a timer and one sweeper thread expires the ones that waited too long (to within a tenth of the
 * timeout, at most 100 ms late).
 */
final class Turns implements AutoCloseable {

    private static final int WAITING = 0;
    private static final int GRANTED = 1;
    private static final int EXPIRED = 2;

    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        final long deadline;
        final AtomicInteger state = new AtomicInteger(WAITING);

        Waiter(long deadline) {
            this.deadline = deadline;
        }
    }

    private final AtomicInteger free;
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final long timeoutNanos;
    private final Thread sweeper;

    Turns(int permits, long timeoutMillis) {
        this.free = new AtomicInteger(permits);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long sweepMillis = Math.clamp(timeoutMillis / 10, 1, 100);
        this.sweeper = Thread.ofPlatform().daemon().name("pgapi-pool-queue").start(() -> sweep(sweepMillis));
    }

    /** Waits for a turn; false when none came within the timeout, or the thread was interrupted while waiting. */
    boolean acquire() {
        if (waiters.isEmpty() && take()) {
            return true;
        }
        var me = new Waiter(System.nanoTime() + timeoutNanos);
        waiters.add(me);
        handOver(); // a turn may have come free before this waiter was queued
        while (true) {
            int state = me.state.get();
            if (state != WAITING) {
                waiters.remove(me);
                return state == GRANTED;
            }
            LockSupport.park(this);
            if (Thread.interrupted()) {
                // an interrupted request goes no further (its socket I/O would fail): a turn it got meanwhile passes on
                if (!me.state.compareAndSet(WAITING, EXPIRED)) {
                    release();
                }
                waiters.remove(me);
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** How many are waiting (counted by walking the queue: for metrics, not for the request path). */
    int waiting() {
        int n = 0;
        for (Waiter w : waiters) {
            if (w.state.get() == WAITING) {
                n++;
            }
        }
        return n;
    }

    /** Ends a turn taken with a successful {@link #acquire()}. */
    void release() {
        free.incrementAndGet();
        handOver();
    }

    /** Gives free turns to the waiters in the order they came. */
    private void handOver() {
        Waiter next;
        while ((next = waiters.peek()) != null) {
            if (next.state.get() != WAITING) {
                waiters.remove(next);
                continue;
            }
            if (!take()) {
                return;
            }
            if (next.state.compareAndSet(WAITING, GRANTED)) {
                waiters.remove(next);
                LockSupport.unpark(next.thread);
            } else {
                free.incrementAndGet(); // it expired meanwhile: the turn goes to the next one
            }
        }
    }

    private boolean take() {
        int n;
        do {
            n = free.get();
            if (n <= 0) {
                return false;
            }
        } while (!free.compareAndSet(n, n - 1));
        return true;
    }

    private void sweep(long everyMillis) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(everyMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Waiter w : waiters) {
                if (now - w.deadline >= 0 && w.state.compareAndSet(WAITING, EXPIRED)) {
                    LockSupport.unpark(w.thread);
                }
            }
        }
    }

    @Override
    public void close() {
        sweeper.interrupt();
    }
}
