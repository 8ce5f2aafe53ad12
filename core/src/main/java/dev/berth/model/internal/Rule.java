package dev.berth.model.internal;

import java.util.Locale;

/**
 * Every registration rule Berth checks, with its stable id and the message template of its problem.
 *
 * <p>Ids name the field and the kind of breakage. Task-level fields use their bare name ({@code cpu.range}),
 * a container's own fields are prefixed {@code container.} ({@code container.memory.required}), parts of a
 * container use the part's JSON name ({@code healthCheck.interval.range}, {@code dependsOn.cycle}), and rules
 * that only apply when FARGATE is required start with {@code fargate.}. Ids never change once released; users
 * may match on them.
 *
 * <p>Where ECS has its own error text the template is that text, unchanged (as RegisterTaskDefinition returns it).
 * Otherwise the
 * message names the field and the fix. Templates use {@link String#format} placeholders.
 */
public enum Rule {
    // task definition
    /** Rule {@code family.pattern}. */
    FAMILY_PATTERN("family.pattern",
            "family must be 1 to 255 letters, digits, underscores (_) or hyphens (-)."),
    /** Rule {@code containerDefinitions.empty}. */
    CONTAINERS_EMPTY("containerDefinitions.empty", "Container list cannot be empty."),
    /** Rule {@code containerDefinitions.tooMany}. */
    CONTAINERS_TOO_MANY("containerDefinitions.tooMany",
            "containerDefinitions holds %d containers, at most 10 are allowed; split the task definition."),
    /** Rule {@code containerDefinitions.essential}. */
    ESSENTIAL_MISSING("containerDefinitions.essential", "Task definition doesn't have any essential container."),

    // container definition: own fields
    /** Rule {@code container.name.empty}. */
    NAME_EMPTY("container.name.empty", "Container.name should not be null or empty."),
    /** Rule {@code container.name.pattern}. */
    NAME_PATTERN("container.name.pattern",
            "name must be 1 to 255 letters, digits, underscores (_) or hyphens (-)."),
    /** Rule {@code container.name.duplicate}. */
    NAME_DUPLICATE("container.name.duplicate",
            "name '%s' is already used by containerDefinitions[%d]; container names must be unique."),
    /** Rule {@code container.image.empty}. */
    IMAGE_EMPTY("container.image.empty", "Container.image should not be null or empty."),
    /** Rule {@code container.image.tooLong}. */
    IMAGE_TOO_LONG("container.image.tooLong",
            "image has %d characters before '@'; at most 255 are allowed."),
    /** Rule {@code container.image.characters}; the last argument is a hint, or empty. */
    IMAGE_CHARACTERS("container.image.characters",
            "image may only contain letters, digits, hyphens, underscores, colons, periods, forward slashes and"
                    + " number signs, and '@' before a digest; %s at position %d is none of these.%s"),
    /** Rule {@code container.image.digest}. */
    IMAGE_DIGEST("container.image.digest",
            "the digest after '@' in image must be 'sha256:' followed by 64 lowercase hexadecimal digits."),
    /** Rule {@code container.cpu.negative}. */
    CPU_NEGATIVE("container.cpu.negative", "cpu must be 0 or more CPU units."),
    /** Rule {@code container.memory.required}. */
    MEMORY_REQUIRED("container.memory.required",
            "Invalid setting for container '%s'. At least one of 'memory' or 'memoryReservation' must be specified."),
    /** Rule {@code container.memory.minimum}. */
    MEMORY_MINIMUM("container.memory.minimum",
            "memory must be at least 6 MiB, the smallest limit Docker accepts."),
    /** Rule {@code container.memory.reservation}. */
    MEMORY_NOT_ABOVE_RESERVATION("container.memory.reservation",
            "memory (%d MiB) must not be less than memoryReservation (%d MiB); raise memory or lower"
                    + " memoryReservation."),
    /** Rule {@code container.memory.exceedsTask}. */
    MEMORY_EXCEEDS_TASK("container.memory.exceedsTask",
            "The 'memory' setting for container '%s' is greater than for the task."),
    /** Rule {@code container.memoryReservation.minimum}. */
    MEMORY_RESERVATION_MINIMUM("container.memoryReservation.minimum",
            "memoryReservation must be at least 1 MiB; omit it to reserve the hard limit."),
    /** Rule {@code container.startTimeout.negative}. */
    START_TIMEOUT_NEGATIVE("container.startTimeout.negative", "startTimeout must be 0 or more seconds."),
    /** Rule {@code container.startTimeout.wholeSeconds}. */
    START_TIMEOUT_WHOLE_SECONDS("container.startTimeout.wholeSeconds",
            "startTimeout must be a whole number of seconds, as ECS takes integer seconds."),
    /** Rule {@code container.stopTimeout.negative}. */
    STOP_TIMEOUT_NEGATIVE("container.stopTimeout.negative", "stopTimeout must be 0 or more seconds."),
    /** Rule {@code container.stopTimeout.wholeSeconds}. */
    STOP_TIMEOUT_WHOLE_SECONDS("container.stopTimeout.wholeSeconds",
            "stopTimeout must be a whole number of seconds, as ECS takes integer seconds."),

