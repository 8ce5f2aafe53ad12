package dev.berth.swarm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.RolloutState;
import dev.berth.service.ServiceEvent;
import dev.berth.spi.ManagedServiceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceStatusesTest {

    private static RegisteredTaskDefinition revision(int revision) {
        return new RegisteredTaskDefinition("arn:web:" + revision, revision, TaskDefinitionStatus.ACTIVE,
                TaskDefinition.builder("web").container(c -> c.name("web").image("busybox:1").memoryMiB(16)).build(),
                Instant.EPOCH, Optional.empty());
    }

    private static String spec(int revision, String deployment) {
        return "{'Name':'c_web','Labels':{'dev.berth.service':'web',"
                + "'dev.berth.deployment-created-at':'2026-01-02T03:00:00Z'},"
                + "'Mode':{'Replicated':{'Replicas':2}},"
                + "'TaskTemplate':{'ContainerSpec':{'Labels':{'dev.berth.deployment':'" + deployment + "',"
                + "'dev.berth.task-definition':'arn:web:" + revision + "'}}}}";
    }

    /** The revision a template names, as Berth gave it. */
    private static Optional<RegisteredTaskDefinition> given(JsonNode template, JsonNode endpoint) {
        String arn = template.path("ContainerSpec").path("Labels").path("dev.berth.task-definition").asText();
        return arn.startsWith("arn:web:") ? Optional.of(revision(Integer.parseInt(arn.substring(8))))
                : Optional.empty();
    }

    private static SwarmService service(String update) {
        return SwarmService.of(Fixtures.json("{'ID':'s','Version':{'Index':3},'CreatedAt':'2026-01-02T03:00:00Z',"
                + "'UpdatedAt':'2026-01-02T03:01:00Z','Spec':" + spec(2, "d2") + ",'PreviousSpec':" + spec(1, "d1")
                + update + "}"));
    }

    private static SwarmTask task(String id, String deployment, String state, String desired) {
        return Fixtures.task(id, "s", "n1", desired, state, "'dev.berth.deployment':'" + deployment + "'", "",
                "2026-01-02T03:00:30Z");
    }

    @Test
    void of_whileUpdating_reportsBothDeploymentsWithTheirTasks() {
        ManagedServiceStatus s = ServiceStatuses.of(service(",'UpdateStatus':{'State':'updating',"
                + "'StartedAt':'2026-01-02T03:00:20Z','Message':'update in progress'}"),
                List.of(task("a", "d1", "running", "running"), task("b", "d2", "running", "running"),
                        task("c", "d2", "starting", "running")), false, Set.of("n1"), ServiceStatusesTest::given);

        assertThat(s.deployments()).hasSize(2);
        assertThat(s.deployments().get(0)).satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeploymentStatus.PRIMARY);
            assertThat(d.id()).isEqualTo("d2");
            assertThat(d.taskDefinition().arn()).isEqualTo("arn:web:2");
            assertThat(d.rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
            assertThat(d.runningCount()).isEqualTo(1);
            assertThat(d.pendingCount()).isEqualTo(1);
        });
        assertThat(s.deployments().get(1)).satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeploymentStatus.ACTIVE);
            assertThat(d.taskDefinition().arn()).isEqualTo("arn:web:1");
        });
        assertThat(s.runningCount()).isEqualTo(2);
        assertThat(s.desiredCount()).isEqualTo(2);
    }

    @Test
    void of_whenRollingBack_marksThePreviousDeploymentFailedWithSwarmsWords() {
        ManagedServiceStatus s = ServiceStatuses.of(service(",'UpdateStatus':{'State':'rollback_started',"
                + "'StartedAt':'2026-01-02T03:00:40Z','Message':'update rolled back due to failure'}"),
                List.of(task("a", "d2", "running", "running")), false, Set.of("n1"), ServiceStatusesTest::given);

        assertThat(s.deployments().get(1)).satisfies(d -> {
            assertThat(d.rolloutState()).isEqualTo(RolloutState.FAILED);
            assertThat(d.rolloutStateReason()).contains("rolled back");
        });
        assertThat(s.events()).extracting(ServiceEvent::message)
                .anySatisfy(m -> assertThat(m).contains("rolling back to deployment (d2)"));
    }

    @Test
    void of_whenCompletedAndSteady_isOneCompletedDeploymentAndASteadyEvent() {
        ManagedServiceStatus s = ServiceStatuses.of(service(",'UpdateStatus':{'State':'completed',"
                + "'StartedAt':'2026-01-02T03:00:20Z','CompletedAt':'2026-01-02T03:00:50Z'}"),
                List.of(task("a", "d2", "running", "running"), task("b", "d2", "running", "running"),
                        task("c", "d1", "shutdown", "shutdown")), false, Set.of("n1"), ServiceStatusesTest::given);

        assertThat(s.deployments()).singleElement().satisfies(d ->
                assertThat(d.rolloutState()).isEqualTo(RolloutState.COMPLETED));
        assertThat(s.events().get(0).kind()).isEqualTo(ServiceEvent.Kind.SERVICE_STEADY_STATE);
        assertThat(s.events()).extracting(ServiceEvent::kind).contains(ServiceEvent.Kind.SERVICE_DEPLOYMENT_COMPLETED,
                ServiceEvent.Kind.TASKS_STARTED, ServiceEvent.Kind.TASKS_STOPPED);
    }

    @Test
    void of_whenTheUpdateCompletedButOldTasksStillStop_isStillInProgress() {
        SwarmService completed = service(",'UpdateStatus':{'State':'completed',"
                + "'StartedAt':'2026-01-02T03:00:20Z','CompletedAt':'2026-01-02T03:00:50Z'}");
        List<SwarmTask> tasks = List.of(task("a", "d2", "running", "running"), task("b", "d2", "running", "running"),
                task("c", "d1", "running", "shutdown"));

        ManagedServiceStatus stopping = ServiceStatuses.of(completed, tasks, false, Set.of("n1"), ServiceStatusesTest::given);
        ManagedServiceStatus nodeLost = ServiceStatuses.of(completed, tasks, false, Set.of(), ServiceStatusesTest::given);

        assertThat(stopping.deployments()).extracting(d -> d.status() + " " + d.rolloutState())
                .containsExactly("PRIMARY IN_PROGRESS", "ACTIVE COMPLETED");
        assertThat(stopping.events()).extracting(ServiceEvent::kind)
                .doesNotContain(ServiceEvent.Kind.SERVICE_STEADY_STATE);
        assertThat(nodeLost.deployments()).as("a task on a node that is not ready keeps no deployment ACTIVE")
                .singleElement().satisfies(d -> assertThat(d.rolloutState()).isEqualTo(RolloutState.COMPLETED));
    }

    @Test
    void of_whileRollingBack_reportsTheFailedDeploymentFromItsTasks_sinceSwarmDroppedThePreviousSpec() {
        SwarmService rollingBack = SwarmService.of(Fixtures.json("{'ID':'s','Version':{'Index':3},"
                + "'CreatedAt':'2026-01-02T03:00:00Z','UpdatedAt':'2026-01-02T03:01:00Z','Spec':" + spec(1, "d1")
                + ",'UpdateStatus':{'State':'rollback_started','StartedAt':'2026-01-02T03:00:40Z',"
                + "'Message':'update rolled back due to failure or early termination of task x'}}"));
        SwarmTask failing = Fixtures.task("f", "s", "n1", "running", "starting",
                "'dev.berth.deployment':'d2','dev.berth.task-definition':'arn:web:2'", "", "2026-01-02T03:00:45Z");

        ManagedServiceStatus s = ServiceStatuses.of(rollingBack, List.of(task("a", "d1", "running", "running"),
                failing), false, Set.of("n1"), ServiceStatusesTest::given);

        assertThat(s.deployments()).extracting(d -> d.id() + " " + d.status() + " " + d.rolloutState())
                .containsExactly("d1 PRIMARY IN_PROGRESS", "d2 ACTIVE FAILED");
        assertThat(s.deployments().get(1).rolloutStateReason()).contains("rolled back");
        assertThat(s.events()).extracting(ServiceEvent::message)
                .anySatisfy(m -> assertThat(m).contains("(deployment d2) rolling back to deployment (d1)"));
    }
}
