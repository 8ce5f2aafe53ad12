package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.progress.ImagePullProgress;
import dev.berth.progress.ImagePullProgress.State;
import dev.berth.progress.ProgressEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Delivery on the relay's own thread: a blocked listener holds up no reporter, and the newest report wins. */
class ProgressRelayTest {

    private static ImagePullProgress pulling(String image, int layersDone) {
        return new ImagePullProgress(image, State.PULLING, layersDone, 10, 0, 0);
    }

    @Test
    void blockedListener_holdsUpNoReporter_andGetsTheNewestReportOfEachSubjectAfterwards() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstArrived = new CountDownLatch(1);
        List<ProgressEvent> received = new CopyOnWriteArrayList<>();
        try (ProgressRelay relay = new ProgressRelay()) {
            relay.add(event -> {
                received.add(event);
                firstArrived.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            relay.offer("a", pulling("a", 0));
            assertThat(firstArrived.await(10, TimeUnit.SECONDS)).isTrue();

            // The listener is blocked: these return at once, and pile up conflated per subject.
            for (int i = 1; i <= 9; i++) {
                relay.offer("a", pulling("a", i));
                relay.offer("b", pulling("b", i));
            }
            ImagePullProgress done = new ImagePullProgress("a", State.COMPLETED, 10, 10, 0, 0);
            relay.offer("a", done);
            release.countDown();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(received).containsExactly(pulling("a", 0), done, pulling("b", 9));
        }
    }

    @Test
    void failingListener_doesNotStopDeliveryToOthers() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(2);
        try (ProgressRelay relay = new ProgressRelay()) {
            relay.add(event -> {
                throw new IllegalStateException("listener bug");
            });
            relay.add(event -> {
                first.countDown();
                second.countDown();
            });

            relay.offer("a", pulling("a", 1));
            assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
            relay.offer("a", pulling("a", 2));

            assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void withoutListeners_nothingIsQueued() {
        try (ProgressRelay relay = new ProgressRelay()) {
            assertThat(relay.hasListeners()).isFalse();
            relay.offer("a", pulling("a", 1));
            relay.add(event -> { }).close();
            assertThat(relay.hasListeners()).isFalse();
        }
    }
}
