package dev.berth.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real Kubernetes API server of the integration tests (with kwok simulating the nodes), as
 * {@code scripts/k8s-env.sh} starts it, found in this order:
 * <ol>
 *   <li>the kubeconfig named by the environment variable {@code BERTH_TEST_KUBECONFIG}; if it does not exist yet and
 *       {@code BERTH_TEST_K8S_WAIT} gives seconds, the tests wait that long for it (CI builds the control plane in
 *       the background while the other modules test) and fail at once if the script wrote a {@code failed} file
 *       beside it;</li>
 *   <li>the script's default kubeconfig, {@code /tmp/berth-k8s/kubeconfig}, when a control plane answers there.</li>
 * </ol>
 * The tests share the server: each isolates itself by a namespace and kwok nodes of its own.
 */
public final class TestKubernetes {

    static final String ENV = "BERTH_TEST_KUBECONFIG";
    static final String WAIT_ENV = "BERTH_TEST_K8S_WAIT";
    private static final Path DEFAULT = Path.of("/tmp/berth-k8s/kubeconfig");

    private static Result shared;

    private TestKubernetes() {
    }

    /** @return the control plane of this test JVM, found at the first call */
    public static synchronized Result shared() {
        if (shared == null) {
            shared = find();
        }
        return shared;
    }

    private static Result find() {
        List<String> attempts = new ArrayList<>();
        String named = System.getenv(ENV);
        if (named != null && !named.isBlank()) {
            Path kubeconfig = Path.of(named);
            Optional<String> failure = awaitFile(kubeconfig);
            if (failure.isPresent()) {
                attempts.add(ENV + "=" + named + ": " + failure.get());
            } else {
                Optional<String> problem = answers(kubeconfig);
                if (problem.isEmpty()) {
                    return new Result(Optional.of(kubeconfig), attempts);
                }
                attempts.add(ENV + "=" + named + ": " + problem.get());
            }
        } else {
            attempts.add(ENV + " is not set");
        }
        if (Files.exists(DEFAULT)) {
            Optional<String> problem = answers(DEFAULT);
            if (problem.isEmpty()) {
                return new Result(Optional.of(DEFAULT), attempts);
            }
            attempts.add(DEFAULT + ": " + problem.get());
        } else {
            attempts.add(DEFAULT + " does not exist (start one with: bash scripts/k8s-env.sh)");
        }
        return new Result(Optional.empty(), attempts);
    }

    /** @return empty once the file exists; else why it will not */
    private static Optional<String> awaitFile(Path kubeconfig) {
        String wait = System.getenv(WAIT_ENV);
        Duration patience = Duration.ofSeconds(wait == null || wait.isBlank() ? 0 : Long.parseLong(wait.strip()));
        Instant deadline = Instant.now().plus(patience);
        Path failed = kubeconfig.resolveSibling("failed");
        while (!Files.exists(kubeconfig)) {
            if (Files.exists(failed)) {
                return Optional.of("scripts/k8s-env.sh failed: " + read(failed));
            }
            if (!Instant.now().isBefore(deadline)) {
                return Optional.of("does not exist" + (patience.isZero() ? ""
                        : " after waiting " + patience.toSeconds() + " s (" + WAIT_ENV + ") for scripts/k8s-env.sh"));
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted while waiting for it");
            }
        }
        return Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static Optional<String> answers(Path kubeconfig) {
        try (KubernetesClient client = client(kubeconfig)) {
            client.getKubernetesVersion();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("the API server does not answer: " + e.getMessage());
        }
    }

    /**
     * @param kubeconfig a kubeconfig file
     * @return a client for it, configured from nothing else
     */
    public static KubernetesClient client(Path kubeconfig) {
        try {
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + kubeconfig, e);
        }
    }

    /**
     * @param kubeconfig the kubeconfig found
     * @param attempts why each way failed
     */
    public record Result(Optional<Path> kubeconfig, List<String> attempts) {
    }
}
