package dev.berth.docker.internal;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.FirelensConfiguration;
import dev.berth.model.LogConfiguration;
import dev.berth.model.Secret;
import dev.berth.model.TaskDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration file the ECS agent generates for a FireLens router (amazon-ecs-agent:
 * {@code agent/taskresource/firelens/firelensconfig_unix.go}), in Fluent Bit's or Fluentd's syntax:
 * <ul>
 *   <li>inputs: the forward protocol on the socket {@code /var/run/fluent.sock} and on TCP port 24224 (on every
 *       address: each container has an address of its own here), and for Fluent Bit a health-check input on
 *       127.0.0.1:8877 whose records go nowhere;</li>
 *   <li>unless the router's {@code enable-ecs-log-metadata} is {@code false}: {@code ecs_cluster},
 *       {@code ecs_task_arn} (here the task's id) and {@code ecs_task_definition} added to every record;</li>
 *   <li>for each container that logs with {@code awsfirelens}: its {@code include-pattern} and
 *       {@code exclude-pattern} as filters on the {@code log} key, and an output of the plugin its {@code Name}
 *       (Fluent Bit) or {@code @type} (Fluentd) option names, matching {@code <container>-firelens*}, with its
 *       other options ({@code log-driver-buffer-limit} excepted) and its secret options as variables the router
 *       reads from its environment;</li>
 *   <li>the router's own file ({@code config-file-type} {@code file} or {@code s3}) included after the filters.</li>
 * </ul>
 */
final class FirelensConfigFile {

    /** Where the agent mounts the generated file in a Fluent Bit router. */
    static final String FLUENT_BIT_PATH = "/fluent-bit/etc/fluent-bit.conf";
    /** Where the agent mounts the generated file in a Fluentd router. */
    static final String FLUENTD_PATH = "/fluentd/etc/fluent.conf";
    /** Where an S3 configuration file is put in a Fluent Bit router. */
    static final String FLUENT_BIT_EXTERNAL_PATH = "/fluent-bit/etc/external.conf";
    /** Where an S3 configuration file is put in a Fluentd router. */
    static final String FLUENTD_EXTERNAL_PATH = "/fluentd/etc/external.conf";

    private static final String SOCKET = FirelensRouting.SOCKET_DIRECTORY + "fluent.sock";
    private static final int DEFAULT_MEM_BUF_LIMIT_MB = 25;

    private FirelensConfigFile() {
    }

    /**
     * @param definition the task definition, which has a router
     * @param cluster the task's cluster
     * @param taskId the task
     * @param taskDefinition the revision, {@code family:revision} or its ARN
     * @return the file's path in the router and its content
     */
    static Map.Entry<String, String> of(TaskDefinition definition, String cluster, String taskId,
                                        String taskDefinition) {
        ContainerDefinition router = definition.firelensContainer().orElseThrow();
        FirelensConfiguration firelens = router.firelensConfiguration().orElseThrow();
        boolean fluentBit = firelens.type() == FirelensConfiguration.Type.FLUENTBIT;
        Map<String, String> metadata = new LinkedHashMap<>();
        if (!"false".equals(firelens.options().get("enable-ecs-log-metadata"))) {
            metadata.put("ecs_cluster", cluster);
            metadata.put("ecs_task_arn", taskId);
            metadata.put("ecs_task_definition", taskDefinition);
        }
        Optional<String> external = externalFile(firelens);
        StringBuilder out = new StringBuilder();
        if (fluentBit) {
            int memBufLimit = router.memoryReservationMiB().orElse(router.memoryMiB().orElse(0)) / 2;
            fluentBit(out, definition, metadata, external, memBufLimit > 0 ? memBufLimit : DEFAULT_MEM_BUF_LIMIT_MB);
        } else {
            fluentd(out, definition, metadata, external);
        }
        return Map.entry(fluentBit ? FLUENT_BIT_PATH : FLUENTD_PATH, out.toString());
    }

    /** @return where the router's own configuration is: a path in its image ({@code file}) or the S3 copy */
    static Optional<String> externalFile(FirelensConfiguration firelens) {
        String type = firelens.options().getOrDefault("config-file-type", "");
        boolean fluentBit = firelens.type() == FirelensConfiguration.Type.FLUENTBIT;
        return switch (type) {
            case "file" -> Optional.ofNullable(firelens.options().get("config-file-value"));
            case "s3" -> Optional.of(fluentBit ? FLUENT_BIT_EXTERNAL_PATH : FLUENTD_EXTERNAL_PATH);
            default -> Optional.empty();
        };
    }

    private static void fluentBit(StringBuilder out, TaskDefinition definition, Map<String, String> metadata,
                                  Optional<String> external, int memBufLimitMb) {
        section(out, "[INPUT]", List.of("Name forward", "unix_path " + SOCKET,
                "Mem_Buf_Limit " + memBufLimitMb + "MB"));
        section(out, "[INPUT]", List.of("Name forward", "Listen 0.0.0.0", "Port " + FirelensRouting.FORWARD_PORT));
        section(out, "[INPUT]", List.of("Name tcp", "Tag firelens-healthcheck", "Listen 127.0.0.1", "Port 8877"));
        if (!metadata.isEmpty()) {
            List<String> lines = new java.util.ArrayList<>(List.of("Name record_modifier", "Match *"));
            metadata.forEach((key, value) -> lines.add("Record " + key + " " + value));
            section(out, "[FILTER]", lines);
        }
        for (ContainerDefinition c : routed(definition)) {
            Map<String, String> options = c.logConfiguration().orElseThrow().options();
            String tag = c.name() + "-firelens*";
            Optional.ofNullable(options.get("include-pattern")).ifPresent(p -> section(out, "[FILTER]",
                    List.of("Name grep", "Match " + tag, "Regex log " + p)));
            Optional.ofNullable(options.get("exclude-pattern")).ifPresent(p -> section(out, "[FILTER]",
                    List.of("Name grep", "Match " + tag, "Exclude log " + p)));
        }
        external.ifPresent(file -> out.append("@INCLUDE ").append(file).append("\n\n"));
        section(out, "[OUTPUT]", List.of("Name null", "Match firelens-healthcheck"));
        for (ContainerDefinition c : routed(definition)) {
            LogConfiguration log = c.logConfiguration().orElseThrow();
            Optional.ofNullable(log.options().get("Name")).ifPresent(plugin -> {
                List<String> lines = new java.util.ArrayList<>(List.of("Name " + plugin, "Match " + c.name()
                        + "-firelens*"));
                pluginOptions(log, "Name").forEach((key, value) -> lines.add(key + " " + value));
                secretOptions(c).forEach((key, variable) -> lines.add(key + " ${" + variable + "}"));
                section(out, "[OUTPUT]", lines);
            });
        }
    }

    private static void fluentd(StringBuilder out, TaskDefinition definition, Map<String, String> metadata,
                                Optional<String> external) {
        block(out, "<source>", List.of("@type unix", "path " + SOCKET), "</source>");
        block(out, "<source>", List.of("@type forward", "bind 0.0.0.0", "port " + FirelensRouting.FORWARD_PORT),
                "</source>");
        if (!metadata.isEmpty()) {
            List<String> lines = new java.util.ArrayList<>(List.of("@type record_transformer", "<record>"));
            metadata.forEach((key, value) -> lines.add("    " + key + " " + value));
            lines.add("</record>");
            block(out, "<filter **>", lines, "</filter>");
        }
        for (ContainerDefinition c : routed(definition)) {
            Map<String, String> options = c.logConfiguration().orElseThrow().options();
            String tag = c.name() + "-firelens**";
            Optional.ofNullable(options.get("include-pattern")).ifPresent(p -> block(out, "<filter " + tag + ">",
                    List.of("@type grep", "<regexp>", "    key log", "    pattern " + p, "</regexp>"), "</filter>"));
            Optional.ofNullable(options.get("exclude-pattern")).ifPresent(p -> block(out, "<filter " + tag + ">",
                    List.of("@type grep", "<exclude>", "    key log", "    pattern " + p, "</exclude>"), "</filter>"));
        }
        external.ifPresent(file -> out.append("@include ").append(file).append("\n\n"));
        for (ContainerDefinition c : routed(definition)) {
            LogConfiguration log = c.logConfiguration().orElseThrow();
            Optional.ofNullable(log.options().get("@type")).ifPresent(plugin -> {
                List<String> lines = new java.util.ArrayList<>(List.of("@type " + plugin));
                pluginOptions(log, "@type").forEach((key, value) -> lines.add(key + " " + value));
                secretOptions(c).forEach((key, variable) -> lines.add(key + " \"#{ENV['" + variable + "']}\""));
                block(out, "<match " + c.name() + "-firelens**>", lines, "</match>");
            });
        }
    }

    private static List<ContainerDefinition> routed(TaskDefinition definition) {
        return definition.containerDefinitions().stream().filter(FirelensRouting::usesFirelens).toList();
    }

    /** @return the options that configure the plugin, in name order, for a stable file */
    private static Map<String, String> pluginOptions(LogConfiguration log, String pluginKey) {
        Map<String, String> options = new java.util.TreeMap<>(log.options());
        options.keySet().removeAll(List.of(pluginKey, "include-pattern", "exclude-pattern",
                FirelensRouting.BUFFER_LIMIT_OPTION));
        return options;
    }

    private static Map<String, String> secretOptions(ContainerDefinition c) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Secret option : c.logConfiguration().orElseThrow().secretOptions()) {
            variables.put(option.name(), FirelensRouting.secretVariable(option, c));
        }
        return variables;
    }

    private static void section(StringBuilder out, String header, List<String> lines) {
        out.append(header).append('\n');
        lines.forEach(line -> out.append("    ").append(line).append('\n'));
        out.append('\n');
    }

    private static void block(StringBuilder out, String open, List<String> lines, String close) {
        out.append(open).append('\n');
        lines.forEach(line -> out.append("    ").append(line).append('\n'));
        out.append(close).append("\n\n");
    }
}
