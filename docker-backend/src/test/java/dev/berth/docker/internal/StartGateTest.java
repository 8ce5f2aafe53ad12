package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.BackendUnavailableException;
import java.time.Duration;
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
                gate.run("start container c", () -> {
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
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> gate.run("start container a", () -> {
            holding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> gate.through("start container b", () -> "started"))
                    .isInstanceOfSatisfying(BackendUnavailableException.class,
                            e -> assertThat(e.isRetryable()).isTrue())
                    .hasMessageContaining("start container b").hasMessageContaining("maxConcurrentStarts");
        } finally {
            release.countDown();
            holder.join(10_000);
        }
        assertThat(gate.through("start container c", () -> "started")).isEqualTo("started");
    }

    @Test
    void constructor_sizeBelow1_isRejected() {
        assertThatThrownBy(() -> new StartGate(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
    }
}
