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
    /** Rule {@code container.image.characters}. */
    IMAGE_CHARACTERS("container.image.characters",
            "image may only contain letters, digits, hyphens, underscores, colons, periods, forward slashes and"
                    + " number signs, and '@' before a digest."),
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
            "memory (%d MiB) must be greater than memoryReservation (%d MiB); raise memory or lower"
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
    FARGATE_NETWORK_MODE("fargate.networkMode", "Fargate only supports network mode \u2018awsvpc\u2019."),
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

    // other task-level fields
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