    // container definition: parts
    /** Rule {@code portMappings.containerPort.range}. */
    PORT_CONTAINER_PORT_RANGE("portMappings.containerPort.range", "containerPort must be between 1 and 65535."),
    /** Rule {@code portMappings.hostPort.range}. */
    PORT_HOST_PORT_RANGE("portMappings.hostPort.range",
            "hostPort must be between 1 and 65535, or 0 for a dynamic port."),
    /** Rule {@code portMappings.networkModeNone}. */
    PORTS_WITH_NETWORK_MODE_NONE("portMappings.networkModeNone",
            "portMappings are not allowed with networkMode 'none'; remove them or choose another network mode."),
    /** Rule {@code portMappings.hostPort.networkMode}. */
    PORT_HOST_PORT_NETWORK_MODE("portMappings.hostPort.networkMode",
            "with networkMode '%s', hostPort must be omitted (0) or equal containerPort %d."),
    /** Rule {@code portMappings.protocol.conflict}. */
    PORT_PROTOCOL_CONFLICT("portMappings.protocol.conflict",
            "containerPort %d is already exposed for %s by portMappings[%d]; a container port may be exposed"
                    + " for one protocol only."),
    /** Rule {@code portMappings.name.pattern}. */
    PORT_NAME_PATTERN("portMappings.name.pattern",
            "name must be 1 to 64 lowercase letters, digits, underscores (_) or hyphens (-), not starting with a"
                    + " hyphen."),
    /** Rule {@code portMappings.hostPort.duplicate}. */
    PORT_HOST_PORT_DUPLICATE("portMappings.hostPort.duplicate",
            "host port %d/%s is already taken by %s; a task can use a static host port once only, or it could"
                    + " never be placed."),
    /** Rule {@code environment.name.empty}. */
    ENVIRONMENT_NAME_EMPTY("environment.name.empty", "an environment variable needs a non-empty name."),
    /** Rule {@code environment.name.duplicate}. */
    ENVIRONMENT_NAME_DUPLICATE("environment.name.duplicate",
            "environment variable '%s' is set twice in this container; keep one."),
    /** Rule {@code secrets.name.empty}. */
    SECRET_NAME_EMPTY("secrets.name.empty", "a secret needs a non-empty name."),
    /** Rule {@code secrets.name.duplicate}. */
    SECRET_NAME_DUPLICATE("secrets.name.duplicate",
            "secret '%s' has the name of another environment variable or secret of this container; keep one."),
    /** Rule {@code secrets.valueFrom.empty}. */
    SECRET_VALUE_FROM_EMPTY("secrets.valueFrom.empty",
            "secret '%s' needs a valueFrom: the ARN or name of the secret or parameter to read."),
    /** Rule {@code healthCheck.command.empty}. */
    HEALTH_CHECK_COMMAND_EMPTY("healthCheck.command.empty",
            "healthCheck.command must not be empty; use [\"CMD\", executable, args...] or"
                    + " [\"CMD-SHELL\", command]."),
    /** Rule {@code healthCheck.command.type}. */
    HEALTH_CHECK_COMMAND_TYPE("healthCheck.command.type",
            "healthCheck.command must start with CMD or CMD-SHELL; was '%s'."),
    /** Rule {@code healthCheck.interval.range}. */
    HEALTH_CHECK_INTERVAL_RANGE("healthCheck.interval.range",
            "healthCheck.interval must be between 5 and 300 seconds."),
    /** Rule {@code healthCheck.interval.wholeSeconds}. */
    HEALTH_CHECK_INTERVAL_WHOLE_SECONDS("healthCheck.interval.wholeSeconds",
            "healthCheck.interval must be a whole number of seconds, as ECS takes integer seconds."),
    /** Rule {@code healthCheck.timeout.range}. */
    HEALTH_CHECK_TIMEOUT_RANGE("healthCheck.timeout.range",
            "healthCheck.timeout must be between 2 and 60 seconds."),
    /** Rule {@code healthCheck.timeout.wholeSeconds}. */
    HEALTH_CHECK_TIMEOUT_WHOLE_SECONDS("healthCheck.timeout.wholeSeconds",
            "healthCheck.timeout must be a whole number of seconds, as ECS takes integer seconds."),
    /** Rule {@code healthCheck.retries.range}. */
    HEALTH_CHECK_RETRIES_RANGE("healthCheck.retries.range", "healthCheck.retries must be between 1 and 10."),
    /** Rule {@code healthCheck.startPeriod.range}. */
    HEALTH_CHECK_START_PERIOD_RANGE("healthCheck.startPeriod.range",
            "healthCheck.startPeriod must be between 0 and 300 seconds."),
    /** Rule {@code healthCheck.startPeriod.wholeSeconds}. */
    HEALTH_CHECK_START_PERIOD_WHOLE_SECONDS("healthCheck.startPeriod.wholeSeconds",
            "healthCheck.startPeriod must be a whole number of seconds, as ECS takes integer seconds."),
    /** Rule {@code dependsOn.containerName.unknown}. */
    DEPENDENCY_UNKNOWN("dependsOn.containerName.unknown",
            "dependsOn names container '%s', which is not in this task definition."),
    /** Rule {@code dependsOn.containerName.self}. */
    DEPENDENCY_ON_ITSELF("dependsOn.containerName.self",
            "a container cannot depend on itself; remove this dependency."),
    /** Rule {@code dependsOn.condition.essential}. */
    DEPENDENCY_ON_ESSENTIAL("dependsOn.condition.essential",
            "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container"),
    /** Rule {@code dependsOn.condition.healthCheck}. */
    DEPENDENCY_HEALTHY_WITHOUT_CHECK("dependsOn.condition.healthCheck",
            "condition HEALTHY needs a healthCheck on container '%s'; add one or use condition START."),
    /** Rule {@code dependsOn.cycle}. */
    DEPENDENCY_CYCLE("dependsOn.cycle",
            "containers depend on each other in a cycle: %s; remove one of these dependencies."),
    /** Rule {@code restartPolicy.ignoredExitCodes.tooMany}. */
    RESTART_EXIT_CODES_TOO_MANY("restartPolicy.ignoredExitCodes.tooMany",
            "restartPolicy.ignoredExitCodes holds %d exit codes; at most 50 are allowed."),
    /** Rule {@code restartPolicy.restartAttemptPeriod.range}. */
    RESTART_PERIOD_RANGE("restartPolicy.restartAttemptPeriod.range",
            "restartPolicy.restartAttemptPeriod must be between 60 and 1800 seconds."),
    /** Rule {@code restartPolicy.restartAttemptPeriod.wholeSeconds}. */
    RESTART_PERIOD_WHOLE_SECONDS("restartPolicy.restartAttemptPeriod.wholeSeconds",
            "restartPolicy.restartAttemptPeriod must be a whole number of seconds, as ECS takes integer seconds."),
    /** Rule {@code links.networkMode}. */
    LINKS_NETWORK_MODE("links.networkMode",
            "links are only supported with networkMode 'bridge', not '%s'; remove them (in awsvpc and host mode"
                    + " the containers of a task reach each other on localhost)."),
    /** Rule {@code links.format}. */
    LINK_FORMAT("links.format",
            "a link must be 'name' or 'name:alias', each 1 to 255 letters, digits, underscores or hyphens."),
    /** Rule {@code links.target}. */
    LINK_TARGET("links.target",
            "link names container '%s', which is not another container of this task definition."),
    /** Rule {@code logConfiguration.logDriver.unknown}. */
    LOG_DRIVER_UNKNOWN("logConfiguration.logDriver.unknown",
            "logDriver must be one of json-file, syslog, journald, gelf, fluentd, awslogs, splunk, awsfirelens."),
    /** Rule {@code mountPoints.sourceVolume.empty}. */
    MOUNT_SOURCE_VOLUME_EMPTY("mountPoints.sourceVolume.empty",
            "a mount point needs a sourceVolume: the name of one of the task definition's volumes."),
    /** Rule {@code mountPoints.sourceVolume.unknown}. */
    MOUNT_SOURCE_VOLUME_UNKNOWN("mountPoints.sourceVolume.unknown", "Unknown volume '%s'."),
    /** Rule {@code mountPoints.containerPath.absolute}. */
    MOUNT_CONTAINER_PATH_ABSOLUTE("mountPoints.containerPath.absolute",
            "containerPath must be an absolute path such as /data (or C:\\data in a Windows container); Docker"
                    + " refuses other mount paths."),
    /** Rule {@code mountPoints.containerPath.duplicate}. */
    MOUNT_CONTAINER_PATH_DUPLICATE("mountPoints.containerPath.duplicate",
            "containerPath '%s' is already mounted by %s; a path of a container can be mounted once."),
    /** Rule {@code volumesFrom.sourceContainer.unknown}. */
    VOLUMES_FROM_UNKNOWN("volumesFrom.sourceContainer.unknown",
            "volumesFrom names container '%s', which is not another container of this task definition."),
    /** Rule {@code linuxParameters.capabilities.unknown}. */
    CAPABILITY_UNKNOWN("linuxParameters.capabilities.unknown",
            "'%s' is not a kernel capability ECS accepts; use a name such as NET_ADMIN or SYS_PTRACE (without"
                    + " CAP_, in capitals), or ALL."),
    /** Rule {@code linuxParameters.devices.hostPath.empty}. */
    DEVICE_HOST_PATH_EMPTY("linuxParameters.devices.hostPath.empty",
            "a device needs a hostPath, the device on the container instance, such as /dev/fuse."),
    /** Rule {@code linuxParameters.size.range}. */
    LINUX_SIZE_RANGE("linuxParameters.size.range", "%s must be %s."),
    /** Rule {@code linuxParameters.tmpfs.containerPath.absolute}. */
    TMPFS_CONTAINER_PATH_ABSOLUTE("linuxParameters.tmpfs.containerPath.absolute",
            "a tmpfs containerPath must be an absolute path such as /run."),
    /** Rule {@code linuxParameters.tmpfs.mountOptions.unknown}. */
    TMPFS_MOUNT_OPTION_UNKNOWN("linuxParameters.tmpfs.mountOptions.unknown",
            "'%s' is not a tmpfs mount option ECS accepts, such as noexec, nosuid, ro or mode=1777."),
    /** Rule {@code hostname.networkMode}. */
    HOSTNAME_NETWORK_MODE("hostname.networkMode",
            "The hostname parameter is not supported if you're using the awsvpc network mode."),
    /** Rule {@code extraHosts.networkMode}. */
    EXTRA_HOSTS_NETWORK_MODE("extraHosts.networkMode",
            "extraHosts isn't supported for tasks that use the awsvpc network mode; remove it."),
    /** Rule {@code extraHosts.empty}. */
    EXTRA_HOST_EMPTY("extraHosts.empty", "an extraHosts entry needs a hostname and an ipAddress."),
    /** Rule {@code dockerSecurityOptions.format}. */
    SECURITY_OPTION_FORMAT("dockerSecurityOptions.format",
            "'%s' is not a Docker security option ECS accepts: use no-new-privileges, apparmor:PROFILE,"
                    + " label:VALUE or credentialspec:FILE."),
    /** Rule {@code systemControls.namespace.empty}. */
    SYSTEM_CONTROL_NAMESPACE_EMPTY("systemControls.namespace.empty",
            "a system control needs a namespace, the kernel parameter such as net.core.somaxconn."),
    /** Rule {@code environmentFiles.tooMany}. */
    ENVIRONMENT_FILES_TOO_MANY("environmentFiles.tooMany",
            "environmentFiles holds %d files; at most 10 are allowed per container."),
    /** Rule {@code environmentFiles.value.extension}. */
    ENVIRONMENT_FILE_EXTENSION("environmentFiles.value.extension",
            "an environment file must have the .env extension; '%s' has not."),
    /** Rule {@code repositoryCredentials.credentialsParameter.empty}. */
    REPOSITORY_CREDENTIALS_EMPTY("repositoryCredentials.credentialsParameter.empty",
            "repositoryCredentials needs a credentialsParameter: the ARN or name of the secret to log in with."),
    /** Rule {@code resourceRequirements.value}. */
    RESOURCE_REQUIREMENT_VALUE("resourceRequirements.value",
            "the value of a %s requirement is the number needed, a whole number of 1 or more; was '%s'."),
    /** Rule {@code resourceRequirements.inferenceAccelerator.unknown}. */
    RESOURCE_REQUIREMENT_ACCELERATOR("resourceRequirements.inferenceAccelerator.unknown",
            "the InferenceAccelerator requirement names '%s', which is not the deviceName of one of the task's"
                    + " inferenceAccelerators."),
    /** Rule {@code resourceRequirements.type.duplicate}. */
    RESOURCE_REQUIREMENT_DUPLICATE("resourceRequirements.type.duplicate",
            "resourceRequirements holds %s twice; give one requirement per type."),
    /** Rule {@code firelensConfiguration.duplicate}. */
    FIRELENS_DUPLICATE("firelensConfiguration.duplicate",
            "containerDefinitions[%d] is already the task's FireLens log router; a task has at most one."),
    /** Rule {@code firelensConfiguration.options}. */
    FIRELENS_OPTIONS("firelensConfiguration.options", "%s"),
    /** Rule {@code logConfiguration.awsfirelens.router}. */
    FIRELENS_ROUTER_MISSING("logConfiguration.awsfirelens.router",
            "the awsfirelens log driver sends logs to the task's FireLens log router, and this task has none: give"
                    + " one container a firelensConfiguration."),
    /** Rule {@code credentialSpecs.format}. */
    CREDENTIAL_SPEC_FORMAT("credentialSpecs.format",
            "a credential spec must start with credentialspec: or credentialspecdomainless:; was '%s'."),
    /** Rule {@code portMappings.containerPortRange.format}. */
    PORT_RANGE_FORMAT("portMappings.containerPortRange.format",
            "containerPortRange must be two ports from 1 to 65535 with a hyphen between them, the first lower"
                    + " than the last, such as 8000-8010; was '%s'."),
    /** Rule {@code portMappings.containerPortRange.withPort}. */
    PORT_RANGE_WITH_PORT("portMappings.containerPortRange.withPort",
            "a port mapping has either a containerPort or a containerPortRange; with a range, leave containerPort"
                    + " and hostPort out (the host ports are assigned)."),
    /** Rule {@code portMappings.containerPortRange.networkMode}. */
    PORT_RANGE_NETWORK_MODE("portMappings.containerPortRange.networkMode",
            "containerPortRange needs networkMode bridge or awsvpc, not '%s'."),
    /** Rule {@code portMappings.containerPortRange.tooMany}. */
    PORT_RANGE_TOO_MANY("portMappings.containerPortRange.tooMany",
            "this container has %d port ranges; at most 100 are allowed."),
    /** Rule {@code portMappings.containerPortRange.overlap}. */
    PORT_RANGE_OVERLAP("portMappings.containerPortRange.overlap",
            "ports %s are already mapped by %s; a port may be in one port mapping of a container only."),
    /** Rule {@code ulimits.name.unknown}. */
    ULIMIT_NAME_UNKNOWN("ulimits.name.unknown",
            "ulimit name must be one of core, cpu, data, fsize, locks, memlock, msgqueue, nice, nofile, nproc,"
                    + " rss, rtprio, rttime, sigpending, stack."),
    /** Rule {@code ulimits.softLimit.exceedsHard}. */
    ULIMIT_SOFT_ABOVE_HARD("ulimits.softLimit.exceedsHard",
            "ulimit softLimit (%d) must not be greater than hardLimit (%d)."),

