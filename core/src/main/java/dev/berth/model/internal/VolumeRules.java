package dev.berth.model.internal;

import dev.berth.model.EfsVolumeConfiguration;
import dev.berth.model.FsxWindowsFileServerVolumeConfiguration;
import dev.berth.model.HostVolume;
import dev.berth.model.Volume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * ECS's rules for a task definition's {@code volumes} (API reference: {@code Volume}, {@code HostVolumeProperties},
 * {@code EFSVolumeConfiguration}, {@code EFSAuthorizationConfig}, {@code FSxWindowsFileServerVolumeConfiguration}):
 * names of 1-255 letters, digits, underscores and hyphens, unique; one configuration per volume; a bind mount's
 * path not blank; EFS authorization only with encryption in transit; and Fargate's limits (no {@code sourcePath},
 * no Docker volumes).
 */
final class VolumeRules {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final int MAX_PORT = 65535;

    private VolumeRules() {
    }

    static void check(ValidationContext context, Problems problems) {
        List<Volume> volumes = context.taskDefinition().volumes();
        Map<String, Integer> firstByName = new HashMap<>();
        for (int i = 0; i < volumes.size(); i++) {
            Volume volume = volumes.get(i);
            String path = Problems.element("volumes", i);
            if (!NAME.matcher(volume.name()).matches()) {
                problems.add(path + ".name", Rule.VOLUME_NAME_PATTERN, volume.name());
            } else {
                Integer first = firstByName.putIfAbsent(volume.name(), i);
                if (first != null) {
                    problems.add(path + ".name", Rule.VOLUME_NAME_DUPLICATE, volume.name(), volume.name(), first);
                }
            }
            checkConfiguration(context, path, volume, problems);
        }
    }

    private static void checkConfiguration(ValidationContext context, String path, Volume volume,
                                           Problems problems) {
        if (volume.configurationCount() > 1) {
            String carried = String.join(", ", configurations(volume));
            problems.add(path, Rule.VOLUME_CONFIGURATIONS, carried, carried);
        }
        volume.host().flatMap(HostVolume::sourcePath).ifPresent(sourcePath -> {
            if (sourcePath.isBlank()) {
                problems.add(path + ".host.sourcePath", Rule.VOLUME_SOURCE_PATH_BLANK, sourcePath);
            } else if (context.fargate()) {
                problems.add(path + ".host.sourcePath", Rule.FARGATE_SOURCE_PATH, sourcePath);
            }
        });
        if (context.fargate() && volume.dockerVolumeConfiguration().isPresent()) {
            problems.add(path + ".dockerVolumeConfiguration", Rule.FARGATE_VOLUME_CONFIGURATION, "",
                    "Docker (dockerVolumeConfiguration)");
        }
        volume.efsVolumeConfiguration().ifPresent(efs -> checkEfs(path + ".efsVolumeConfiguration", efs, problems));
        volume.fsxWindowsFileServerVolumeConfiguration().ifPresent(fsx ->
                checkFsx(path + ".fsxWindowsFileServerVolumeConfiguration", fsx, problems));
        volume.s3filesVolumeConfiguration().ifPresent(s3 -> {
            String s3Path = path + ".s3filesVolumeConfiguration";
            required(s3Path + ".fileSystemArn", s3.fileSystemArn(), problems);
            checkPort(s3Path + ".transitEncryptionPort", s3.transitEncryptionPort(), problems);
        });
    }

    private static void checkEfs(String path, EfsVolumeConfiguration efs, Problems problems) {
        required(path + ".fileSystemId", efs.fileSystemId(), problems);
        if ((efs.accessPointId().isPresent() || efs.iam()) && !efs.transitEncryption()) {
            problems.add(path + ".transitEncryption", Rule.EFS_TRANSIT_ENCRYPTION, "DISABLED");
        }
        if (efs.accessPointId().isPresent() && !efs.effectiveRootDirectory().equals("/")) {
            problems.add(path + ".rootDirectory", Rule.EFS_ROOT_WITH_ACCESS_POINT, efs.rootDirectory().orElse(""));
        }
        checkPort(path + ".transitEncryptionPort", efs.transitEncryptionPort(), problems);
    }

    private static void checkFsx(String path, FsxWindowsFileServerVolumeConfiguration fsx, Problems problems) {
        required(path + ".fileSystemId", fsx.fileSystemId(), problems);
        required(path + ".rootDirectory", fsx.rootDirectory(), problems);
        required(path + ".authorizationConfig.credentialsParameter", fsx.credentialsParameter(), problems);
        required(path + ".authorizationConfig.domain", fsx.domain(), problems);
    }

    private static void required(String path, String value, Problems problems) {
        if (value.isBlank()) {
            problems.add(path, Rule.VOLUME_FIELD_REQUIRED, value, path.substring(path.lastIndexOf('.') + 1));
        }
    }

    private static void checkPort(String path, OptionalInt port, Problems problems) {
        if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > MAX_PORT)) {
            problems.add(path, Rule.VOLUME_PORT_RANGE, port.getAsInt());
        }
    }

    private static List<String> configurations(Volume volume) {
        List<String> carried = new ArrayList<>();
        volume.host().ifPresent(h -> carried.add("host"));
        volume.dockerVolumeConfiguration().ifPresent(d -> carried.add("dockerVolumeConfiguration"));
        volume.efsVolumeConfiguration().ifPresent(e -> carried.add("efsVolumeConfiguration"));
        volume.fsxWindowsFileServerVolumeConfiguration().ifPresent(f ->
                carried.add("fsxWindowsFileServerVolumeConfiguration"));
        volume.s3filesVolumeConfiguration().ifPresent(s -> carried.add("s3filesVolumeConfiguration"));
        if (volume.configuredAtLaunch()) {
            carried.add("configuredAtLaunch");
        }
        return carried;
    }
}
