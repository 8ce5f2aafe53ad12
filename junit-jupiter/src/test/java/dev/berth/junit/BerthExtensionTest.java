package dev.berth.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.TaskDefinition;
import dev.berth.network.Endpoint;
import dev.berth.progress.DeploymentProgress;
import dev.berth.progress.ProgressEvent;
import dev.berth.task.Task;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * The extension's logic on the in-memory backend: which services start in which scope, what is injected, what a
 * failure shows, and that every task is gone afterwards. The real engine's part is in the *IT classes.
 */
class BerthExtensionTest {

    /** What the scenarios saw while they ran, by key. */
    static final Map<String, Object> SEEN = new ConcurrentHashMap<>();
    /** The progress reports of {@link WithProgress}. */
    static final List<ProgressEvent> PROGRESS = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clear() {
        SEEN.clear();
        PROGRESS.clear();
        InMemoryServices.OPENED.clear();
    }

    @Test
    void injection_whenServicesAreDeclaredEveryWay_injectsEachIntoItsScope() {
        EngineExecutionResults results = run(Injected.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(SEEN).containsKeys("web", "api", "worker-injects", "worker-secondTest");
        // Class-wide services share the class's cluster; each test's own service has a cluster of its own.
        assertThat(SEEN.get("api")).isEqualTo(SEEN.get("web"));
        assertThat(SEEN.get("worker-injects")).isNotEqualTo(SEEN.get("web"))
                .isNotEqualTo(SEEN.get("worker-secondTest"));
        assertNothingLeft();
    }

    @Test
    void annotations_whenTheClassRegistersItsOwnExtension_areStartedByThatOneOnly() {
        EngineExecutionResults results = run(JsonOnCustomBackend.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(InMemoryServices.OPENED).containsKey((String) SEEN.get("json-cluster"));
        assertNothingLeft();
    }

    @Test
    void failure_whenATestFails_attachesTheServicesLogsAndEventsToTheFailure() {
        EngineExecutionResults results = run(FailingWithLogs.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        Throwable failure = results.testEvents().failed().list().get(0).getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(failure).hasMessage("deliberately");
        assertThat(failure.getSuppressed()).hasSize(1);
        assertThat(failure.getSuppressed()[0]).isInstanceOf(ServiceLogDump.class)
                .hasMessageContaining("=== Berth service web")
                .hasMessageContaining("| a line the container wrote")
                .hasMessageContaining("container app: RUNNING");
        List<Event> reports = results.allEvents().reportingEntryPublished().list();
        assertThat(reports).isNotEmpty();
        assertNothingLeft();
    }

    @Test
    void progress_reachesTheListener_whileTheServicesStart() {
        EngineExecutionResults results = run(WithProgress.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(PROGRESS).isNotEmpty().allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                DeploymentProgress.class, d -> {
                    assertThat(d.cluster()).isEqualTo(SEEN.get("progress-cluster"));
                    assertThat(d.service()).isEqualTo("web");
                    assertThat(d.desiredCount()).isEqualTo(2);
                }));
        assertNothingLeft();
    }

    @Test
    void disabledWithoutDocker_whenNoEngineAnswers_skipsWithTheReason() {
        EngineExecutionResults results = run(SkippedWithoutEngine.class);

        List<Event> skipped = results.containerEvents().skipped().list();
        assertThat(skipped).hasSize(1);
        assertThat(skipped.get(0).getPayload(String.class).orElseThrow())
                .contains("disabledWithoutDocker").contains("/nonexistent/docker.sock");
    }

    @Test
    void missingEngine_whenSkippingWasNotAskedFor_failsWithTheReason() {
        EngineExecutionResults results = run(RequiresEngine.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(BackendUnavailableException.class), message(m -> m.contains("needs a Docker engine")))));
    }

