package dev.berth.model.internal;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.FirelensConfiguration;
import dev.berth.model.HostEntry;
import dev.berth.model.NetworkMode;
import dev.berth.model.ResourceRequirement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ECS's rules for a container's Docker options and integrations (API reference: {@code ContainerDefinition},
 * {@code ResourceRequirement}, {@code FirelensConfiguration}, {@code EnvironmentFile}): no {@code hostname} or
 * {@code extraHosts} with awsvpc, no {@code privileged} on Fargate, known security options and credential specs,
 * at most 10 {@code .env} files, GPU counts, accelerators the task has, one FireLens router that
 * {@code awsfirelens} containers need, and its options.
 */
final class ContainerOptionRules {

    private static final Pattern SECURITY_OPTION =
            Pattern.compile("no-new-privileges|(apparmor|label|credentialspec):.+");
    private static final Pattern CREDENTIAL_SPEC = Pattern.compile("credentialspec(domainless)?:.+");
    private static final int MAX_ENVIRONMENT_FILES = 10;
    private static final Set<String> FIRELENS_OPTIONS =
            Set.of("enable-ecs-log-metadata", "config-file-type", "config-file-value");

    private final ValidationContext context;
    private final Problems problems;

    ContainerOptionRules(ValidationContext context, Problems problems) {
        this.context = context;
        this.problems = problems;
    }

    void check(int index) {
        ContainerDefinition c = context.taskDefinition().containerDefinitions().get(index);
        String path = ValidationContext.containerPath(index);
        NetworkMode mode = context.taskDefinition().networkMode();
        c.repositoryCredentials().ifPresent(r -> {
            if (r.credentialsParameter().isBlank()) {
                problems.add(path + ".repositoryCredentials.credentialsParameter", Rule.REPOSITORY_CREDENTIALS_EMPTY,
                        "");
            }
        });
        checkEnvironmentFiles(path, c);
        c.linuxParameters().ifPresent(p -> LinuxParameterRules.check(path + ".linuxParameters", p,
                context.fargate(), problems));
        if (c.hostname().isPresent() && mode == NetworkMode.AWSVPC) {
            problems.add(path + ".hostname", Rule.HOSTNAME_NETWORK_MODE, c.hostname().get());
        }
        if (c.privileged() && context.fargate()) {
            problems.add(path + ".privileged", Rule.FARGATE_PRIVILEGED, "true");
        }
        checkExtraHosts(path, c.extraHosts(), mode);
        forEach(path + ".dockerSecurityOptions", c.dockerSecurityOptions(), (p, option) -> {
            if (!SECURITY_OPTION.matcher(option).matches()) {
                problems.add(p, Rule.SECURITY_OPTION_FORMAT, option, option);
            }
        });
        forEach(path + ".systemControls", c.systemControls(), (p, control) -> {
            if (control.namespace().isBlank()) {
                problems.add(p + ".namespace", Rule.SYSTEM_CONTROL_NAMESPACE_EMPTY, "");
            }
        });
        checkResourceRequirements(path + ".resourceRequirements", c.resourceRequirements());
        c.firelensConfiguration().ifPresent(f -> checkFirelens(path + ".firelensConfiguration", index, f));
        c.logConfiguration().filter(l -> l.logDriver().equals("awsfirelens")).ifPresent(l -> {
            if (context.taskDefinition().firelensContainer().isEmpty()) {
                problems.add(path + ".logConfiguration.logDriver", Rule.FIRELENS_ROUTER_MISSING, "awsfirelens");
            }
        });
        forEach(path + ".credentialSpecs", c.credentialSpecs(), (p, spec) -> {
            if (!CREDENTIAL_SPEC.matcher(spec).matches()) {
                problems.add(p, Rule.CREDENTIAL_SPEC_FORMAT, spec, spec);
            }
        });
    }

    private void checkEnvironmentFiles(String path, ContainerDefinition c) {
        int count = c.environmentFiles().size();
        if (count > MAX_ENVIRONMENT_FILES) {
            problems.add(path + ".environmentFiles", Rule.ENVIRONMENT_FILES_TOO_MANY, count, count);
        }
        forEach(path + ".environmentFiles", c.environmentFiles(), (p, file) -> {
            if (!file.value().endsWith(".env")) {
                problems.add(p + ".value", Rule.ENVIRONMENT_FILE_EXTENSION, file.value(), file.value());
            }
        });
    }