    // task size
    /** Rule {@code cpu.range}. */
    CPU_RANGE("cpu.range", "task cpu must be between 128 and 196608 CPU units."),
    /** Rule {@code cpu.containerSum}. */
    CPU_BELOW_CONTAINER_SUM("cpu.containerSum",
            "the containers reserve %d CPU units together, more than the task cpu; raise the task cpu or lower"
                    + " the containers' cpu."),
    /** Rule {@code memory.minimum}. */
    MEMORY_TASK_MINIMUM("memory.minimum", "task memory must be at least 6 MiB."),
    /** Rule {@code memory.containerSum}. */
    MEMORY_BELOW_CONTAINER_SUM("memory.containerSum",
            "the containers' memory limits add up to %d MiB, more than the task memory; raise the task memory or"
                    + " lower the containers' memory."),

    // Fargate
    /** Rule {@code fargate.cpu.required}. */
    FARGATE_CPU_REQUIRED("fargate.cpu.required", "Fargate requires that 'cpu' be defined at the task level."),
    /** Rule {@code fargate.memory.required}. */
    FARGATE_MEMORY_REQUIRED("fargate.memory.required",
            "Fargate requires that 'memory' be defined at the task level."),
    /** Rule {@code fargate.size}. */
    FARGATE_SIZE("fargate.size",
            "No Fargate configuration exists for given values: %s CPU, %s memory."
                    + " See the Amazon ECS documentation for the valid values."),
    /** Rule {@code fargate.networkMode}. */
    FARGATE_NETWORK_MODE("fargate.networkMode", "Fargate only supports network mode \u2018awsvpc\u2019."
            + " networkMode is '%s'; set it to awsvpc."),
    /** Rule {@code fargate.pidMode}. */
    FARGATE_PID_MODE("fargate.pidMode", "Fargate only supports pidMode 'task'; remove pidMode or set it to task."),
    /** Rule {@code fargate.ipcMode}. */
    FARGATE_IPC_MODE("fargate.ipcMode", "Tasks using the Fargate launch type do not support ipcMode."),
    /** Rule {@code fargate.logDriver}. */
    FARGATE_LOG_DRIVER("fargate.logDriver",
            "Fargate only supports the log drivers awslogs, splunk and awsfirelens; was '%s'."),
    /** Rule {@code fargate.startTimeout.range}. */
    FARGATE_START_TIMEOUT_RANGE("fargate.startTimeout.range",
            "on Fargate, startTimeout must be between 2 and 120 seconds."),
    /** Rule {@code fargate.stopTimeout.range}. */
    FARGATE_STOP_TIMEOUT_RANGE("fargate.stopTimeout.range",
            "on Fargate, stopTimeout must be between 2 and 120 seconds."),

