package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.model.PortMapping;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.network.Endpoint;
import dev.berth.network.TargetGroupDescription;
import dev.berth.network.TargetGroupSpec;
import dev.berth.network.TargetHealthState;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.LoadBalancer;
import dev.berth.service.RolloutState;
import dev.berth.service.ServiceConnectClientAlias;
import dev.berth.service.ServiceConnectConfiguration;
import dev.berth.service.ServiceConnectService;
import dev.berth.service.ServiceSpec;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Service networking on the real engine: a target group that is Berth's load balancer, a Service Connect name that
 * a single-container bridge task of another service resolves, and the statuses of both.
 */
class DockerServiceNetworkingIT extends ServiceTestBase {

    static TaskDefinition api(String version) {
        return TaskDefinition.builder("api")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .stopTimeout(Duration.ofSeconds(2)).portMapping(PortMapping.of(WebTasks.PORT).withName("http"))
                        .command("sh", "-c", "mkdir -p /www && echo " + version + " > /www/index.html"
                                + " && exec httpd -f -p " + WebTasks.PORT + " -h /www"))
                .build();
    }

    /**
     * A client that calls {@code http://api:8080/} five times a second and logs each answer, or FAIL. (The static
     * busybox's {@code wget -T} crashes; {@code timeout} bounds each call instead.)
     */
    static TaskDefinition client() {
        return TaskDefinition.builder("client")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .stopTimeout(Duration.ofSeconds(2))
                        .command("sh", "-c", "trap 'exit 0' TERM; while true; do"
                                + " timeout 5 wget -q -O - http://api:8080/ || echo FAIL; usleep 200000 & wait;"
                                + " done"))
                .build();
    }

    static TargetGroupSpec targetGroup(String name) {
        return TargetGroupSpec.builder(name)
                .healthCheck(c -> c.interval(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(2)))
                .deregistrationDelay(Duration.ofSeconds(20)).build();
    }

    static ServiceSpec.Builder apiSpec(RegisteredTaskDefinition revision, TargetGroupDescription group, int count) {
        return ServiceSpec.builder("api", revision.ref()).desiredCount(count)
                .loadBalancer(new LoadBalancer(group.arn(), "app", WebTasks.PORT))
                .serviceConnectConfiguration(ServiceConnectConfiguration.enabled(Optional.empty(),
                        List.of(ServiceConnectService.of("http", ServiceConnectClientAlias.of(WebTasks.PORT, "api")))));
    }

    @Test
    void clientTask_reachesApiByName_andTestCodeThroughTheLoadBalancer() {
        Berth berth = open(berth(DockerBackend.create(config)));
        Cluster cluster = berth.clusters().create(session);
        TargetGroupDescription group = berth.targetGroups().create(targetGroup("api-" + session.hashCode() % 1000));
        RegisteredTaskDefinition v1 = berth.taskDefinitions().register(api("v1"));
        Service api = cluster.services().create(apiSpec(v1, group, 2).build());
        Service client = cluster.services().create(ServiceSpec.builder("client",
                        berth.taskDefinitions().register(client()).ref())
                .serviceConnectConfiguration(ServiceConnectConfiguration.enabled(Optional.empty(), List.of()))
                .build());

        WebTasks.awaitTrue("2 api tasks RUNNING (healthy in the target group)", STEADY,
                () -> api.tasks().stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count() == 2);
        Endpoint endpoint = api.endpoint(WebTasks.PORT);
        assertThat(endpoint).isEqualTo(berth.targetGroups().describe(group.arn()).listener().orElseThrow());
        assertThat(WebTasks.get(endpoint.host(), endpoint.port())).contains("v1");
        assertThat(berth.targetGroups().targetHealth(group.arn())).hasSize(2)
                .allSatisfy(h -> assertThat(h.state()).isEqualTo(TargetHealthState.HEALTHY));

        WebTasks.awaitTrue("the client's log shows v1 answers", STEADY, () -> clientLog(cluster, client)
                .contains("v1"));
        Task clientTask = client.tasks().get(0);
        assertThat(clientTask.containers()).hasSize(1);
    }

    @Test
    void rollingUpdate_losesNoRequestThroughTheLoadBalancerOrTheName() throws InterruptedException {
        Berth berth = open(berth(DockerBackend.create(config)));
        Cluster cluster = berth.clusters().create(session);
        TargetGroupDescription group = berth.targetGroups().create(targetGroup("roll-" + Math.abs(session.hashCode()
                % 1000)));
        Service api = cluster.services().create(apiSpec(berth.taskDefinitions().register(api("v1")), group, 3)
                .build());
        Service client = cluster.services().create(ServiceSpec.builder("client",
                        berth.taskDefinitions().register(client()).ref())
                .serviceConnectConfiguration(ServiceConnectConfiguration.enabled(Optional.empty(), List.of()))
                .build());
        WebTasks.awaitTrue("3 api tasks of v1, deployment completed", STEADY, () -> WebTasks.completed(api)
                && WebTasks.running(api).size() == 3);
        WebTasks.awaitTrue("the client calls api by name", STEADY, () -> clientLog(cluster, client).contains("v1"));
        int clientCallsBefore = clientLog(cluster, client).size();
        RegisteredTaskDefinition v2 = berth.taskDefinitions().register(api("v2"));

        CallCounter viaBalancer = new CallCounter(api.endpoint(WebTasks.PORT));
        api.deploy(v2.ref());
        WebTasks.awaitTrue("3 api tasks of v2, the v1 tasks gone", Duration.ofMinutes(3), () -> {
            List<Task> live = api.tasks();
            return WebTasks.completed(api) && live.size() == 3
                    && live.stream().allMatch(t -> t.taskDefinitionArn().equals(v2.arn()))
                    && cluster.tasks().list().stream().filter(t -> t.group().equals("service:api"))
                    .allMatch(t -> t.taskDefinitionArn().equals(v2.arn()) || t.lastStatus() == TaskStatus.STOPPED);
        });
        WebTasks.awaitTrue("the client gets v2 by name", STEADY, () -> clientLog(cluster, client).contains("v2"));
        viaBalancer.close();

        List<String> all = clientLog(cluster, client);
        List<String> byName = all.subList(clientCallsBefore, all.size());
        System.out.printf("Rolling update of api v1 -> v2 (3 tasks, 100 %%/200 %%): %d requests through the load"
                        + " balancer, %d failed; %d calls by name from the roll's start, %d failed%n",
                viaBalancer.sent(), viaBalancer.failures().size(), byName.size(),
                byName.stream().filter("FAIL"::equals).count());
        assertThat(viaBalancer.failures()).as("failed requests through the load balancer").isEmpty();
        assertThat(viaBalancer.sent()).isGreaterThan(20);
        assertThat(byName).as("failed calls by name").doesNotContain("FAIL");
        assertThat(byName.size()).isGreaterThan(10);
    }

    @Test
    void revisionThatNeverGetsHealthy_isRolledBackByTheBreaker_andClientsSeeNoFailure() throws InterruptedException {
        Berth berth = open(berth(DockerBackend.create(config)));
        Cluster cluster = berth.clusters().create(session);
        TargetGroupDescription group = berth.targetGroups().create(targetGroup("brk-" + Math.abs(session.hashCode()
                % 1000)));
        RegisteredTaskDefinition v1 = berth.taskDefinitions().register(api("v1"));
        Service api = cluster.services().create(apiSpec(v1, group, 2)
                .deploymentConfiguration(DeploymentConfiguration.replicaDefaults()
                        .withCircuitBreaker(DeploymentCircuitBreaker.enabled(true)))
                .build());
        Service client = cluster.services().create(ServiceSpec.builder("client",
                        berth.taskDefinitions().register(client()).ref())
                .serviceConnectConfiguration(ServiceConnectConfiguration.enabled(Optional.empty(), List.of()))
                .build());
        WebTasks.awaitTrue("2 api tasks of v1, deployment completed", STEADY, () -> WebTasks.completed(api)
                && WebTasks.running(api).size() == 2);
        WebTasks.awaitTrue("the client calls api by name", STEADY, () -> clientLog(cluster, client).contains("v1"));
        int clientCallsBefore = clientLog(cluster, client).size();
        // Its httpd listens on another port: the target group's checks never pass.
        RegisteredTaskDefinition broken = berth.taskDefinitions().register(TaskDefinition.builder("api")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .stopTimeout(Duration.ofSeconds(2)).portMapping(PortMapping.of(WebTasks.PORT).withName("http"))
                        .command("sh", "-c", "mkdir -p /www && echo broken > /www/index.html && exec httpd -f -p 9999"
                                + " -h /www"))
                .build());

        CallCounter viaBalancer = new CallCounter(api.endpoint(WebTasks.PORT));
        api.deploy(broken.ref());
        WebTasks.awaitTrue("the breaker rolled back to v1 and the rollback completed", Duration.ofMinutes(4), () -> {
            var deployments = api.describe().deployments();
            return deployments.size() == 1 && deployments.get(0).deployment().rollbackOf().isPresent()
                    && deployments.get(0).deployment().rolloutState() == RolloutState.COMPLETED
                    && WebTasks.running(api).size() == 2;
        });
        viaBalancer.close();

        List<String> all = clientLog(cluster, client);
        List<String> byName = all.subList(clientCallsBefore, all.size());
        System.out.printf("Deployment of a revision that never gets healthy, rolled back: %d requests through the"
                        + " load balancer, %d failed; %d calls by name, %d failed; events: %s%n", viaBalancer.sent(),
                viaBalancer.failures().size(), byName.size(), byName.stream().filter("FAIL"::equals).count(),
                api.events().stream().map(e -> e.message()).toList());
        assertThat(api.events()).extracting(e -> e.message()).anyMatch(m -> m.contains("rolling back to deployment"));
        assertThat(viaBalancer.failures()).as("failed requests through the load balancer").isEmpty();
        assertThat(byName).as("failed calls by name").doesNotContain("FAIL").doesNotContain("broken");
        assertThat(viaBalancer.sent()).isGreaterThan(20);
        assertThat(byName.size()).isGreaterThan(10);
    }

    static List<String> clientLog(Cluster cluster, Service client) {
        return client.tasks().stream().flatMap(t -> cluster.tasks().logs(t.taskId(), "app", 1000).stream())
                .toList();
    }
}
