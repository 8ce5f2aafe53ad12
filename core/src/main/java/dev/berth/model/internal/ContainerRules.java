package dev.berth.model.internal;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.EnvironmentVariable;
import dev.berth.model.LogConfiguration;
import dev.berth.model.NetworkMode;
import dev.berth.model.RestartPolicy;
import dev.berth.model.Secret;
import dev.berth.model.Ulimit;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ECS's rules for one container definition
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html), checked in the order of its
 * fields. Image, port, health-check, dependency, mount and Docker-option rules are delegated to their own classes.
 */
final class ContainerRules {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern LINK = Pattern.compile("([A-Za-z0-9_-]{1,255})(:[A-Za-z0-9_-]{1,255})?");
    private static final int MIN_MEMORY_MIB = 6;
    private static final int MAX_IGNORED_EXIT_CODES = 50;
    private static final Set<String> LOG_DRIVERS =
            Set.of("json-file", "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "awsfirelens");
    private static final Set<String> FARGATE_LOG_DRIVERS = Set.of("awslogs", "splunk", "awsfirelens");
    private static final Set<String> ULIMIT_NAMES = Set.of("core", "cpu", "data", "fsize", "locks", "memlock",
            "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    private final ValidationContext context;
    private final PortMappingRules portMappingRules;
    private final ContainerOptionRules optionRules;
    private final Problems problems;

    ContainerRules(ValidationContext context, PortMappingRules portMappingRules, Problems problems) {
        this.context = context;
        this.portMappingRules = portMappingRules;
        this.optionRules = new ContainerOptionRules(context, problems);
        this.problems = problems;
    }

    void check(int index) {
        ContainerDefinition container = context.taskDefinition().containerDefinitions().get(index);
        String path = ValidationContext.containerPath(index);
        checkName(path, index, container.name());
        ImageRules.check(path + ".image", container.image(), problems);
        if (container.cpu() < 0) {
            problems.add(path + ".cpu", Rule.CPU_NEGATIVE, container.cpu());
        }
        checkMemory(path, container);
        portMappingRules.check(path, container.portMappings(), problems);
        checkVariableNames(path, container.environment(), container.secrets());
        container.healthCheck().ifPresent(check -> HealthCheckRules.check(path + ".healthCheck", check, problems));
        DependencyRules.check(context, index, problems);
        checkTimeout(path + ".startTimeout", container.startTimeout(), Rule.START_TIMEOUT_NEGATIVE,
                Rule.START_TIMEOUT_WHOLE_SECONDS, Rule.FARGATE_START_TIMEOUT_RANGE);
        checkTimeout(path + ".stopTimeout", container.stopTimeout(), Rule.STOP_TIMEOUT_NEGATIVE,
                Rule.STOP_TIMEOUT_WHOLE_SECONDS, Rule.FARGATE_STOP_TIMEOUT_RANGE);
        container.restartPolicy().ifPresent(policy -> checkRestartPolicy(path + ".restartPolicy", policy));
        checkLinks(path, index, container.links());
        container.logConfiguration().ifPresent(log -> checkLogDriver(path + ".logConfiguration.logDriver", log));
        checkUlimits(path + ".ulimits", container.ulimits());
        MountRules.check(context, index, problems);
        optionRules.check(index);
    }

    private void checkName(String path, int index, String name) {
        if (name.isEmpty()) {
            problems.add(path + ".name", Rule.NAME_EMPTY, name);
        } else if (!NAME.matcher(name).matches()) {
            problems.add(path + ".name", Rule.NAME_PATTERN, name);
        } else {
            int first = context.indexOf(name).orElse(index);
            if (first != index) {
                problems.add(path + ".name", Rule.NAME_DUPLICATE, name, name, first);
            }
        }
    }

    private void checkMemory(String path, ContainerDefinition container) {
        OptionalInt memory = container.memoryMiB();
        OptionalInt reservation = container.memoryReservationMiB();
        OptionalInt taskMemory = context.taskDefinition().memoryMiB();
        if (taskMemory.isEmpty() && memory.isEmpty() && reservation.isEmpty()) {
            problems.add(path + ".memory", Rule.MEMORY_REQUIRED, "", container.name());
        }
        if (memory.isPresent()) {
            int limit = memory.getAsInt();
            if (limit < MIN_MEMORY_MIB) {
                problems.add(path + ".memory", Rule.MEMORY_MINIMUM, limit);
            }
            // ECS accepts equal values: AWS's own ecs-cli registered such definitions for years
            // (aws/amazon-ecs-cli issue 570, pull request 678).
            if (reservation.isPresent() && limit < reservation.getAsInt()) {
                problems.add(path + ".memory", Rule.MEMORY_NOT_ABOVE_RESERVATION, limit, limit,
                        reservation.getAsInt());
            }
            if (taskMemory.isPresent() && limit > taskMemory.getAsInt()) {
                problems.add(path + ".memory", Rule.MEMORY_EXCEEDS_TASK, limit, container.name());
            }
        }
        if (reservation.isPresent() && reservation.getAsInt() < 1) {
            problems.add(path + ".memoryReservation", Rule.MEMORY_RESERVATION_MINIMUM, reservation.getAsInt());
        }
    }

    /** Environment variables and secrets share one namespace: a name may be set once per container. */
    private void checkVariableNames(String path, List<EnvironmentVariable> environment, List<Secret> secrets) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < environment.size(); i++) {
            String name = environment.get(i).name();
            String namePath = Problems.element(path + ".environment", i) + ".name";
            if (name.isEmpty()) {
                problems.add(namePath, Rule.ENVIRONMENT_NAME_EMPTY, name);
            } else if (!seen.add(name)) {
                problems.add(namePath, Rule.ENVIRONMENT_NAME_DUPLICATE, name, name);
            }
        }
        for (int i = 0; i < secrets.size(); i++) {
            Secret secret = secrets.get(i);
            String secretPath = Problems.element(path + ".secrets", i);
            if (secret.name().isEmpty()) {
                problems.add(secretPath + ".name", Rule.SECRET_NAME_EMPTY, secret.name());
            } else if (!seen.add(secret.name())) {
                problems.add(secretPath + ".name", Rule.SECRET_NAME_DUPLICATE, secret.name(), secret.name());
            }
            if (secret.valueFrom().isEmpty()) {
                problems.add(secretPath + ".valueFrom", Rule.SECRET_VALUE_FROM_EMPTY, "", secret.name());
            }
        }
    }