    /** Rule {@code fargate.volumes.sourcePath}. */
    FARGATE_SOURCE_PATH("fargate.volumes.sourcePath", "Fargate compatible task definitions do not support sourcePath"),
    /** Rule {@code fargate.volumes.configuration}. */
    FARGATE_VOLUME_CONFIGURATION("fargate.volumes.configuration",
            "Fargate does not support %s volumes; use a volume without configuration (task storage) or EFS."),
    /** Rule {@code fargate.privileged}. */
    FARGATE_PRIVILEGED("fargate.privileged", "privileged containers are not supported on Fargate; remove it."),
    /** Rule {@code fargate.linuxParameters}. */
    FARGATE_LINUX_PARAMETER("fargate.linuxParameters", "%s is not supported on Fargate; remove it."),
    /** Rule {@code fargate.linuxParameters.capabilities.add}. */
    FARGATE_CAPABILITY_ADD("fargate.linuxParameters.capabilities.add",
            "Tasks launched on Fargate only support adding the SYS_PTRACE kernel capability; was '%s'."),
    /** Rule {@code fargate.resourceRequirements}. */
    FARGATE_RESOURCE_REQUIREMENT("fargate.resourceRequirements",
            "%s resource requirements are not supported on Fargate; remove it."),
    /** Rule {@code fargate.inferenceAccelerators}. */
    FARGATE_INFERENCE_ACCELERATORS("fargate.inferenceAccelerators",
            "Elastic Inference accelerators are not supported on Fargate; remove inferenceAccelerators."),

