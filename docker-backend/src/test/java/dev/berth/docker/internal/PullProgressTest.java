package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.progress.ImagePullProgress;
import dev.berth.progress.ImagePullProgress.State;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Folding the engine's pull messages into reports, throttled by a controlled monotonic clock. */
class PullProgressTest {

    private final AtomicLong nanos = new AtomicLong();
    private final PullProgress progress = new PullProgress("reg:5000/app:1", nanos::get);

    /** Feeds a message a whole throttle interval after the previous one, so that it is reported. */
    private ImagePullProgress later(String id, String status, Long current, Long total) {
        nanos.addAndGet(PullProgress.MIN_INTERVAL.toNanos());
        return progress.update(id, status, current, total).orElseThrow();
    }

    @Test
    void layers_areCountedByTheirMessages() {
        later("1", "Pulling from app", null, null);
        later("aaa", "Already exists", null, null);
        later("bbb", "Pulling fs layer", null, null);
        ImagePullProgress downloading = later("bbb", "Downloading", 400L, 1000L);

        assertThat(downloading).isEqualTo(new ImagePullProgress("reg:5000/app:1", State.PULLING, 1, 2, 400, 1000));

        ImagePullProgress downloaded = later("bbb", "Download complete", null, null);
        assertThat(downloaded.bytesDone()).isEqualTo(1000);
        assertThat(downloaded.layersDone()).isEqualTo(1);

        ImagePullProgress extracted = later("bbb", "Pull complete", null, null);
        assertThat(extracted).isEqualTo(new ImagePullProgress("reg:5000/app:1", State.PULLING, 2, 2, 1000, 1000));
    }

    @Test
    void messages_withinTheInterval_areReportedOnlyOnce() {
        Optional<ImagePullProgress> first = progress.update("1", "Pulling from app", null, null);
        nanos.addAndGet(PullProgress.MIN_INTERVAL.toNanos() - 1);
        Optional<ImagePullProgress> soon = progress.update("bbb", "Downloading", 1L, 10L);
        nanos.addAndGet(1);
        Optional<ImagePullProgress> due = progress.update("bbb", "Downloading", 5L, 10L);

        assertThat(first).isPresent();
        assertThat(soon).isEmpty();
        assertThat(due).hasValueSatisfying(p -> assertThat(p.bytesDone()).isEqualTo(5));
    }

    @Test
    void completed_marksEveryLayerDone_failedKeepsWhatWasDone() {
        later("aaa", "Already exists", null, null);
        later("bbb", "Downloading", 3L, 10L);

        assertThat(progress.failed())
                .isEqualTo(new ImagePullProgress("reg:5000/app:1", State.FAILED, 1, 2, 3, 10));
        assertThat(progress.completed())
                .isEqualTo(new ImagePullProgress("reg:5000/app:1", State.COMPLETED, 2, 2, 10, 10));
    }

    @Test
    void messagesWithoutLayerOrSize_changeNoCount() {
        later("bbb", "Downloading", null, null);
        ImagePullProgress report = later(null, "Digest: sha256:abc", null, null);

        assertThat(report).isEqualTo(new ImagePullProgress("reg:5000/app:1", State.PULLING, 0, 1, 0, 0));
    }
}
