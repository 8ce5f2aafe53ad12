package dev.berth.model;

import java.util.Objects;

/**
 * An Elastic Inference accelerator of the task ({@code inferenceAccelerators}), which containers claim through a
 * {@link ResourceRequirement} of type {@code InferenceAccelerator}.
 *
 * @param deviceName the name containers refer to
 * @param deviceType the accelerator type, e.g. {@code eia2.medium}
 */
public record InferenceAccelerator(String deviceName, String deviceType) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a component is null
     */
    public InferenceAccelerator {
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(deviceType, "deviceType");
    }
}