    // volumes
    /** Rule {@code volumes.name.pattern}. */
    VOLUME_NAME_PATTERN("volumes.name.pattern",
            "a volume name must be 1 to 255 letters, digits, underscores (_) or hyphens (-)."),
    /** Rule {@code volumes.name.duplicate}. */
    VOLUME_NAME_DUPLICATE("volumes.name.duplicate",
            "volume name '%s' is already used by volumes[%d]; volume names must be unique."),
    /** Rule {@code volumes.configuration.multiple}. */
    VOLUME_CONFIGURATIONS("volumes.configuration.multiple",
            "a volume carries at most one of host, dockerVolumeConfiguration, efsVolumeConfiguration,"
                    + " fsxWindowsFileServerVolumeConfiguration, s3filesVolumeConfiguration and configuredAtLaunch;"
                    + " this one carries %s."),
    /** Rule {@code volumes.host.sourcePath.blank}. */
    VOLUME_SOURCE_PATH_BLANK("volumes.host.sourcePath.blank", "host.sourcePath should not be blank."),
    /** Rule {@code volumes.configuration.required}. */
    VOLUME_FIELD_REQUIRED("volumes.configuration.required", "%s is required; add it."),
    /** Rule {@code volumes.efs.transitEncryption}. */
    EFS_TRANSIT_ENCRYPTION("volumes.efs.transitEncryption",
            "transitEncryption must be ENABLED when an access point or IAM authorization is used."),
    /** Rule {@code volumes.efs.rootDirectory.accessPoint}. */
    EFS_ROOT_WITH_ACCESS_POINT("volumes.efs.rootDirectory.accessPoint",
            "with an access point, rootDirectory must be omitted or '/': the access point's path is the root."),
    /** Rule {@code volumes.port.range}. */
    VOLUME_PORT_RANGE("volumes.port.range", "transitEncryptionPort must be between 1 and 65535."),

