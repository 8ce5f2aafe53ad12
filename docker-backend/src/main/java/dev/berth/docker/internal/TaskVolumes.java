package dev.berth.docker.internal;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import dev.berth.exception.BerthException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.DockerVolumeConfiguration;
import dev.berth.model.EfsVolumeConfiguration;
import dev.berth.model.MountPoint;
import dev.berth.model.Volume;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's volumes on the engine, with ECS's lifetimes:
 * <ul>
 *   <li>a volume without configuration (or {@code host} without {@code sourcePath}) and a Docker volume of scope
 *       {@code task} are volumes of the task's own, {@code berth-<task>-<volume>}, created before its containers and
 *       removed with it;</li>
 *   <li>a Docker volume of scope {@code shared} is the engine's volume of that name: with {@code autoprovision} it is
 *       created when missing, otherwise it must exist (as on ECS); it outlives every task;</li>
 *   <li>{@code host.sourcePath} is a bind mount of that path on the engine's host;</li>
 *   <li>an EFS volume is a directory the configuration maps the file system to, plus its root directory, or else a
 *       named local volume {@code berth-efs-<file system>[-<root directory's hash>]} that every task naming the same
 *       file system and root directory shares, and that outlives them.</li>
 * </ul>
 */
final class TaskVolumes {

    /** Marks the volumes removed with their task; its value is {@code task}. */
    static final String VOLUME_LABEL = "dev.berth.volume";
    /** On an EFS stand-in volume: the file system and root directory it holds. */
    static final String EFS_LABEL = "dev.berth.efs";

    private final DockerClients clients;
    private final Map<String, String> efsDirectories;

    TaskVolumes(DockerClients clients, Map<String, String> efsDirectories) {
        this.clients = clients;
        this.efsDirectories = Map.copyOf(efsDirectories);
    }

    /** Where a volume's data is: an engine volume's name or a path on the engine's host. */
    record Source(String name, boolean hostPath) {
    }

    /**
     * Creates what the task's volumes need on the engine.
     *
     * @param request the task
     * @return each volume's source by the volume's name
     * @throws BerthException naming the volume when one cannot be made ready, e.g. a shared volume that does not
     *     exist without {@code autoprovision}
     */
    Map<String, Source> prepare(EngineTask request) {
        Map<String, Source> sources = new LinkedHashMap<>();
        for (Volume volume : request.definition().volumes()) {
            sources.put(volume.name(), prepare(request, volume));
        }
        return sources;
    }

    private Source prepare(EngineTask request, Volume volume) {
        return switch (volume.kind()) {
            case TASK_SCOPED -> create(taskVolumeName(request.taskId(), volume.name()),
                    taskLabels(request, Map.of()), "local", Map.of());
            case DOCKER -> docker(request, volume.name(), volume.dockerVolumeConfiguration().orElseThrow());
            case BIND_MOUNT -> new Source(volume.host().flatMap(h -> h.sourcePath()).orElseThrow(), true);
            case EFS -> efs(volume.efsVolumeConfiguration().orElseThrow());
            default -> throw new BerthException("volume '" + volume.name() + "' is of a kind the Docker backend"
                    + " cannot provide (" + volume.kind() + ")");
        };
    }

    private Source docker(EngineTask request, String name, DockerVolumeConfiguration configuration) {
        String driver = configuration.driver().orElse("local");
        if (configuration.scope() == DockerVolumeConfiguration.Scope.TASK) {
            return create(taskVolumeName(request.taskId(), name), taskLabels(request, configuration.labels()),
                    driver, configuration.driverOpts());
        }
        if (exists(name)) {
            return new Source(name, false);
        }
        if (!configuration.autoprovision()) {
            throw new ResourceNotFoundException("volume '" + name + "' (dockerVolumeConfiguration, scope shared)"
                    + " does not exist on the Docker engine and autoprovision is false: create it with `docker"
                    + " volume create " + name + "` or set autoprovision to true");
        }
        return create(name, configuration.labels(), driver, configuration.driverOpts());
    }

    private Source efs(EfsVolumeConfiguration efs) {
        String root = efs.effectiveRootDirectory();
        String mapped = efsDirectories.get(efs.fileSystemId());
        if (mapped != null) {
            String path = root.equals("/") ? mapped : mapped.replaceAll("/+$", "") + "/" + root.replaceAll("^/+", "");
            return new Source(path, true);
        }
        String name = "berth-efs-" + efs.fileSystemId() + (root.equals("/") ? "" : "-" + shortHash(root));
        return exists(name) ? new Source(name, false)
                : create(name, Map.of(EFS_LABEL, efs.fileSystemId() + ":" + root), "local", Map.of());
    }

    /**
     * Creates the task's own volume for its FireLens router's socket directory.
     *
     * @param request the task
     * @return the volume's directory on the engine's host, where the router's socket appears
     */
    String createFirelensSocket(EngineTask request) {
        String name = FirelensRouting.socketVolumeName(request.taskId());
        create(name, taskLabels(request, Map.of()), "local", Map.of());
        return clients.call("inspect volume " + name, () -> clients.calls().inspectVolumeCmd(name).exec())
                .getMountpoint();
    }

    /**
     * @param container a container of the task
     * @param sources the task's volume sources
     * @return the container's mount points as Docker binds
     */
    static List<Bind> binds(ContainerDefinition container, Map<String, Source> sources) {
        return container.mountPoints().stream().map(m -> bind(m, sources.get(m.sourceVolume()))).toList();
    }

    private static Bind bind(MountPoint mount, Source source) {
        return new Bind(source.name(), new com.github.dockerjava.api.model.Volume(mount.containerPath()),
                mount.readOnly() ? AccessMode.ro : AccessMode.rw);
    }

    /**
     * Removes the volumes of the task's own; volumes still in use (a container not yet removed) stay for the next
     * removal.
     *
     * @param taskId the task
     */
    void removeTaskScoped(String taskId) {
        List<InspectVolumeResponse> volumes = clients.call("list volumes of task " + taskId, () -> {
            List<InspectVolumeResponse> listed = clients.calls().listVolumesCmd()
                    .withFilter("label", List.of(Labels.filter(Labels.TASK, taskId),
                            Labels.filter(VOLUME_LABEL, "task")))
                    .exec().getVolumes();
            return listed == null ? List.of() : listed;
        });
        for (InspectVolumeResponse v : volumes) {
            try {
                clients.run("remove volume " + v.getName(), () -> clients.calls().removeVolumeCmd(v.getName()).exec());
            } catch (ResourceNotFoundException gone) {
                // removed meanwhile: the goal is reached
            }
        }
    }

    /** @return the engine volume of a task's own volume, {@code berth-<task>-<volume>} */
    static String taskVolumeName(String taskId, String volumeName) {
        return "berth-" + taskId + "-" + volumeName;
    }

    private boolean exists(String name) {
        try {
            clients.run("inspect volume " + name, () -> clients.calls().inspectVolumeCmd(name).exec());
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /** Creating a volume that exists with the same driver is no error: the engine returns it. */
    private Source create(String name, Map<String, String> labels, String driver, Map<String, String> options) {
        clients.run("create volume " + name, () -> clients.calls().createVolumeCmd().withName(name)
                .withDriver(driver).withDriverOpts(options).withLabels(labels).exec());
        return new Source(name, false);
    }

    private static Map<String, String> taskLabels(EngineTask request, Map<String, String> own) {
        Map<String, String> labels = new LinkedHashMap<>(own);
        labels.putAll(Labels.forTask(request));
        labels.put(VOLUME_LABEL, "task");
        return labels;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