    private void checkTimeout(String path, Optional<Duration> timeout, Rule negative, Rule wholeSeconds,
                              Rule fargateRange) {
        timeout.ifPresent(value -> {
            if (context.fargate()) {
                Seconds.check(problems, path, value, 2, 120, fargateRange, wholeSeconds);
            } else {
                Seconds.check(problems, path, value, 0, Long.MAX_VALUE, negative, wholeSeconds);
            }
        });
    }

    private void checkRestartPolicy(String path, RestartPolicy policy) {
        int exitCodes = policy.ignoredExitCodes().size();
        if (exitCodes > MAX_IGNORED_EXIT_CODES) {
            problems.add(path + ".ignoredExitCodes", Rule.RESTART_EXIT_CODES_TOO_MANY, exitCodes, exitCodes);
        }
        policy.restartAttemptPeriod().ifPresent(period -> Seconds.check(problems, path + ".restartAttemptPeriod",
                period, 60, 1800, Rule.RESTART_PERIOD_RANGE, Rule.RESTART_PERIOD_WHOLE_SECONDS));
    }

    private void checkLinks(String path, int index, List<String> links) {
        NetworkMode networkMode = context.taskDefinition().networkMode();
        if (!links.isEmpty() && networkMode != NetworkMode.BRIDGE) {
            problems.add(path + ".links", Rule.LINKS_NETWORK_MODE, networkMode.ecsName(), networkMode.ecsName());
        }
        for (int i = 0; i < links.size(); i++) {
            String link = links.get(i);
            String linkPath = Problems.element(path + ".links", i);
            var matcher = LINK.matcher(link);
            if (!matcher.matches()) {
                problems.add(linkPath, Rule.LINK_FORMAT, link);
                continue;
            }
            String target = matcher.group(1);
            if (context.indexOf(target).filter(t -> t != index).isEmpty()) {
                problems.add(linkPath, Rule.LINK_TARGET, link, target);
            }
        }
    }

    private void checkLogDriver(String path, LogConfiguration log) {
        String driver = log.logDriver();
        if (!LOG_DRIVERS.contains(driver)) {
            problems.add(path, Rule.LOG_DRIVER_UNKNOWN, driver);
        } else if (context.fargate() && !FARGATE_LOG_DRIVERS.contains(driver)) {
            problems.add(path, Rule.FARGATE_LOG_DRIVER, driver, driver);
        }
    }

    private void checkUlimits(String path, List<Ulimit> ulimits) {
        for (int i = 0; i < ulimits.size(); i++) {
            Ulimit ulimit = ulimits.get(i);
            String ulimitPath = Problems.element(path, i);
            if (!ULIMIT_NAMES.contains(ulimit.name())) {
                problems.add(ulimitPath + ".name", Rule.ULIMIT_NAME_UNKNOWN, ulimit.name());
            }
            if (ulimit.softLimit() > ulimit.hardLimit()) {
                problems.add(ulimitPath + ".softLimit", Rule.ULIMIT_SOFT_ABOVE_HARD, ulimit.softLimit(),
                        ulimit.softLimit(), ulimit.hardLimit());
            }
        }
    }
}