    // other task-level fields
    /** Rule {@code ephemeralStorage.sizeInGiB.range}. */
    EPHEMERAL_STORAGE_RANGE("ephemeralStorage.sizeInGiB.range",
            "ephemeralStorage.sizeInGiB must be between 21 and 200."),
    /** Rule {@code proxyConfiguration.containerName.unknown}. */
    PROXY_CONTAINER_UNKNOWN("proxyConfiguration.containerName.unknown",
            "proxyConfiguration names container '%s', which is not in this task definition."),
    /** Rule {@code proxyConfiguration.networkMode}. */
    PROXY_NETWORK_MODE("proxyConfiguration.networkMode",
            "proxyConfiguration needs networkMode awsvpc, not '%s'."),
    /** Rule {@code inferenceAccelerators.deviceName.duplicate}. */
    ACCELERATOR_NAME_DUPLICATE("inferenceAccelerators.deviceName.duplicate",
            "deviceName '%s' is already used by inferenceAccelerators[%d]; device names must be unique."),
    /** Rule {@code inferenceAccelerators.empty}. */
    ACCELERATOR_EMPTY("inferenceAccelerators.empty", "an inference accelerator needs a deviceName and a deviceType."),
    /** Rule {@code runtimePlatform.cpuArchitecture.windows}. */
    RUNTIME_PLATFORM_ARM_WINDOWS("runtimePlatform.cpuArchitecture.windows",
            "ARM64 is only available with operatingSystemFamily LINUX, not %s."),
    /** Rule {@code pidMode.value}. */
    PID_MODE_VALUE("pidMode.value", "pidMode must be 'host' or 'task'."),
    /** Rule {@code ipcMode.value}. */
    IPC_MODE_VALUE("ipcMode.value", "ipcMode must be 'host', 'task' or 'none'."),
    /** Rule {@code placementConstraints.tooMany}. */
    PLACEMENT_TOO_MANY("placementConstraints.tooMany",
            "placementConstraints holds %d constraints; at most 10 are allowed."),
    /** Rule {@code placementConstraints.type}. */
    PLACEMENT_TYPE("placementConstraints.type",
            "a task definition may only hold memberOf constraints; give distinctInstance to the service or"
                    + " RunTask instead."),
    /** Rule {@code placementConstraints.expression.empty}. */
    PLACEMENT_EXPRESSION_EMPTY("placementConstraints.expression.empty",
            "a memberOf constraint needs a cluster query expression, e.g. attribute:ecs.instance-type =~ t2.*"),
    /** Rule {@code placementConstraints.expression.tooLong}. */
    PLACEMENT_EXPRESSION_TOO_LONG("placementConstraints.expression.tooLong",
            "expression has %d characters; at most 2000 are allowed."),
    /** Rule {@code tags.tooMany}. */
    TAGS_TOO_MANY("tags.tooMany", "tags holds %d tags; at most 50 are allowed."),
    /** Rule {@code tags.key.length}. */
    TAG_KEY_LENGTH("tags.key.length", "a tag key must be 1 to 128 characters long."),
    /** Rule {@code tags.key.duplicate}. */
    TAG_KEY_DUPLICATE("tags.key.duplicate", "tag key '%s' is used twice; tag keys must be unique."),
    /** Rule {@code tags.value.length}. */
    TAG_VALUE_LENGTH("tags.value.length", "a tag value must be at most 256 characters long.");

    private final String id;
    private final String template;

    Rule(String id, String template) {
        this.id = id;
        this.template = template;
    }

    /** @return the stable id, as in {@link dev.berth.exception.SpecProblem#rule()} */
    public String id() {
        return id;
    }

    /**
     * @param arguments values for the template's placeholders
     * @return the problem's message
     */
    public String message(Object... arguments) {
        return String.format(Locale.ROOT, template, arguments);
    }
}