    private void checkExtraHosts(String path, List<HostEntry> extraHosts, NetworkMode mode) {
        if (!extraHosts.isEmpty() && mode == NetworkMode.AWSVPC) {
            problems.add(path + ".extraHosts", Rule.EXTRA_HOSTS_NETWORK_MODE, mode.ecsName());
        }
        forEach(path + ".extraHosts", extraHosts, (p, entry) -> {
            if (entry.hostname().isBlank() || entry.ipAddress().isBlank()) {
                problems.add(p, Rule.EXTRA_HOST_EMPTY, entry.hostname() + " " + entry.ipAddress());
            }
        });
    }

    private void checkResourceRequirements(String path, List<ResourceRequirement> requirements) {
        Set<ResourceRequirement.Type> seen = new HashSet<>();
        for (int i = 0; i < requirements.size(); i++) {
            ResourceRequirement r = requirements.get(i);
            String requirementPath = Problems.element(path, i);
            if (!seen.add(r.type())) {
                problems.add(requirementPath + ".type", Rule.RESOURCE_REQUIREMENT_DUPLICATE, r.type().ecsName(),
                        r.type().ecsName());
            }
            if (r.type() == ResourceRequirement.Type.INFERENCE_ACCELERATOR) {
                if (context.taskDefinition().inferenceAccelerators().stream()
                        .noneMatch(a -> a.deviceName().equals(r.value()))) {
                    problems.add(requirementPath + ".value", Rule.RESOURCE_REQUIREMENT_ACCELERATOR, r.value(),
                            r.value());
                }
            } else if (!r.value().matches("[1-9][0-9]{0,8}")) {
                problems.add(requirementPath + ".value", Rule.RESOURCE_REQUIREMENT_VALUE, r.value(),
                        r.type().ecsName(), r.value());
            }
            if (context.fargate()) {
                problems.add(requirementPath + ".type", Rule.FARGATE_RESOURCE_REQUIREMENT, r.type().ecsName(),
                        r.type().ecsName());
            }
        }
    }

    private void checkFirelens(String path, int index, FirelensConfiguration firelens) {
        int router = context.taskDefinition().containerDefinitions().indexOf(
                context.taskDefinition().firelensContainer().orElseThrow());
        if (router != index) {
            problems.add(path, Rule.FIRELENS_DUPLICATE, "", router);
        }
        Map<String, String> options = firelens.options();
        for (String option : options.keySet()) {
            if (!FIRELENS_OPTIONS.contains(option)) {
                problems.add(path + ".options." + option, Rule.FIRELENS_OPTIONS, option, "'" + option + "' is not a"
                        + " FireLens option; use enable-ecs-log-metadata, config-file-type or config-file-value.");
            }
        }
        String metadata = options.get("enable-ecs-log-metadata");
        if (metadata != null && !metadata.equals("true") && !metadata.equals("false")) {
            problems.add(path + ".options.enable-ecs-log-metadata", Rule.FIRELENS_OPTIONS, metadata,
                    "enable-ecs-log-metadata must be true or false.");
        }
        String type = options.get("config-file-type");
        if (type != null && !type.equals("s3") && !type.equals("file")) {
            problems.add(path + ".options.config-file-type", Rule.FIRELENS_OPTIONS, type,
                    "config-file-type must be s3 or file.");
        }
        if (type != null && options.getOrDefault("config-file-value", "").isBlank()) {
            problems.add(path + ".options.config-file-value", Rule.FIRELENS_OPTIONS, "",
                    "config-file-value is required with config-file-type: the S3 object ARN or the file's path in"
                            + " the router's image.");
        }
    }

    private interface ElementCheck<T> {
        void check(String path, T element);
    }

    private static <T> void forEach(String listPath, List<T> elements, ElementCheck<T> check) {
        for (int i = 0; i < elements.size(); i++) {
            check.check(Problems.element(listPath, i), elements.get(i));
        }
    }
}
