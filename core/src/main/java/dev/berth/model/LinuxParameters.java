package dev.berth.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Linux-specific settings of a container ({@code linuxParameters}); the fields of its {@code capabilities} object
 * are {@code capabilitiesAdd} and {@code capabilitiesDrop}. Empty lists and absent values leave Docker's defaults.
 *
 * <pre>{@code
 * LinuxParameters.builder().initProcessEnabled(true).dropCapability("NET_RAW").sharedMemorySizeMiB(256).build();
 * }</pre>
 *
 * @param capabilitiesAdd kernel capabilities added to Docker's default set, e.g. {@code SYS_PTRACE}
 * @param capabilitiesDrop kernel capabilities removed from Docker's default set, e.g. {@code NET_RAW}
 * @param devices host devices exposed to the container
 * @param initProcessEnabled whether an init process runs as PID 1, forwarding signals and reaping processes
 * @param sharedMemorySizeMiB the size of {@code /dev/shm}; empty = Docker's default (64 MiB)
 * @param tmpfs tmpfs mounts
 * @param maxSwapMiB swap the container may use on top of its memory; 0 = none; empty = the instance's default
 * @param swappiness 0-100, how readily the container's pages are swapped; empty = 60 when maxSwap is set
 */
public record LinuxParameters(List<String> capabilitiesAdd, List<String> capabilitiesDrop, List<Device> devices,
                              boolean initProcessEnabled, OptionalInt sharedMemorySizeMiB, List<Tmpfs> tmpfs,
                              OptionalInt maxSwapMiB, OptionalInt swappiness) {

    /**
     * Checks that every component is present and copies the collections.
     *
     * @throws NullPointerException if a component is null
     */
    public LinuxParameters {
        capabilitiesAdd = List.copyOf(capabilitiesAdd);
        capabilitiesDrop = List.copyOf(capabilitiesDrop);
        devices = List.copyOf(devices);
        Objects.requireNonNull(sharedMemorySizeMiB, "sharedMemorySizeMiB");
        tmpfs = List.copyOf(tmpfs);
        Objects.requireNonNull(maxSwapMiB, "maxSwapMiB");
        Objects.requireNonNull(swappiness, "swappiness");
    }

    /** @return a builder of parameters that change nothing */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these parameters */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return whether every setting is Docker's default */
    public boolean isEmpty() {
        return equals(builder().build());
    }

    /** Builds {@link LinuxParameters}; bare property names, the last call for a single value wins. */
    public static final class Builder {
        private final List<String> capabilitiesAdd = new ArrayList<>();
        private final List<String> capabilitiesDrop = new ArrayList<>();
        private final List<Device> devices = new ArrayList<>();
        private boolean initProcessEnabled;
        private OptionalInt sharedMemorySizeMiB = OptionalInt.empty();
        private final List<Tmpfs> tmpfs = new ArrayList<>();
        private OptionalInt maxSwapMiB = OptionalInt.empty();
        private OptionalInt swappiness = OptionalInt.empty();

        private Builder() {
        }

        private Builder(LinuxParameters p) {
            capabilitiesAdd.addAll(p.capabilitiesAdd);
            capabilitiesDrop.addAll(p.capabilitiesDrop);
            devices.addAll(p.devices);
            initProcessEnabled = p.initProcessEnabled;
            sharedMemorySizeMiB = p.sharedMemorySizeMiB;
            tmpfs.addAll(p.tmpfs);
            maxSwapMiB = p.maxSwapMiB;
            swappiness = p.swappiness;
        }

        /**
         * @param capability a kernel capability without {@code CAP_}, e.g. {@code SYS_PTRACE}
         * @return this builder
         */
        public Builder addCapability(String capability) {
            capabilitiesAdd.add(Objects.requireNonNull(capability, "capability"));
            return this;
        }

        /**
         * @param capabilities the capabilities to add, replacing those set before
         * @return this builder
         */
        public Builder capabilitiesAdd(List<String> capabilities) {
            capabilitiesAdd.clear();
            capabilitiesAdd.addAll(capabilities);
            return this;
        }

        /**
         * @param capability a kernel capability without {@code CAP_}, e.g. {@code NET_RAW}
         * @return this builder
         */
        public Builder dropCapability(String capability) {
            capabilitiesDrop.add(Objects.requireNonNull(capability, "capability"));
            return this;
        }

        /**
         * @param capabilities the capabilities to drop, replacing those set before
         * @return this builder
         */
        public Builder capabilitiesDrop(List<String> capabilities) {
            capabilitiesDrop.clear();
            capabilitiesDrop.addAll(capabilities);
            return this;
        }

        /**
         * @param device a host device to expose
         * @return this builder
         */
        public Builder device(Device device) {
            devices.add(Objects.requireNonNull(device, "device"));
            return this;
        }

        /**
         * @param values the host devices to expose, replacing those set before
         * @return this builder
         */
        public Builder devices(List<Device> values) {
            devices.clear();
            devices.addAll(values);
            return this;
        }

        /**
         * @param value whether an init process runs as PID 1
         * @return this builder
         */
        public Builder initProcessEnabled(boolean value) {
            initProcessEnabled = value;
            return this;
        }

        /**
         * @param mib the size of {@code /dev/shm}
         * @return this builder
         */
        public Builder sharedMemorySizeMiB(int mib) {
            sharedMemorySizeMiB = OptionalInt.of(mib);
            return this;
        }

        /**
         * @param mount a tmpfs mount
         * @return this builder
         */
        public Builder tmpfs(Tmpfs mount) {
            tmpfs.add(Objects.requireNonNull(mount, "mount"));
            return this;
        }

        /**
         * @param mounts the tmpfs mounts, replacing those set before
         * @return this builder
         */
        public Builder tmpfs(List<Tmpfs> mounts) {
            tmpfs.clear();
            tmpfs.addAll(mounts);
            return this;
        }

        /**
         * @param mib swap the container may use on top of its memory; 0 = none
         * @return this builder
         */
        public Builder maxSwapMiB(int mib) {
            maxSwapMiB = OptionalInt.of(mib);
            return this;
        }

        /**
         * @param value 0-100
         * @return this builder
         */
        public Builder swappiness(int value) {
            swappiness = OptionalInt.of(value);
            return this;
        }

        /** @return the parameters; ECS's rules are checked with the task definition */
        public LinuxParameters build() {
            return new LinuxParameters(capabilitiesAdd, capabilitiesDrop, devices, initProcessEnabled,
                    sharedMemorySizeMiB, tmpfs, maxSwapMiB, swappiness);
        }
    }
}
