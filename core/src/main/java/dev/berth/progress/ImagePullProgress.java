package dev.berth.progress;

import java.util.Locale;
import java.util.Objects;

/**
 * How far an image pull has got. Layer and byte totals grow while the registry announces layers, so a fraction
 * may shrink before it grows; sizes count only layers whose size is known.
 *
 * @param image the image as pulled, e.g. {@code registry.example:5000/team/app:1.4}
 * @param state pulling, completed or failed
 * @param layersDone layers present on the engine: pulled, or there already
 * @param layersTotal layers announced so far
 * @param bytesDone bytes downloaded of the layers whose size is known
 * @param bytesTotal the size of the layers whose size is known
 */
public record ImagePullProgress(String image, State state, int layersDone, int layersTotal, long bytesDone,
                                long bytesTotal) implements ProgressEvent {

    /** Where a pull is. */
    public enum State {
        /** Layers are being downloaded and extracted. */
        PULLING,
        /** The image is present on the engine. */
        COMPLETED,
        /** The pull ended without the image; the error reaches whoever asked for the image. */
        FAILED
    }

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if a count is negative or a done count exceeds its total
     */
    public ImagePullProgress {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(state, "state");
        if (layersDone < 0 || layersDone > layersTotal) {
            throw new IllegalArgumentException("layersDone must be within 0.." + layersTotal + ", was " + layersDone);
        }
        if (bytesDone < 0 || bytesDone > bytesTotal) {
            throw new IllegalArgumentException("bytesDone must be within 0.." + bytesTotal + ", was " + bytesDone);
        }
    }

    /**
     * @return e.g. {@code pulling busybox:1 - 2/3 layers, 1.2/4.0 MB}, {@code pulled busybox:1 - 3 layers}, or
     *     {@code pull of busybox:1 failed after 1/3 layers}
     */
    @Override
    public String summary() {
        return switch (state) {
            case PULLING -> "pulling " + image + " - " + layersDone + "/" + layersTotal + " layers, "
                    + megabytes(bytesDone) + "/" + megabytes(bytesTotal) + " MB";
            case COMPLETED -> "pulled " + image + switch (layersTotal) {
                case 0 -> ""; // the engine had every layer and reported none
                case 1 -> " - 1 layer";
                default -> " - " + layersTotal + " layers";
            };
            case FAILED -> "pull of " + image + " failed after " + layersDone + "/" + layersTotal + " layers";
        };
    }

    /** @return whether the pull completed or failed */
    @Override
    public boolean finished() {
        return state != State.PULLING;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1_000_000.0);
    }
}
