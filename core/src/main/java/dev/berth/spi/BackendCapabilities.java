package dev.berth.spi;

/**
 * What a backend does by itself.
 *
 * @param schedulesServices whether it keeps services at their desired count itself (ECS-managed services), so
 *     that Berth's reconciler must not
 */
public record BackendCapabilities(boolean schedulesServices) {

    /** @return the capabilities of a backend that only runs what Berth tells it */
    public static BackendCapabilities runsWhatItIsTold() {
        return new BackendCapabilities(false);
    }
}
