package dev.berth.internal.json;

import java.util.Set;

/**
 * Every kind of object in ECS's task-definition JSON with its fields, as RegisterTaskDefinition takes them and
 * DescribeTaskDefinition returns them (the API reference's {@code TaskDefinition}, {@code ContainerDefinition},
 * {@code Volume} and their parts, https://docs.aws.amazon.com/AmazonECS/latest/APIReference/).
 */
final class EcsSchemas {

    private static final Schema CONTAINER_FIELDS = Schema.of("container definition",
            "name", "image", "repositoryCredentials", "cpu", "memory", "memoryReservation", "links", "portMappings",
            "essential", "restartPolicy", "entryPoint", "command", "environment", "environmentFiles", "mountPoints",
            "volumesFrom", "linuxParameters", "secrets", "dependsOn", "startTimeout", "stopTimeout",
            "versionConsistency", "hostname", "user", "workingDirectory", "disableNetworking", "privileged",
            "readonlyRootFilesystem", "dnsServers", "dnsSearchDomains", "extraHosts", "dockerSecurityOptions",
            "interactive", "pseudoTerminal", "dockerLabels", "ulimits", "logConfiguration", "healthCheck",
            "systemControls", "resourceRequirements", "firelensConfiguration", "credentialSpecs");
    private static final Schema TASK_FIELDS = Schema.of("task definition",
                    "family", "taskRoleArn", "executionRoleArn", "networkMode", "containerDefinitions", "volumes",
                    "placementConstraints", "requiresCompatibilities", "cpu", "memory", "tags", "pidMode", "ipcMode",
                    "proxyConfiguration", "inferenceAccelerators", "ephemeralStorage", "runtimePlatform",
                    "enableFaultInjection")
            .withReadOnly("taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
                    "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt");

    static final Schema DESCRIBE_OUTPUT = Schema.of("describe-task-definition output", "taskDefinition", "tags");
    static final Schema TASK_DEFINITION = TASK_FIELDS.withMisplaced(CONTAINER_FIELDS.modeled(),
            "is a field of each container definition; move it into the containers of containerDefinitions");
    static final Schema CONTAINER = CONTAINER_FIELDS.withMisplaced(TASK_FIELDS.modeled(),
            "is a task-level field; move it to the top level of the task definition, next to containerDefinitions");

    // task-level parts
    static final Schema VOLUME = Schema.of("volume", "name", "host", "dockerVolumeConfiguration",
            "efsVolumeConfiguration", "fsxWindowsFileServerVolumeConfiguration", "s3filesVolumeConfiguration",
            "configuredAtLaunch");
    static final Schema HOST_VOLUME = Schema.of("host volume", "sourcePath");
    static final Schema DOCKER_VOLUME = Schema.of("Docker volume configuration",
            "scope", "autoprovision", "driver", "driverOpts", "labels");
    static final Schema EFS_VOLUME = Schema.of("EFS volume configuration",
            "fileSystemId", "rootDirectory", "transitEncryption", "transitEncryptionPort", "authorizationConfig");
    static final Schema EFS_AUTHORIZATION = Schema.of("EFS authorization configuration", "accessPointId", "iam");
    static final Schema FSX_VOLUME = Schema.of("FSx for Windows File Server volume configuration",
            "fileSystemId", "rootDirectory", "authorizationConfig");
    static final Schema FSX_AUTHORIZATION = Schema.of("FSx for Windows File Server authorization configuration",
            "credentialsParameter", "domain");
    static final Schema S3_FILES_VOLUME = Schema.of("S3 Files volume configuration",
            "fileSystemArn", "rootDirectory", "transitEncryptionPort", "accessPointArn");
    static final Schema PROXY_CONFIGURATION = Schema.of("proxy configuration", "type", "containerName",
            "properties");
    static final Schema KEY_VALUE = Schema.of("key-value pair", "name", "value");
    static final Schema INFERENCE_ACCELERATOR = Schema.of("inference accelerator", "deviceName", "deviceType");
    static final Schema EPHEMERAL_STORAGE = Schema.of("ephemeral storage", "sizeInGiB");
    static final Schema RUNTIME_PLATFORM = Schema.of("runtime platform", "cpuArchitecture", "operatingSystemFamily");
    static final Schema PLACEMENT_CONSTRAINT = Schema.of("task placement constraint", "type", "expression");
    static final Schema TAG = Schema.of("tag", "key", "value");

    // container parts
    static final Schema PORT_MAPPING = Schema.of("port mapping",
            "containerPort", "hostPort", "protocol", "name", "appProtocol", "containerPortRange");
    static final Schema ENVIRONMENT_VARIABLE = Schema.of("environment variable", "name", "value");
    static final Schema ENVIRONMENT_FILE = Schema.of("environment file", "value", "type");
    static final Schema SECRET = Schema.of("secret", "name", "valueFrom");
    static final Schema REPOSITORY_CREDENTIALS = Schema.of("repository credentials", "credentialsParameter");
    static final Schema HEALTH_CHECK = Schema.of("health check",
            "command", "interval", "timeout", "retries", "startPeriod");
    static final Schema DEPENDENCY = Schema.of("container dependency", "containerName", "condition");
    static final Schema RESTART_POLICY = Schema.of("restart policy",
            "enabled", "ignoredExitCodes", "restartAttemptPeriod");
    static final Schema LOG_CONFIGURATION = Schema.of("log configuration", "logDriver", "options", "secretOptions");
    static final Schema ULIMIT = Schema.of("ulimit", "name", "softLimit", "hardLimit");
    static final Schema MOUNT_POINT = Schema.of("mount point", "sourceVolume", "containerPath", "readOnly");
    static final Schema VOLUME_FROM = Schema.of("volume from", "sourceContainer", "readOnly");
    static final Schema LINUX_PARAMETERS = Schema.of("Linux parameters", "capabilities", "devices",
            "initProcessEnabled", "sharedMemorySize", "tmpfs", "maxSwap", "swappiness");
    static final Schema KERNEL_CAPABILITIES = Schema.of("kernel capabilities", "add", "drop");
    static final Schema DEVICE = Schema.of("device", "hostPath", "containerPath", "permissions");
    static final Schema TMPFS = Schema.of("tmpfs mount", "containerPath", "size", "mountOptions");
    static final Schema HOST_ENTRY = Schema.of("host entry", "hostname", "ipAddress");
    static final Schema SYSTEM_CONTROL = Schema.of("system control", "namespace", "value");
    static final Schema RESOURCE_REQUIREMENT = Schema.of("resource requirement", "value", "type",
            "sharingStrategy");
    static final Schema SHARING_STRATEGY = Schema.of("sharing strategy", "nvidiaMps");
    static final Schema NVIDIA_MPS = Schema.of("NVIDIA MPS allocation", "memory", "maxComputePercent");
    static final Schema FIRELENS_CONFIGURATION = Schema.of("FireLens configuration", "type", "options");

    private EcsSchemas() {
    }
}
