package dev.berth.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A resource a container needs besides CPU and memory ({@code resourceRequirements}): GPUs, which placement
 * reserves, an Elastic Inference accelerator, or AWS Neuron devices.
 *
 * @param type what is needed
 * @param value for GPUs and Neuron devices the number needed; for an accelerator the {@code deviceName} of one of
 *     the task's {@code inferenceAccelerators}
 * @param nvidiaMps for GPUs: share them through NVIDIA's Multi-Process Service ({@code sharingStrategy.nvidiaMps})
 */
public record ResourceRequirement(Type type, String value, Optional<NvidiaMps> nvidiaMps) {

    /** Kinds of resource. */
    public enum Type {
        /** GPUs, by count. */
        GPU("GPU"),
        /** An Elastic Inference accelerator, by device name. */
        INFERENCE_ACCELERATOR("InferenceAccelerator"),
        /** AWS Neuron devices, by count. */
        NEURON_DEVICE("NeuronDevice");

        private final String ecsName;

        Type(String ecsName) {
            this.ecsName = ecsName;
        }

        /** @return ECS's spelling, e.g. {@code InferenceAccelerator} */
        public String ecsName() {
            return ecsName;
        }
    }

    /**
     * GPUs shared through NVIDIA's Multi-Process Service.
     *
     * @param memory the GPU memory the container may use, in MiB; empty = no limit
     * @param maxComputePercent the share of the GPU's compute the container may use; empty = no limit
     */
    public record NvidiaMps(OptionalInt memory, OptionalInt maxComputePercent) {

        /**
         * Checks that every component is present.
         *
         * @throws NullPointerException if a component is null
         */
        public NvidiaMps {
            Objects.requireNonNull(memory, "memory");
            Objects.requireNonNull(maxComputePercent, "maxComputePercent");
        }
    }

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a component is null
     */
    public ResourceRequirement {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(nvidiaMps, "nvidiaMps");
    }

    /**
     * @param count how many GPUs the container needs
     * @return a GPU requirement
     */
    public static ResourceRequirement gpus(int count) {
        return new ResourceRequirement(Type.GPU, Integer.toString(count), Optional.empty());
    }
}
