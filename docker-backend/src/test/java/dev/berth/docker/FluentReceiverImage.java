package dev.berth.docker;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import dev.berth.docker.internal.DockerClients;
import dev.berth.exception.ResourceNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The test FireLens router: a forward-protocol receiver (src/test/resources/fluent-receiver/main.go) that prints each
 * record it gets, built into a FROM-scratch image. With Go on the PATH (or at /usr/local/go/bin) the binary is built
 * here; otherwise the engine builds it in a golang image, which needs that image to be pullable.
 */
final class FluentReceiverImage {

    /** The image's name. */
    static final String NAME = "berth-test/fluent-receiver:1";

    private static final List<String> SOURCES = List.of("main.go", "go.mod");

    private FluentReceiverImage() {
    }

    /** Builds the image unless the engine has it. */
    static synchronized void ensureBuilt(DockerClients clients) throws IOException, InterruptedException {
        try {
            clients.run("inspect image " + NAME, () -> clients.calls().inspectImageCmd(NAME).exec());
            return;
        } catch (ResourceNotFoundException missing) {
            // built below
        }
        Path context = Files.createTempDirectory("berth-fluent-receiver-");
        try {
            for (String source : SOURCES) {
                try (InputStream in = FluentReceiverImage.class.getResourceAsStream("/fluent-receiver/" + source)) {
                    Files.copy(in, context.resolve(source));
                }
            }
            Optional<Path> go = goBinary();
            String dockerfile;
            if (go.isPresent()) {
                compile(go.get(), context, architecture(clients));
                dockerfile = "FROM scratch\nCOPY fluent-receiver /fluent-receiver\nENTRYPOINT [\"/fluent-receiver\"]\n";
            } else {
                dockerfile = "FROM golang:1.22-alpine AS build\nWORKDIR /src\nCOPY main.go go.mod ./\n"
                        + "RUN CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o /fluent-receiver .\n"
                        + "FROM scratch\nCOPY --from=build /fluent-receiver /fluent-receiver\n"
                        + "ENTRYPOINT [\"/fluent-receiver\"]\n";
            }
            Files.writeString(context.resolve("Dockerfile"), dockerfile);
            clients.calls().buildImageCmd(context.toFile()).withTags(Set.of(NAME))
                    .exec(new BuildImageResultCallback()).awaitImageId(5, TimeUnit.MINUTES);
        } finally {
            try (var files = Files.walk(context)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Optional<Path> goBinary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/local/go/bin").split(":")) {
            Path go = Path.of(dir.isEmpty() ? "." : dir, "go");
            if (Files.isExecutable(go)) {
                return Optional.of(go);
            }
        }
        return Optional.empty();
    }

    /** @return the engine's architecture as Go names it */
    private static String architecture(DockerClients clients) {
        String arch = clients.calls().infoCmd().exec().getArchitecture();
        return arch != null && (arch.equals("aarch64") || arch.equals("arm64")) ? "arm64" : "amd64";
    }

    private static void compile(Path go, Path context, String goArch) throws IOException, InterruptedException {
        ProcessBuilder build = new ProcessBuilder(go.toString(), "build", "-trimpath", "-ldflags", "-s -w", "-o",
                "fluent-receiver", ".").directory(context.toFile()).redirectErrorStream(true);
        Map<String, String> env = build.environment();
        env.put("CGO_ENABLED", "0");
        env.put("GOOS", "linux");
        env.put("GOARCH", goArch);
        env.putIfAbsent("GOCACHE", System.getProperty("java.io.tmpdir") + "/berth-go-cache");
        env.putIfAbsent("GOPATH", System.getProperty("java.io.tmpdir") + "/berth-go-path");
        Process process = build.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("go build of the fluent receiver failed: " + output);
        }
    }
}
