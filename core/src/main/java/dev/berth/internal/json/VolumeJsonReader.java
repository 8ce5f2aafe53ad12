package dev.berth.internal.json;

import static dev.berth.internal.json.EcsSchemas.DOCKER_VOLUME;
import static dev.berth.internal.json.EcsSchemas.EFS_AUTHORIZATION;
import static dev.berth.internal.json.EcsSchemas.EFS_VOLUME;
import static dev.berth.internal.json.EcsSchemas.FSX_AUTHORIZATION;
import static dev.berth.internal.json.EcsSchemas.FSX_VOLUME;
import static dev.berth.internal.json.EcsSchemas.HOST_VOLUME;
import static dev.berth.internal.json.EcsSchemas.S3_FILES_VOLUME;

import dev.berth.model.DockerVolumeConfiguration;
import dev.berth.model.EfsVolumeConfiguration;
import dev.berth.model.FsxWindowsFileServerVolumeConfiguration;
import dev.berth.model.HostVolume;
import dev.berth.model.S3FilesVolumeConfiguration;
import dev.berth.model.Volume;
import java.util.Map;
import java.util.Optional;

/** Reads one volume of ECS's task-definition JSON ({@code volumes[]}), whatever its kind. */
final class VolumeJsonReader {

    private static final Map<String, DockerVolumeConfiguration.Scope> SCOPES =
            EnumNames.byName(DockerVolumeConfiguration.Scope.values(), DockerVolumeConfiguration.Scope::ecsName);

    /** The {@code authorizationConfig} of an EFS volume, which the model keeps in the configuration itself. */
    private record EfsAuthorization(Optional<String> accessPointId, boolean iam) {
    }

    private VolumeJsonReader() {
    }

    /** ECS's API marks no field of a volume required: a missing name is reported by the model's rules. */
    static Optional<Volume> volume(Fields v) {
        return Optional.of(new Volume(v.string("name").orElse(""),
                v.object("host", HOST_VOLUME, h -> Optional.of(new HostVolume(h.string("sourcePath")))),
                v.object("dockerVolumeConfiguration", DOCKER_VOLUME, VolumeJsonReader::docker),
                v.object("efsVolumeConfiguration", EFS_VOLUME, VolumeJsonReader::efs),
                v.object("fsxWindowsFileServerVolumeConfiguration", FSX_VOLUME, VolumeJsonReader::fsx),
                v.object("s3filesVolumeConfiguration", S3_FILES_VOLUME, VolumeJsonReader::s3Files),
                v.bool("configuredAtLaunch").orElse(false)));
    }

    private static Optional<DockerVolumeConfiguration> docker(Fields d) {
        return Optional.of(new DockerVolumeConfiguration(
                d.enumValue("scope", SCOPES).orElse(DockerVolumeConfiguration.Scope.TASK),
                d.bool("autoprovision").orElse(false), d.string("driver"), d.stringMap("driverOpts"),
                d.stringMap("labels")));
    }

    private static Optional<EfsVolumeConfiguration> efs(Fields e) {
        e.require("fileSystemId");
        EfsAuthorization authorization = e.object("authorizationConfig", EFS_AUTHORIZATION, a -> Optional.of(
                        new EfsAuthorization(a.string("accessPointId"),
                                a.enumValue("iam", EnumNames.ENABLED_DISABLED).orElse(false))))
                .orElse(new EfsAuthorization(Optional.empty(), false));
        Optional<String> rootDirectory = e.string("rootDirectory");
        boolean transitEncryption = e.enumValue("transitEncryption", EnumNames.ENABLED_DISABLED).orElse(false);
        var port = e.integer("transitEncryptionPort");
        return e.string("fileSystemId").map(id -> new EfsVolumeConfiguration(id, rootDirectory, transitEncryption,
                port, authorization.accessPointId(), authorization.iam()));
    }

    private static Optional<FsxWindowsFileServerVolumeConfiguration> fsx(Fields f) {
        f.require("fileSystemId", "rootDirectory", "authorizationConfig");
        Optional<String> fileSystemId = f.string("fileSystemId");
        Optional<String> rootDirectory = f.string("rootDirectory");
        return f.object("authorizationConfig", FSX_AUTHORIZATION, a -> {
            a.require("credentialsParameter", "domain");
            Optional<String> domain = a.string("domain");
            return a.string("credentialsParameter").flatMap(credentials -> domain.flatMap(d -> fileSystemId.flatMap(
                    id -> rootDirectory.map(root -> new FsxWindowsFileServerVolumeConfiguration(id, root, credentials,
                            d)))));
        });
    }

    private static Optional<S3FilesVolumeConfiguration> s3Files(Fields s) {
        s.require("fileSystemArn");
        Optional<String> rootDirectory = s.string("rootDirectory");
        var port = s.integer("transitEncryptionPort");
        Optional<String> accessPointArn = s.string("accessPointArn");
        return s.string("fileSystemArn").map(arn -> new S3FilesVolumeConfiguration(arn, rootDirectory, port,
                accessPointArn));
    }
}
