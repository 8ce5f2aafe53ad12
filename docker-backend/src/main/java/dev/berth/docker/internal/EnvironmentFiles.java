package dev.berth.docker.internal;

import dev.berth.docker.FileResolver;
import dev.berth.exception.BerthException;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.EnvironmentFile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container's {@code environmentFiles}, read through the configured {@link FileResolver} and parsed as the ECS
 * agent parses them: one {@code NAME=value} per line, split at the first {@code =}; lines starting with {@code #},
 * lines without {@code =} and lines with an empty name are skipped; within a file a later line wins; across files
 * the first file that sets a variable wins. The container's own {@code environment} wins over all of them.
 */
final class EnvironmentFiles {

    private EnvironmentFiles() {
    }

    /**
     * @param container a container
     * @param resolver where the files are read from
     * @return the variables of its environment files; never logged, they may be secrets
     * @throws BerthException naming the container and the file when one cannot be read
     */
    static Map<String, String> read(ContainerDefinition container, FileResolver resolver) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (EnvironmentFile file : container.environmentFiles()) {
            String content;
            try {
                content = resolver.read(file.value());
            } catch (BerthException e) {
                throw new BerthException("environment file " + file.value() + " of container '" + container.name()
                        + "': " + e.getMessage(), e);
            }
            parse(content).forEach(variables::putIfAbsent);
        }
        return variables;
    }

    /** @return the variables of one file, a later line winning over an earlier one */
    static Map<String, String> parse(String content) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : content.split("\r?\n")) {
            int equals = line.indexOf('=');
            if (line.startsWith("#") || equals <= 0) {
                continue;
            }
            variables.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return variables;
    }
}