    @Test
    void declaration_withoutADefinition_failsNamingTheFix() {
        EngineExecutionResults results = run(NoDefinition.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(m -> m.contains("needs exactly one of taskDefinition")))));
    }

    @Test
    void fieldAnnotationAlone_registersTheExtension_andAClassWideDefinitionMustBeStatic() {
        EngineExecutionResults results = run(InstanceDefinitionForStaticField.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message(m -> m.contains("must be static")))));
    }

    @Test
    void classWideAnnotations_withAnExtensionInAnInstanceField_failNamingTheFix() {
        EngineExecutionResults results = run(PerTestExtensionWithClassWideService.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message(m -> m.contains("make that")))));
    }

    @Test
    void extensionInAnInstanceField_startsItsServicesForEachTest() {
        EngineExecutionResults results = run(PerTestExtension.class);

        results.testEvents().assertStatistics(s -> s.succeeded(2));
        assertThat(SEEN.get("per-test-1")).isNotNull().isNotEqualTo(SEEN.get("per-test-2"));
        assertNothingLeft();
    }

    private static EngineExecutionResults run(Class<?> scenario) {
        return Scenarios.run(scenario);
    }

    private static void assertNothingLeft() {
        assertThat(InMemoryServices.OPENED).isNotEmpty();
        InMemoryServices.OPENED.forEach((cluster, backend) ->
                assertThat(backend.tasks(cluster)).as("tasks left in " + cluster).isEmpty());
    }

    @Scenario
    static class Injected {

        @RegisterExtension
        static BerthExtension berth = BerthExtension.on(InMemoryServices.factory())
                .service("web", InMemoryServices.web("web"), 2);

        @BerthService(name = "api", definition = "apiDefinition")
        static BerthServiceHandle api;

        @BerthService(name = "worker", definition = "workerDefinition")
        BerthServiceHandle worker;

        static TaskDefinition apiDefinition() {
            return InMemoryServices.web("api");
        }

        TaskDefinition workerDefinition() {
            return InMemoryServices.web("worker");
        }

        @Test
        void injects(@BerthHandle("web") BerthServiceHandle web) {
            assertThat(web.tasks()).hasSize(2);
            List<Endpoint> endpoints = web.endpoints(8080);
            assertThat(endpoints).hasSize(2).allMatch(e -> e.host().equals("127.0.0.1"));
            assertThat(endpoints.get(0).port()).isNotEqualTo(endpoints.get(1).port());
            assertThat(api.tasks()).hasSize(1);
            assertThat(worker.tasks()).hasSize(1);
            SEEN.put("web", web.cluster().name());
            SEEN.put("api", api.cluster().name());
            SEEN.put("worker-injects", worker.cluster().name());
        }

        @Test
        void secondTest() {
            SEEN.put("worker-secondTest", worker.cluster().name());
        }
    }

    @Scenario
    @BerthService(name = "web", taskDefinition = "classpath:web-task.json", desiredCount = 2)
    static class JsonOnCustomBackend {

        @RegisterExtension
        static BerthExtension berth = BerthExtension.on(InMemoryServices.factory());

        @Test
        void runsTheJsonDefinition(BerthServiceHandle web) {
            assertThat(web.tasks()).hasSize(2).allMatch(t -> t.taskDefinitionArn().contains("junit-web"));
            SEEN.put("json-cluster", web.cluster().name());
        }
    }

    @Scenario
    static class FailingWithLogs {

        @RegisterExtension
        static BerthExtension berth = BerthExtension.on(InMemoryServices.factory())
                .service("web", InMemoryServices.web("web"), 1);

        @Test
        void fails(BerthServiceHandle web) {
            Task task = web.tasks().get(0);
            InMemoryBackend backend = InMemoryServices.OPENED.get(web.cluster().name());
            backend.appendLog(web.cluster().name(), task.taskId(), "app", "a line the container wrote");
            fail("deliberately");
        }
    }

    @Scenario
    static class WithProgress {

        @RegisterExtension
        static BerthExtension berth = BerthExtension.on(InMemoryServices.factory())
                .service("web", InMemoryServices.web("web"), 2)
                .progress(event -> PROGRESS.add(event));

        @Test
        void runs(BerthServiceHandle web) {
            SEEN.put("progress-cluster", web.cluster().name());
        }
    }

    @Scenario
    static class SkippedWithoutEngine {

        @RegisterExtension
        static BerthExtension berth = BerthExtension.docker(DockerBackendConfig.builder()
                        .dockerHost(URI.create("unix:///nonexistent/docker.sock")).build())
                .disabledWithoutDocker()
                .service("web", InMemoryServices.web("web"), 1);

        @Test
        void neverRuns() {
            fail("must be skipped");
        }
    }

    @Scenario
    static class RequiresEngine {

        @RegisterExtension
        static BerthExtension berth = BerthExtension.docker(DockerBackendConfig.builder()
                        .dockerHost(URI.create("unix:///nonexistent/docker.sock")).build())
                .service("web", InMemoryServices.web("web"), 1);

        @Test
        void neverRuns() {
            fail("must not run");
        }
    }

    @Scenario
    static class InstanceDefinitionForStaticField {

        @BerthService(name = "web", definition = "web")
        static BerthServiceHandle web;

        TaskDefinition web() {
            return InMemoryServices.web("web");
        }

        @Test
        void neverRuns() {
            fail("must not run");
        }
    }

    @Scenario
    @BerthService(name = "web", definition = "web")
    static class PerTestExtensionWithClassWideService {

        @RegisterExtension
        BerthExtension berth = BerthExtension.on(InMemoryServices.factory());

        static TaskDefinition web() {
            return InMemoryServices.web("web");
        }

        @Test
        void neverRuns() {
            fail("must not run");
        }
    }

    @Scenario
    static class PerTestExtension {

        @RegisterExtension
        BerthExtension berth = BerthExtension.on(InMemoryServices.factory())
                .service("web", InMemoryServices.web("web"), 1);

        @Test
        void first(BerthServiceHandle web) {
            SEEN.put("per-test-1", web.cluster().name());
        }

        @Test
        void second(BerthServiceHandle web) {
            SEEN.put("per-test-2", web.cluster().name());
        }
    }

    @Scenario
    @BerthService(name = "web")
    static class NoDefinition {

        @Test
        void neverRuns() {
            fail("must not run");
        }
    }
}
