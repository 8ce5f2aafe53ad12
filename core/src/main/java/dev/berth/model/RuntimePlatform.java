package dev.berth.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform a task's containers are built for ({@code runtimePlatform}). On EC2 and on Berth's backends it is a
 * placement requirement: an instance whose {@code ecs.cpu-architecture} or {@code ecs.os-type} attribute differs
 * cannot take the task.
 *
 * @param cpuArchitecture the CPU architecture; empty = any
 * @param operatingSystemFamily the operating system; empty = any
 */
public record RuntimePlatform(Optional<CpuArchitecture> cpuArchitecture,
                              Optional<OperatingSystemFamily> operatingSystemFamily) {

    /** A CPU architecture, as ECS spells it. */
    public enum CpuArchitecture {
        /** 64-bit x86. */
        X86_64,
        /** 64-bit ARM. */
        ARM64;

        /** @return ECS's spelling in a task definition, {@code X86_64} or {@code ARM64} */
        public String ecsName() {
            return name();
        }

        /** @return the value of an instance's {@code ecs.cpu-architecture} attribute: {@code x86_64}, {@code arm64} */
        public String attributeValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An operating system family, as ECS spells it. */
    public enum OperatingSystemFamily {
        /** Linux. */
        LINUX("LINUX"),
        /** Windows Server 2016 Full. */
        WINDOWS_SERVER_2016_FULL("WINDOWS_SERVER_2016_FULL"),
        /** Windows Server 2019 Full. */
        WINDOWS_SERVER_2019_FULL("WINDOWS_SERVER_2019_FULL"),
        /** Windows Server 2019 Core. */
        WINDOWS_SERVER_2019_CORE("WINDOWS_SERVER_2019_CORE"),
        /** Windows Server 2004 Core. */
        WINDOWS_SERVER_2004_CORE("WINDOWS_SERVER_2004_CORE"),
        /** Windows Server 20H2 Core. */
        WINDOWS_SERVER_20H2_CORE("WINDOWS_SERVER_20H2_CORE"),
        /** Windows Server 2022 Core. */
        WINDOWS_SERVER_2022_CORE("WINDOWS_SERVER_2022_CORE"),
        /** Windows Server 2022 Full. */
        WINDOWS_SERVER_2022_FULL("WINDOWS_SERVER_2022_FULL"),
        /** Windows Server 2025 Core. */
        WINDOWS_SERVER_2025_CORE("WINDOWS_SERVER_2025_CORE"),
        /** Windows Server 2025 Full. */
        WINDOWS_SERVER_2025_FULL("WINDOWS_SERVER_2025_FULL");

        private final String ecsName;

        OperatingSystemFamily(String ecsName) {
            this.ecsName = ecsName;
        }

        /** @return ECS's spelling, e.g. {@code WINDOWS_SERVER_2022_CORE} */
        public String ecsName() {
            return ecsName;
        }

        /** @return the value of an instance's {@code ecs.os-type} attribute, {@code linux} or {@code windows} */
        public String osType() {
            return this == LINUX ? "linux" : "windows";
        }
    }

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a component is null
     */
    public RuntimePlatform {
        Objects.requireNonNull(cpuArchitecture, "cpuArchitecture");
        Objects.requireNonNull(operatingSystemFamily, "operatingSystemFamily");
    }

    /**
     * @param cpuArchitecture the CPU architecture
     * @return Linux on that architecture
     */
    public static RuntimePlatform linux(CpuArchitecture cpuArchitecture) {
        return new RuntimePlatform(Optional.of(cpuArchitecture), Optional.of(OperatingSystemFamily.LINUX));
    }
}
