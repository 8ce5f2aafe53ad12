package dev.berth.docker.internal;

import dev.berth.docker.FileResolver;
import dev.berth.exception.BerthException;
import dev.berth.model.FirelensConfiguration;
import dev.berth.model.TaskDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Puts a FireLens router's configuration into the created router container before it starts: the generated file
 * ({@link FirelensConfigFile}) where the ECS agent mounts it, and a {@code config-file-type s3} file, read through
 * the {@link FileResolver}, where the agent downloads it. The engine may be remote, so the files travel as an
 * archive ({@code docker cp}); missing directories of the paths are created in the container.
 */
final class FirelensFiles {

    private final DockerClients clients;
    private final FileResolver files;

    FirelensFiles(DockerClients clients, FileResolver files) {
        this.clients = clients;
        this.files = files;
    }

    /**
     * @param routerId the created router container
     * @param request the task
     * @param definition the task's definition, which has a router
     * @throws BerthException naming the file when one cannot be read or copied
     */
    void copyInto(String routerId, EngineTask request, TaskDefinition definition) {
        Map<String, String> contents = new LinkedHashMap<>();
        Map.Entry<String, String> generated = FirelensConfigFile.of(definition, request.cluster(), request.taskId(),
                request.taskDefinitionArn());
        contents.put(generated.getKey(), generated.getValue());
        FirelensConfiguration firelens = definition.firelensContainer().orElseThrow().firelensConfiguration()
                .orElseThrow();
        if ("s3".equals(firelens.options().get("config-file-type"))) {
            String location = firelens.options().get("config-file-value");
            try {
                contents.put(FirelensConfigFile.externalFile(firelens).orElseThrow(), files.read(location));
            } catch (BerthException e) {
                throw new BerthException("firelensConfiguration config-file-value " + location + ": "
                        + e.getMessage(), e);
            }
        }
        Path staging = null;
        try {
            staging = Files.createTempDirectory("berth-firelens-");
            for (Map.Entry<String, String> file : contents.entrySet()) {
                Path target = staging.resolve(file.getKey().substring(1));
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
            String source = staging.toString();
            clients.run("copy the FireLens configuration into container " + routerId, () -> clients.calls()
                    .copyArchiveToContainerCmd(routerId).withHostResource(source).withDirChildrenOnly(true)
                    .withRemotePath("/").exec());
        } catch (IOException e) {
            throw new BerthException("Cannot stage the FireLens configuration: " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
