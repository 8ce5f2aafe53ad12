package dev.berth.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.DockerCleanup;
import dev.berth.docker.DockerCleanup.Resource;
import dev.berth.docker.RequiresDockerEngine;
import dev.berth.docker.TestImages;
import dev.berth.exception.WaitFailedException;
import dev.berth.model.HealthCheck;
import dev.berth.model.TaskDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs small test classes that use the extension (with JUnit's test kit, in this JVM) and checks, on the real
 * engine, what their failures show and that nothing of theirs is left after a pass, a failure, or a failed start.
 */
@RequiresDockerEngine
class FailureAndCleanupIT {

    /** What the scenarios saw while they ran. */
    static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

    @BeforeEach
    void clear() {
        SEEN.clear();
    }

    @Test
    void passingTest_leavesNoContainerOrNetwork() {
        EngineExecutionResults results = run(Passing.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1));
        String cluster = (String) SEEN.get("cluster");
        assertThat((Integer) SEEN.get("during")).isGreaterThan(0);
        assertThat(EngineResources.ofScope(cluster)).isZero();
        assertThat(EngineResources.ofThisRun()).isZero();
    }

    @Test
    void removeCurrentRun_outsideTheExtension_removesWhatTheRunStarted_andTheScopesOwnCleanUpStillRuns() {
        EngineExecutionResults results = run(RemovingItsRun.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1));
        @SuppressWarnings("unchecked")
        List<Resource> removed = (List<Resource>) SEEN.get("removed");
        assertThat(removed).extracting(Resource::kind).contains(DockerCleanup.Kind.CONTAINER);
        assertThat(removed).allSatisfy(r -> assertThat(r.labels())
                .containsEntry(BerthRuns.RUN_LABEL, BerthRuns.currentRunId())
                .containsEntry(RunIdentity.SCOPE, (String) SEEN.get("cluster")));
        // The service replaced its task meanwhile; the scope's own clean-up removed that one.
        assertThat(EngineResources.ofThisRun()).isZero();
    }

    @Test
    void failingTest_showsTheContainersOutputAndEvents_andLeavesNothing() {
        EngineExecutionResults results = run(Failing.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        Throwable failure = failureOf(results.testEvents().failed().list().get(0));
        assertThat(failure).hasMessage("deliberately failing");
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(ServiceLogDump.class)
                .satisfies(dump -> assertThat(dump.getMessage())
                        .contains("=== Berth service web")
                        .contains("has started 1 task")
                        .contains("container app: RUNNING")
                        .contains("| web-task-started"));
        assertThat(results.allEvents().reportingEntryPublished().count()).isEqualTo(1);
        assertThat(EngineResources.ofScope((String) SEEN.get("cluster"))).isZero();
        assertThat(EngineResources.ofThisRun()).isZero();
    }

    @Test
    void serviceThatKeepsCrashing_failsTheClassAtOnceWithTheCauseAndItsContainersLogs_andLeavesNothing() {
        EngineExecutionResults results = run(NeverSteady.class);

        results.testEvents().assertStatistics(s -> s.started(0));
        Event failed = results.containerEvents().failed().list().get(0);
        Throwable failure = failureOf(failed);
        // It gives up at the third failed task (a default circuit breaker's count), long before its 60 s.
        assertThat(failure).isInstanceOf(WaitFailedException.class).hasMessageContaining("crasher")
                .hasMessageStartingWith("EssentialContainerExited: Essential container in task exited"
                        + " (app exited with code 3");
        assertThat(failure.getMessage()).contains("  | crashing-on-purpose");
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(ServiceLogDump.class)
                .satisfies(dump -> assertThat(dump.getMessage())
                        .contains("| crashing-on-purpose")
                        .contains("exit code 3"));
        assertThat(EngineResources.ofThisRun()).isZero();
    }

    private static EngineExecutionResults run(Class<?> scenario) {
        return Scenarios.run(scenario);
    }

    private static Throwable failureOf(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }

    @Scenario
    @BerthService(name = "web", taskDefinition = "classpath:web-task.json")
    static class Passing {

        @Test
        void passes(BerthServiceHandle web) {
            SEEN.put("cluster", web.cluster().name());
            SEEN.put("during", EngineResources.ofScope(web.cluster().name()));
        }
    }

    @Scenario
    @BerthService(name = "web", taskDefinition = "classpath:web-task.json")
    static class RemovingItsRun {

        @Test
        void removesItsRun(BerthServiceHandle web) {
            SEEN.put("cluster", web.cluster().name());
            SEEN.put("removed", BerthRuns.removeCurrentRun(DockerBackendConfig.fromEnvironment()));
        }
    }

    @Scenario
    @BerthService(name = "web", taskDefinition = "classpath:web-task.json")
    static class Failing {

        @Test
        void fails(BerthServiceHandle web) {
            SEEN.put("cluster", web.cluster().name());
            fail("deliberately failing");
        }
    }

    @Scenario
    @BerthService(name = "crasher", definition = "crasher", steadyTimeoutSeconds = 60)
    static class NeverSteady {

        static TaskDefinition crasher() {
            return TaskDefinition.builder("crasher")
                    .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                            .stopTimeout(Duration.ofSeconds(1))
                            .command("sh", "-c", "echo crashing-on-purpose; exit 3")
                            // Never healthy: a task seen RUNNING for a moment before it exits cannot pass the wait.
                            .healthCheck(HealthCheck.shell("exit 1").withInterval(Duration.ofSeconds(5))))
                    .build();
        }

        @Test
        void neverRuns() {
            fail("the service never steadies, so no test runs");
        }
    }
}
