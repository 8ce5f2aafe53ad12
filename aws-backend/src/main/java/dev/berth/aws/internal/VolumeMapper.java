package dev.berth.aws.internal;

import static dev.berth.aws.internal.ContainerDefinitionMapper.optionalInt;
import static dev.berth.aws.internal.ContainerDefinitionMapper.trueOrNull;

import dev.berth.model.DockerVolumeConfiguration;
import dev.berth.model.EfsVolumeConfiguration;
import dev.berth.model.FsxWindowsFileServerVolumeConfiguration;
import dev.berth.model.HostVolume;
import dev.berth.model.S3FilesVolumeConfiguration;
import dev.berth.model.Volume;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.EFSAuthorizationConfig;
import software.amazon.awssdk.services.ecs.model.EFSVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.FSxWindowsFileServerAuthorizationConfig;
import software.amazon.awssdk.services.ecs.model.HostVolumeProperties;

/** A task volume to the SDK's and back, every kind; absent values are left unset. */
final class VolumeMapper {

    private static final String ENABLED = "ENABLED";

    private VolumeMapper() {
    }

    static software.amazon.awssdk.services.ecs.model.Volume toSdk(Volume v) {
        var b = software.amazon.awssdk.services.ecs.model.Volume.builder().name(v.name());
        v.host().ifPresent(h -> b.host(HostVolumeProperties.builder().sourcePath(h.sourcePath().orElse(null))
                .build()));
        v.dockerVolumeConfiguration().ifPresent(d -> b.dockerVolumeConfiguration(
                software.amazon.awssdk.services.ecs.model.DockerVolumeConfiguration.builder()
                        .scope(d.scope().ecsName())
                        .autoprovision(trueOrNull(d.autoprovision()))
                        .driver(d.driver().orElse(null))
                        .driverOpts(d.driverOpts().isEmpty() ? null : d.driverOpts())
                        .labels(d.labels().isEmpty() ? null : d.labels())
                        .build()));
        v.efsVolumeConfiguration().ifPresent(e -> b.efsVolumeConfiguration(toSdk(e)));
        v.fsxWindowsFileServerVolumeConfiguration().ifPresent(f -> b.fsxWindowsFileServerVolumeConfiguration(
                software.amazon.awssdk.services.ecs.model.FSxWindowsFileServerVolumeConfiguration.builder()
                        .fileSystemId(f.fileSystemId()).rootDirectory(f.rootDirectory())
                        .authorizationConfig(FSxWindowsFileServerAuthorizationConfig.builder()
                                .credentialsParameter(f.credentialsParameter()).domain(f.domain()).build())
                        .build()));
        v.s3filesVolumeConfiguration().ifPresent(s -> b.s3filesVolumeConfiguration(
                software.amazon.awssdk.services.ecs.model.S3FilesVolumeConfiguration.builder()
                        .fileSystemArn(s.fileSystemArn()).rootDirectory(s.rootDirectory().orElse(null))
                        .transitEncryptionPort(s.transitEncryptionPort().isPresent()
                                ? s.transitEncryptionPort().getAsInt() : null)
                        .accessPointArn(s.accessPointArn().orElse(null))
                        .build()));
        b.configuredAtLaunch(trueOrNull(v.configuredAtLaunch()));
        return b.build();
    }

    static Volume fromSdk(software.amazon.awssdk.services.ecs.model.Volume v) {
        return new Volume(v.name() == null ? "" : v.name(),
                Optional.ofNullable(v.host()).map(h -> new HostVolume(Optional.ofNullable(h.sourcePath()))),
                Optional.ofNullable(v.dockerVolumeConfiguration()).map(d -> new DockerVolumeConfiguration(
                        d.scopeAsString() == null ? DockerVolumeConfiguration.Scope.TASK
                                : ContainerDefinitionMapper.byEcsName(DockerVolumeConfiguration.Scope.values(),
                                        DockerVolumeConfiguration.Scope::ecsName, d.scopeAsString()),
                        Boolean.TRUE.equals(d.autoprovision()), Optional.ofNullable(d.driver()), d.driverOpts(),
                        d.labels())),
                Optional.ofNullable(v.efsVolumeConfiguration()).map(VolumeMapper::fromSdk),
                Optional.ofNullable(v.fsxWindowsFileServerVolumeConfiguration()).map(f ->
                        new FsxWindowsFileServerVolumeConfiguration(f.fileSystemId(), f.rootDirectory(),
                                f.authorizationConfig().credentialsParameter(), f.authorizationConfig().domain())),
                Optional.ofNullable(v.s3filesVolumeConfiguration()).map(s -> new S3FilesVolumeConfiguration(
                        s.fileSystemArn(), Optional.ofNullable(s.rootDirectory()), optionalInt(s.transitEncryptionPort()),
                        Optional.ofNullable(s.accessPointArn()))),
                Boolean.TRUE.equals(v.configuredAtLaunch()));
    }

    private static EFSVolumeConfiguration toSdk(EfsVolumeConfiguration e) {
        return EFSVolumeConfiguration.builder()
                .fileSystemId(e.fileSystemId())
                .rootDirectory(e.rootDirectory().orElse(null))
                .transitEncryption(e.transitEncryption() ? ENABLED : null)
                .transitEncryptionPort(e.transitEncryptionPort().isPresent() ? e.transitEncryptionPort().getAsInt()
                        : null)
                .authorizationConfig(e.accessPointId().isPresent() || e.iam()
                        ? EFSAuthorizationConfig.builder().accessPointId(e.accessPointId().orElse(null))
                                .iam(e.iam() ? ENABLED : null).build()
                        : null)
                .build();
    }

    private static EfsVolumeConfiguration fromSdk(EFSVolumeConfiguration e) {
        EFSAuthorizationConfig authorization = e.authorizationConfig();
        return new EfsVolumeConfiguration(e.fileSystemId(), Optional.ofNullable(e.rootDirectory()),
                ENABLED.equals(e.transitEncryptionAsString()), optionalInt(e.transitEncryptionPort()),
                Optional.ofNullable(authorization).map(EFSAuthorizationConfig::accessPointId),
                authorization != null && ENABLED.equals(authorization.iamAsString()));
    }
}
