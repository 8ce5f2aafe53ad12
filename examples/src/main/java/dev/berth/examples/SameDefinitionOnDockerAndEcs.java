package dev.berth.examples;

import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.api.ServiceDescription;
import dev.berth.aws.AwsBackend;
import dev.berth.aws.AwsBackendConfig;
import dev.berth.docker.DockerBackend;
import dev.berth.exception.WaitTimeoutException;
import dev.berth.kubernetes.KubernetesBackend;
import dev.berth.kubernetes.KubernetesBackendConfig;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.service.ServiceSpec;
import dev.berth.spi.ComputeBackend;
import dev.berth.swarm.SwarmBackend;
import dev.berth.swarm.SwarmBackendConfig;
import dev.berth.task.Task;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
/**
 * One task definition, one service, several backends ({@code bash scripts/example.sh same-definition
 * [docker|swarm|ecs|kubernetes]}): the code that deploys is the same, only the backend differs. On ECS it uses the
 * credentials and region of the AWS SDK's default chain (e.g. {@code AWS_REGION} and a profile) and an ECS cluster
 * named {@code berth-example} with EC2 container instances; its test runs it against moto's server. On Swarm the
 * local engine must be a swarm manager; its test runs it on a real three-node swarm. On Kubernetes it uses the current
 * context of {@code ~/.kube/config}; its test runs it on a real API server with kwok nodes.
 */
public final class SameDefinitionOnDockerAndEcs {

    private SameDefinitionOnDockerAndEcs() {
    }

    /** @param args {@code docker} (default), {@code swarm}, {@code ecs} or {@code kubernetes} */
    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "docker";
        Examples.runMain("same-definition", () -> {
            // tag::backends[]
            ComputeBackend backend = switch (which) {
                case "ecs" -> AwsBackend.create(AwsBackendConfig.builder()
                        .ecsClient(ecs -> { })                      // the SDK's default region and credentials
                        .mode(AwsBackendConfig.Mode.CLIENT_SCHEDULED) // Berth places, ECS runs (StartTask)
                        .build());
                case "swarm" -> SwarmBackend.create(SwarmBackendConfig.fromEnvironment()); // Swarm schedules
                case "kubernetes" -> KubernetesBackend.create(KubernetesBackendConfig.builder()
                        .kubeconfig(Path.of(System.getProperty("user.home"), ".kube", "config"))
                        .build());                                  // a Deployment; the namespace berth-example
                default -> DockerBackend.fromEnvironment();
            };
            // end::backends[]
            deploy(backend, "berth-example", Duration.ofMinutes(5), System.out);
        });
    }

    /** @return the definition both backends run: a busybox web server */
    static TaskDefinition web() {
        // tag::definition[]
        return TaskDefinition.builder("same-web")
                .container(c -> c.name("web").image("berth-test/busybox:1").cpu(128).memoryMiB(64)
                        .command("httpd", "-f", "-p", "8080").portMapping(8080)
                        .stopTimeout(Duration.ofSeconds(2)))
                .build();
        // end::definition[]
    }

    /**
     * Runs {@link #web()} as a 2-task service on {@code backend} until steady, then deletes it.
     *
     * @param backend where the tasks run; closed at the end
     * @param cluster the cluster (created if missing)
     * @param timeout how long each wait may take
     * @param out where progress is printed
     * @return what the steady service ran
     * @throws WaitTimeoutException if the service is not steady, or not deleted, in time
     */
    public static SameDefinitionResult deploy(ComputeBackend backend, String cluster, Duration timeout,
                                              PrintStream out) {
        // tag::deploy[]
        try (Berth berth = Berth.builder(backend).build()) {
            RegisteredTaskDefinition registered = berth.taskDefinitions().register(web());
            Service service = berth.clusters().getOrCreate(cluster).services()
                    .create(ServiceSpec.builder("web", registered.ref()).desiredCount(2).build());
            ServiceDescription steady = service.awaitSteady(timeout);
            List<Task> tasks = service.tasks();
            out.println(backend.name() + ": " + steady.summary() + ", tasks on " + tasks.stream()
                    .map(Task::containerInstanceId).distinct().toList());
            service.delete(true);
            service.awaitDeleted(timeout);
            return new SameDefinitionResult(backend.name(), steady.runningCount(),
                    tasks.stream().map(Task::taskDefinitionArn).distinct().toList(), registered.arn());
        }
        // end::deploy[]
    }
}
