package dev.berth.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.RequiresDockerEngine;
import dev.berth.docker.WebTasks;
import dev.berth.model.TaskDefinition;
import dev.berth.network.Endpoint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Two test classes declaring a service of the same name run at the same time (JUnit's parallel execution) without
 * meeting: each gets its own cluster, containers and answers, and both clean up.
 */
@RequiresDockerEngine
class ParallelClassesIT {

    static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();
    static final Map<String, String> CLUSTERS = new ConcurrentHashMap<>();
    /** Both classes' tests wait here for each other: proof that they overlap. */
    static final CountDownLatch BOTH_RUNNING = new CountDownLatch(2);

    @Test
    void classesWithTheSameServiceNames_runInParallel_withoutColliding() {
        EngineExecutionResults results = Scenarios.kit(First.class, Second.class)
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
                .execute();

        results.testEvents().assertStatistics(s -> s.succeeded(2));
        assertThat(ANSWERS).containsEntry("first", "first-v1").containsEntry("second", "second-v1");
        assertThat(CLUSTERS.get("first")).isNotEqualTo(CLUSTERS.get("second"));
        assertThat(EngineResources.ofThisRun()).isZero();
    }

    static void meet(String who, BerthServiceHandle web) throws InterruptedException {
        BOTH_RUNNING.countDown();
        assertThat(BOTH_RUNNING.await(90, TimeUnit.SECONDS)).as("the other class runs at the same time").isTrue();
        Endpoint endpoint = web.endpoint(WebTasks.PORT);
        ANSWERS.put(who, WebTasks.get(endpoint.host(), endpoint.port()).orElse("no answer"));
        CLUSTERS.put(who, web.cluster().name());
    }

    @Scenario
    @BerthService(name = "web", definition = "web")
    static class First {

        static TaskDefinition web() {
            return WebTasks.definition("first-v1");
        }

        @Test
        void answers(BerthServiceHandle web) throws InterruptedException {
            meet("first", web);
        }
    }

    @Scenario
    @BerthService(name = "web", definition = "web")
    static class Second {

        static TaskDefinition web() {
            return WebTasks.definition("second-v1");
        }

        @Test
        void answers(BerthServiceHandle web) throws InterruptedException {
            meet("second", web);
        }
    }
}
