package dev.berth.docker.internal;

import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem.ProgressDetail;
import dev.berth.progress.ImagePullProgress;
import dev.berth.progress.ImagePullProgress.State;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Folds the engine's pull messages (one per layer and step: {@code Pulling fs layer}, {@code Downloading} with
 * bytes current/total, {@code Pull complete}, {@code Already exists}...) into {@link ImagePullProgress} reports, at
 * most one per {@link #MIN_INTERVAL}. Thread-safe: the pull's callback feeds it while the caller may give up.
 */
final class PullProgress {

    /** Reports of one pull are at least this far apart: a few per second, however fast layers move. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(250);

    /** Statuses the engine sends about a layer; others (e.g. {@code Pulling from ...}, {@code Digest}) are not. */
    private static final Set<String> LAYER_STATUSES = Set.of("Pulling fs layer", "Waiting", "Downloading",
            "Verifying Checksum", "Download complete", "Extracting", "Pull complete", "Already exists");

    private final String image;
    private final LongSupplier nanoTime;
    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private long lastReport;
    private boolean reported;

    /**
     * @param image the image as pulled, for the reports
     * @param nanoTime a monotonic clock, {@code System::nanoTime} but in tests
     */
    PullProgress(String image, LongSupplier nanoTime) {
        this.image = image;
        this.nanoTime = nanoTime;
    }

    /**
     * Runs a pull and reports it to {@code relay}: the engine's messages while it runs, then a completed report, or
     * a failed one when the pull throws.
     *
     * @param relay where the reports go; with no listener there, the pull runs as it would without reporting
     * @param pull starts the pull with a callback from the given supplier (a fresh one per attempt) and waits for
     *     it to end
     */
    void report(ProgressRelay relay, Consumer<Supplier<PullImageResultCallback>> pull) {
        try {
            pull.accept(() -> callback(relay));
        } catch (RuntimeException e) {
            relay.offer(image, failed());
            throw e;
        }
        relay.offer(image, completed());
    }

    private PullImageResultCallback callback(ProgressRelay relay) {
        if (!relay.hasListeners()) {
            return new PullImageResultCallback();
        }
        return new PullImageResultCallback() {
            @Override
            public void onNext(PullResponseItem item) {
                super.onNext(item);
                ProgressDetail detail = item.getProgressDetail();
                update(item.getId(), item.getStatus(), detail == null ? null : detail.getCurrent(),
                        detail == null ? null : detail.getTotal())
                        .ifPresent(report -> relay.offer(image, report));
            }
        };
    }

    /**
     * Takes one message of the pull.
     *
     * @param id the layer's id, or the tag for messages about the whole image; may be null
     * @param status the step, e.g. {@code Downloading}; may be null
     * @param current bytes so far in this step, or null
     * @param total bytes of this step, or null
     * @return a report, when one is due
     */
    synchronized Optional<ImagePullProgress> update(String id, String status, Long current, Long total) {
        if (id != null && status != null && (LAYER_STATUSES.contains(status) || status.startsWith("Retrying"))) {
            Layer layer = layers.computeIfAbsent(id, k -> new Layer());
            switch (status) {
                case "Downloading" -> {
                    if (total != null && total > 0) {
                        layer.size = total;
                    }
                    if (current != null) {
                        layer.downloaded = current;
                    }
                }
                case "Verifying Checksum", "Download complete", "Extracting" -> layer.downloaded = layer.size;
                case "Pull complete", "Already exists" -> {
                    layer.downloaded = layer.size;
                    layer.done = true;
                }
                default -> { }
            }
        }
        long now = nanoTime.getAsLong();
        if (reported && now - lastReport < MIN_INTERVAL.toNanos()) {
            return Optional.empty();
        }
        reported = true;
        lastReport = now;
        return Optional.of(snapshot(State.PULLING));
    }

    /** @return the report that the image is present: every announced layer done */
    synchronized ImagePullProgress completed() {
        layers.values().forEach(layer -> {
            layer.downloaded = layer.size;
            layer.done = true;
        });
        return snapshot(State.COMPLETED);
    }

    /** @return the report that the pull ended without the image, with the layers it got */
    synchronized ImagePullProgress failed() {
        return snapshot(State.FAILED);
    }

    private ImagePullProgress snapshot(State state) {
        int done = (int) layers.values().stream().filter(l -> l.done).count();
        long size = layers.values().stream().mapToLong(l -> l.size).sum();
        long downloaded = layers.values().stream().mapToLong(l -> Math.min(l.downloaded, l.size)).sum();
        return new ImagePullProgress(image, state, done, layers.size(), downloaded, size);
    }

    /** One layer; its size is 0 until the engine tells it (never, for layers already present). */
    private static final class Layer {
        long size;
        long downloaded;
        boolean done;
    }
}
