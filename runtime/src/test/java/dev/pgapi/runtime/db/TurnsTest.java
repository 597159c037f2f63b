package dev.pgapi.runtime.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pool's request queue: never more turns than permits, first come first served, waits that time out. */
class TurnsTest {

    @Test
    void manyRequestsShareFewTurnsAndAllGetOne() throws Exception {
        try (var turns = new Turns(3, 10_000)) {
            var inside = new AtomicInteger();
            var most = new AtomicInteger();
            var done = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int k = 0; k < 200; k++) {
                        assertThat(turns.acquire()).isTrue();
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.yield();
                        inside.decrementAndGet();
                        turns.release();
                    }
                    done.incrementAndGet();
                }));
            }
            for (Thread t : threads) {
                assertThat(t.join(java.time.Duration.ofSeconds(30))).isTrue();
            }
            assertThat(done.get()).isEqualTo(64);
            assertThat(most.get()).isBetween(1, 3);
        }
    }

    @Test
    void waitersGetTheirTurnInArrivalOrder() throws Exception {
        try (var turns = new Turns(1, 10_000)) {
            assertThat(turns.acquire()).isTrue();
            var order = new CopyOnWriteArrayList<Integer>();
            List<Thread> waiting = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int id = i;
                waiting.add(Thread.ofVirtual().start(() -> {
                    assertThat(turns.acquire()).isTrue();
                    order.add(id);
                    turns.release();
                }));
                // each one queued before the next arrives
                while (waiting.get(i).getState() != Thread.State.WAITING) {
                    Thread.onSpinWait();
                }
            }
            turns.release();
            for (Thread t : waiting) {
                t.join();
            }
            assertThat(order).containsExactly(0, 1, 2, 3, 4);
        }
    }

    @Test
    void aWaitThatLastsLongerThanTheTimeoutFailsAndFreesNothing() throws Exception {
        try (var turns = new Turns(1, 300)) {
            assertThat(turns.acquire()).isTrue();
            long start = System.nanoTime();
            assertThat(turns.acquire()).as("no turn within 300 ms").isFalse();
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(waited).isBetween(250L, 2_000L);
            turns.release();
            assertThat(turns.acquire()).as("the one turn is free again").isTrue();
            var late = new CountDownLatch(1);
            Thread.ofVirtual().start(() -> {
                if (!turns.acquire()) {
                    late.countDown();
                }
            });
            assertThat(late.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anInterruptedWaiterGivesUpItsPlace() throws Exception {
        try (var turns = new Turns(1, 60_000)) {
            assertThat(turns.acquire()).isTrue();
            var result = new CopyOnWriteArrayList<Boolean>();
            Thread waiter = Thread.ofVirtual().start(() -> result.add(turns.acquire()));
            while (waiter.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            waiter.interrupt();
            waiter.join();
            assertThat(result).containsExactly(false);
            turns.release();
            assertThat(turns.acquire()).isTrue();
        }
    }
}
