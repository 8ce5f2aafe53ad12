package dev.berth.docker.internal;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.LinuxParameters;
import dev.berth.model.SystemControl;
import dev.berth.model.Tmpfs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A container's Docker options, as ECS passes them to Docker (API reference: {@code ContainerDefinition},
 * {@code LinuxParameters}): {@code linuxParameters} to {@code --init}, {@code --cap-add/--cap-drop},
 * {@code --device}, {@code --shm-size}, {@code --tmpfs}, {@code --memory-swap} (memory plus {@code maxSwap}) and
 * {@code --memory-swappiness}; {@code privileged}, {@code readonlyRootFilesystem}, {@code dockerSecurityOptions},
 * {@code extraHosts}, {@code dnsServers}, {@code dnsSearchDomains} and {@code systemControls} to their Docker
 * namesakes; GPU requirements to {@code --gpus} with the NVIDIA driver. Pure.
 */
final class HostOptions {

    private static final long MIB = 1024L * 1024L;

    private HostOptions() {
    }

    /**
     * @param container the container
     * @param host its host configuration, changed in place
     */
    static void apply(ContainerDefinition container, HostConfig host) {
        container.linuxParameters().ifPresent(p -> applyLinux(container, p, host));
        if (container.privileged()) {
            host.withPrivileged(true);
        }
        if (container.readonlyRootFilesystem()) {
            host.withReadonlyRootfs(true);
        }
        if (!container.dockerSecurityOptions().isEmpty()) {
            host.withSecurityOpts(container.dockerSecurityOptions());
        }
        if (!container.extraHosts().isEmpty()) {
            host.withExtraHosts(container.extraHosts().stream().map(h -> h.hostname() + ":" + h.ipAddress())
                    .toArray(String[]::new));
        }
        if (!container.dnsServers().isEmpty()) {
            host.withDns(container.dnsServers());
        }
        if (!container.dnsSearchDomains().isEmpty()) {
            host.withDnsSearch(container.dnsSearchDomains());
        }
        if (!container.systemControls().isEmpty()) {
            host.withSysctls(container.systemControls().stream().collect(Collectors.toMap(SystemControl::namespace,
                    SystemControl::value, (first, second) -> second, LinkedHashMap::new)));
        }
        int gpus = container.gpuCount();
        if (gpus > 0) {
            host.withDeviceRequests(List.of(new DeviceRequest().withDriver("nvidia").withCount(gpus)
                    .withCapabilities(List.of(List.of("gpu")))));
        }
    }

    private static void applyLinux(ContainerDefinition container, LinuxParameters p, HostConfig host) {
        if (p.initProcessEnabled()) {
            host.withInit(true);
        }
        if (!p.capabilitiesAdd().isEmpty()) {
            host.withCapAdd(p.capabilitiesAdd().stream().map(Capability::valueOf).toArray(Capability[]::new));
        }
        if (!p.capabilitiesDrop().isEmpty()) {
            host.withCapDrop(p.capabilitiesDrop().stream().map(Capability::valueOf).toArray(Capability[]::new));
        }
        if (!p.devices().isEmpty()) {
            host.withDevices(p.devices().stream().map(HostOptions::device).toList());
        }
        p.sharedMemorySizeMiB().ifPresent(mib -> host.withShmSize(mib * MIB));
        if (!p.tmpfs().isEmpty()) {
            Map<String, String> mounts = new LinkedHashMap<>();
            p.tmpfs().forEach(t -> mounts.put(t.containerPath(), tmpfsOptions(t)));
            host.withTmpFs(mounts);
        }
        // Docker's --memory-swap is the container's memory plus its swap; DockerSupport refuses maxSwap without a
        // hard memory limit, which Docker needs with it.
        if (p.maxSwapMiB().isPresent() && container.memoryMiB().isPresent()) {
            host.withMemorySwap((long) (container.memoryMiB().getAsInt() + p.maxSwapMiB().getAsInt()) * MIB);
        }
        p.swappiness().ifPresent(value -> host.withMemorySwappiness((long) value));
    }

    private static Device device(dev.berth.model.Device d) {
        String permissions = d.permissions().isEmpty() ? "rwm" : d.permissions().stream()
                .map(permission -> permission.ecsName().substring(0, 1)).collect(Collectors.joining());
        return new Device(permissions, d.containerPath().orElse(d.hostPath()), d.hostPath());
    }

    /** @return Docker's {@code --tmpfs} options: the mount options, then the size */
    private static String tmpfsOptions(Tmpfs t) {
        StringBuilder options = new StringBuilder();
        t.mountOptions().forEach(o -> options.append(o).append(','));
        return options.append("size=").append(t.sizeMiB()).append('m').toString();
    }
}
