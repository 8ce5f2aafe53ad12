package dev.berth.model.internal;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.MountPoint;
import dev.berth.model.VolumeFrom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ECS's rules for a container's {@code mountPoints} and {@code volumesFrom}: a mount point names a volume of the
 * task definition (ECS's "Unknown volume" otherwise) and a volumes-from entry another container; and Berth's:
 * a mount path is absolute and used once per container, since Docker refuses to create the container otherwise.
 */
final class MountRules {

    /** A Linux absolute path, or a Windows one such as {@code C:\data}. */
    private static final Pattern ABSOLUTE = Pattern.compile("/.*|[A-Za-z]:[\\\\/].*");

    private MountRules() {
    }

    static void check(ValidationContext context, int index, Problems problems) {
        ContainerDefinition container = context.taskDefinition().containerDefinitions().get(index);
        String containerPath = ValidationContext.containerPath(index);
        Map<String, String> mountedBy = new HashMap<>();
        List<MountPoint> mountPoints = container.mountPoints();
        for (int i = 0; i < mountPoints.size(); i++) {
            MountPoint mount = mountPoints.get(i);
            String path = Problems.element(containerPath + ".mountPoints", i);
            if (mount.sourceVolume().isEmpty()) {
                problems.add(path + ".sourceVolume", Rule.MOUNT_SOURCE_VOLUME_EMPTY, "");
            } else if (context.taskDefinition().volume(mount.sourceVolume()).isEmpty()) {
                problems.add(path + ".sourceVolume", Rule.MOUNT_SOURCE_VOLUME_UNKNOWN, mount.sourceVolume(),
                        mount.sourceVolume());
            }
            if (!ABSOLUTE.matcher(mount.containerPath()).matches()) {
                problems.add(path + ".containerPath", Rule.MOUNT_CONTAINER_PATH_ABSOLUTE, mount.containerPath());
            } else {
                String first = mountedBy.putIfAbsent(mount.containerPath(), path);
                if (first != null) {
                    problems.add(path + ".containerPath", Rule.MOUNT_CONTAINER_PATH_DUPLICATE, mount.containerPath(),
                            mount.containerPath(), first);
                }
            }
        }
        List<VolumeFrom> volumesFrom = container.volumesFrom();
        for (int i = 0; i < volumesFrom.size(); i++) {
            String source = volumesFrom.get(i).sourceContainer();
            if (context.indexOf(source).filter(s -> s != index).isEmpty()) {
                problems.add(Problems.element(containerPath + ".volumesFrom", i) + ".sourceContainer",
                        Rule.VOLUMES_FROM_UNKNOWN, source, source);
            }
        }
    }
}
