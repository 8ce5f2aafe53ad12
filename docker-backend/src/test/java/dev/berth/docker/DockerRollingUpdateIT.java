package dev.berth.docker;

import static dev.berth.docker.WebTasks.completed;
import static dev.berth.docker.WebTasks.definition;
import static dev.berth.docker.WebTasks.running;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.ServiceSpec;
import dev.berth.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 5-replica service rolling to a new revision with ECS's default bounds (minimumHealthyPercent 100,
 * maximumPercent 200) while a client sends HTTP requests to every running task's published port.
 */
class DockerRollingUpdateIT extends ServiceTestBase {

    @Test
    void fiveReplicas_rollToANewRevision_withinTheBounds_whileAClientPollsEveryTask() {
        Berth berth = open(berth(DockerBackend.create(config)));
        RegisteredTaskDefinition v1 = berth.taskDefinitions().register(definition("v1"));
        Service web = berth.clusters().create(session).services().create(ServiceSpec.builder("web", v1.ref())
                .desiredCount(5).deploymentConfiguration(DeploymentConfiguration.replicaDefaults()).build());
        WebTasks.awaitTrue("5 tasks of v1, deployment completed", STEADY,
                () -> completed(web) && running(web).size() == 5);
        RegisteredTaskDefinition v2 = berth.taskDefinitions().register(definition("v2"));

        try (RollWatch watch = new RollWatch(web::tasks, config.endpointHost(), 5, 10)) {
            web.deploy(v2.ref());
            WebTasks.awaitTrue("5 running tasks of v2, deployment completed", STEADY, () -> {
                List<Task> tasks = running(web);
                return tasks.size() == 5 && tasks.stream().allMatch(t -> t.taskDefinitionArn().equals(v2.arn()))
                        && completed(web);
            });
            System.out.println("Rolling update 5 tasks v1 -> v2 (min 100 %, max 200 %) " + watch.stop());
            assertThat(watch.violations()).as("moments outside 5..10 tasks").isEmpty();
            assertThat(watch.requests()).isPositive();
        }
        for (Task task : running(web)) {
            assertThat(WebTasks.get(config.endpointHost(), WebTasks.port(task))).contains("v2");
        }
    }
}
