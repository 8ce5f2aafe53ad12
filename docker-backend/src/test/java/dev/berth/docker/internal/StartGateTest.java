package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.docker.internal.StartGate.Step;
import dev.berth.exception.BackendUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartGateTest {

    @Test
    void through_neverRunsMoreCallsAtOnceThanItsSize() throws InterruptedException {
        StartGate gate = new StartGate(2, Duration.ofSeconds(10));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(6);
        for (int i = 0; i < 6; i++) {
            Thread t = new Thread(() -> {
                gate.run(Step.START, "start container c", () -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Pause.sleep(Duration.ofMillis(20), "the test");
                    inside.decrementAndGet();
                });
                done.countDown();
            });
            t.start();
        }

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(most.get()).isBetween(1, 2);
    }

    @Test
    void through_whenNoSlotFreesUpInTime_failsRetryably_namingTheSetting() throws InterruptedException {
        StartGate gate = new StartGate(1, Duration.ofMillis(50));
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdTheSlot(gate, Step.START, release);
        try {
            assertThatThrownBy(() -> gate.through(Step.CREATE, "create container b", () -> "created"))
                    .isInstanceOfSatisfying(BackendUnavailableException.class,
                            e -> assertThat(e.isRetryable()).isTrue())
                    .hasMessageContaining("create container b").hasMessageContaining("maxConcurrentStarts");
        } finally {
            release.countDown();
            holder.join(10_000);
        }
        assertThat(gate.through(Step.START, "start container c", () -> "started")).isEqualTo("started");
    }

    @Test
    void through_letsWaitingStartsGoBeforeWaitingCreates_eachKindInArrivalOrder() throws InterruptedException {
        StartGate gate = new StartGate(1, Duration.ofSeconds(10));
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdTheSlot(gate, Step.CREATE, release);
        List<String> order = new CopyOnWriteArrayList<>();
        List<Thread> waiting = List.of(
                waiter(gate, Step.CREATE, "create a", order), waiter(gate, Step.START, "start a", order),
                waiter(gate, Step.CREATE, "create b", order), waiter(gate, Step.START, "start b", order));
        for (Thread t : waiting) {
            t.start();
            awaitWaiting(t); // queued in this order
        }

        release.countDown();
        holder.join(10_000);
        for (Thread t : waiting) {
            t.join(10_000);
        }

        assertThat(order).containsExactly("start a", "start b", "create a", "create b");
    }

    @Test
    void through_afterAWaitingStartEnters_wakesTheCreateBehindItForTheOtherFreeSlot() throws InterruptedException {
        StartGate gate = new StartGate(2, Duration.ofSeconds(10));
        CountDownLatch releaseHolders = new CountDownLatch(1);
        Thread first = holdTheSlot(gate, Step.CREATE, releaseHolders);
        Thread second = holdTheSlot(gate, Step.CREATE, releaseHolders);
        CountDownLatch releaseStart = new CountDownLatch(1);
        CountDownLatch created = new CountDownLatch(1);
        Thread start = new Thread(() -> gate.run(Step.START, "start a", () -> await(releaseStart)));
        Thread create = new Thread(() -> gate.run(Step.CREATE, "create b", created::countDown));
        start.start();
        awaitWaiting(start);
        create.start();
        awaitWaiting(create);

        releaseHolders.countDown(); // both slots free up; the start takes one and holds it
        try {
            // Only a wake-up from the entering start lets the create in: no slot is released after the holders'.
            assertThat(created.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            releaseStart.countDown();
            for (Thread t : List.of(first, second, start, create)) {
                t.join(10_000);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread waiter(StartGate gate, Step step, String what, List<String> order) {
        return new Thread(() -> gate.run(step, what, () -> order.add(what)));
    }

    private static void awaitWaiting(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(t.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    }

    /** @return a started thread that holds the gate's one slot until {@code release} counts down */
    private static Thread holdTheSlot(StartGate gate, Step step, CountDownLatch release) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        Thread holder = new Thread(() -> gate.run(step, "hold the slot", () -> {
            holding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    @Test
    void constructor_sizeBelow1_isRejected() {
        assertThatThrownBy(() -> new StartGate(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
    }
}
