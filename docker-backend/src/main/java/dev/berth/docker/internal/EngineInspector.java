package dev.berth.docker.internal;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import dev.berth.docker.EngineInstance;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Describes the engine as an ECS container instance, from {@code docker info} and {@code docker version}. */
final class EngineInspector {

    private static final long MIB = 1024L * 1024L;
    /** The prefix of the attribute the ECS agent reports per volume driver. */
    static final String DOCKER_PLUGIN = "com.amazonaws.ecs.capability.docker-plugin.";

    private final DockerClients clients;

    EngineInspector(DockerClients clients) {
        this.clients = clients;
    }

    EngineInstance describe() {
        Info info = clients.call("report its info", () -> clients.calls().infoCmd().exec());
        Version version = clients.call("report its version", () -> clients.calls().versionCmd().exec());
        return toInstance(info, version);
    }

    static EngineInstance toInstance(Info info, Version version) {
        Map<String, String> attributes = new LinkedHashMap<>();
        String osType = Objects.requireNonNullElse(info.getOsType(), "linux").toLowerCase(Locale.ROOT);
        attributes.put(EngineInstance.OS_TYPE, osType);
        attributes.put(EngineInstance.CPU_ARCHITECTURE, ecsArchitecture(info.getArchitecture()));
        if (osType.equals("linux")) {
            attributes.put("ecs.os-family", "LINUX");
        }
        volumeDrivers(info).forEach(driver -> attributes.put(DOCKER_PLUGIN + driver, ""));
        String engineVersion = Objects.requireNonNullElse(info.getServerVersion(), "");
        attributes.put("dev.berth.docker-version", engineVersion);
        int cpus = Objects.requireNonNullElse(info.getNCPU(), 0);
        long memory = Objects.requireNonNullElse(info.getMemTotal(), 0L);
        return new EngineInstance(Objects.requireNonNullElse(info.getId(), ""),
                Objects.requireNonNullElse(info.getName(), ""), cpus * 1024, memory / MIB, engineVersion,
                Objects.requireNonNullElse(version.getApiVersion(), ""), attributes);
    }

    /**
     * The volume drivers as the ECS agent reports them (amazon-ecs-agent {@code agent/app/agent_capability_unix.go},
     * {@code appendVolumeDriverCapabilities}): {@code local} always, every driver {@code docker info} lists with
     * {@code :} written as {@code .}, and one tagged {@code :latest} also without its tag.
     *
     * @param info the engine's info
     * @return the drivers' attribute suffixes, e.g. {@code local}, {@code rexray/ebs}, {@code rexray/ebs.latest}
     */
    static Set<String> volumeDrivers(Info info) {
        Set<String> drivers = new LinkedHashSet<>();
        drivers.add("local");
        Map<String, List<String>> plugins = info.getPlugins();
        List<String> volume = plugins == null ? null : plugins.get("Volume");
        for (String plugin : volume == null ? List.<String>of() : volume) {
            if (plugin.endsWith(":latest")) {
                drivers.add(plugin.substring(0, plugin.length() - ":latest".length()).replace(':', '.'));
            }
            drivers.add(plugin.replace(':', '.'));
        }
        return drivers;
    }

    /** @return ECS's spelling of the architecture: {@code x86_64} or {@code arm64}, else the engine's */
    static String ecsArchitecture(String engineArchitecture) {
        String arch = Objects.requireNonNullElse(engineArchitecture, "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }
}
