package dev.berth.model.internal;

import dev.berth.model.InferenceAccelerator;
import dev.berth.model.NetworkMode;
import dev.berth.model.RuntimePlatform;
import dev.berth.model.TaskDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ECS's rules for the task-level features (API reference: {@code EphemeralStorage}, {@code ProxyConfiguration},
 * {@code InferenceAccelerator}, {@code RuntimePlatform}): Fargate storage of 21-200 GiB, an App Mesh proxy that is
 * a container of the task in awsvpc mode, unique accelerator names (none on Fargate), and ARM64 only with Linux.
 */
final class TaskFeatureRules {

    private static final int MIN_STORAGE_GIB = 21;
    private static final int MAX_STORAGE_GIB = 200;

    private TaskFeatureRules() {
    }

    static void check(ValidationContext context, Problems problems) {
        TaskDefinition td = context.taskDefinition();
        td.ephemeralStorageGiB().ifPresent(gib -> {
            if (gib < MIN_STORAGE_GIB || gib > MAX_STORAGE_GIB) {
                problems.add("ephemeralStorage.sizeInGiB", Rule.EPHEMERAL_STORAGE_RANGE, gib);
            }
        });
        td.proxyConfiguration().ifPresent(proxy -> {
            if (context.indexOf(proxy.containerName()).isEmpty()) {
                problems.add("proxyConfiguration.containerName", Rule.PROXY_CONTAINER_UNKNOWN, proxy.containerName(),
                        proxy.containerName());
            }
            if (td.networkMode() != NetworkMode.AWSVPC) {
                problems.add("proxyConfiguration", Rule.PROXY_NETWORK_MODE, td.networkMode().ecsName(),
                        td.networkMode().ecsName());
            }
        });
        checkAccelerators(context, td.inferenceAccelerators(), problems);
        td.runtimePlatform().ifPresent(platform -> {
            if (platform.cpuArchitecture().orElse(null) == RuntimePlatform.CpuArchitecture.ARM64) {
                platform.operatingSystemFamily().filter(f -> f != RuntimePlatform.OperatingSystemFamily.LINUX)
                        .ifPresent(f -> problems.add("runtimePlatform.cpuArchitecture",
                                Rule.RUNTIME_PLATFORM_ARM_WINDOWS, "ARM64", f.ecsName()));
            }
        });
    }

    private static void checkAccelerators(ValidationContext context, List<InferenceAccelerator> accelerators,
                                          Problems problems) {
        if (!accelerators.isEmpty() && context.fargate()) {
            problems.add("inferenceAccelerators", Rule.FARGATE_INFERENCE_ACCELERATORS, "");
        }
        Map<String, Integer> firstByName = new HashMap<>();
        for (int i = 0; i < accelerators.size(); i++) {
            InferenceAccelerator accelerator = accelerators.get(i);
            String path = Problems.element("inferenceAccelerators", i);
            if (accelerator.deviceName().isBlank() || accelerator.deviceType().isBlank()) {
                problems.add(path, Rule.ACCELERATOR_EMPTY, accelerator.deviceName());
                continue;
            }
            Integer first = firstByName.putIfAbsent(accelerator.deviceName(), i);
            if (first != null) {
                problems.add(path + ".deviceName", Rule.ACCELERATOR_NAME_DUPLICATE, accelerator.deviceName(),
                        accelerator.deviceName(), first);
            }
        }
    }
}
