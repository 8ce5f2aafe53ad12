package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.api.ServiceDescription;
import dev.berth.api.TaskDefinitions;
import dev.berth.exception.InvalidSpecException;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.json.EcsTaskDefinitionJson;
import dev.berth.model.ArnScope;
import dev.berth.model.HealthCheck;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.ServiceSpec;
import dev.berth.task.Task;
import dev.berth.testing.ManualScheduledExecutor;
import dev.berth.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the code the README and docs/ show and checks that they show exactly this code (examples'
 * DocumentationSnippetsTest also compares every marked block of those pages with its source).
 */
class ReadmeExampleTest {

    @Test
    void readmeExample_runs() {
        // tag::readme[]
        TaskDefinition web = TaskDefinition.builder("web")
                .container(c -> c.name("app")
                        .image("busybox:stable")
                        .memoryMiB(64)
                        .command("httpd", "-f", "-p", "8080")
                        .portMapping(8080)
                        .healthCheck(HealthCheck.shell("wget -q -O /dev/null http://localhost:8080/ || exit 1")))
                .build();

        TaskDefinitions revisions = TaskDefinitions.inMemory(Clock.systemUTC(), ArnScope.local());
        RegisteredTaskDefinition first = revisions.register(web);      // web:1
        RegisteredTaskDefinition second = revisions.register(web);     // web:2
        // end::readme[]

        assertThat(first.ref()).hasToString("web:1");
        assertThat(second.ref()).hasToString("web:2");
        assertThat(revisions.describe("web")).isEqualTo(second);
    }

    @Test
    void readmeServiceExample_runs() {
        TaskDefinition web = TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64).portMapping(8080))
                .build();
        // tag::readme-service[]
        InMemoryBackend backend = InMemoryBackend.create(Clock.systemUTC());   // or the Docker backend
        backend.addInstance("dev", InMemoryBackend.instance("i-1").cpu(2048).memoryMiB(4096));

        try (Berth berth = Berth.builder(backend).build()) {
            berth.taskDefinitions().register(web);
            Cluster dev = berth.clusters().create("dev");
            Service service = dev.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                    .desiredCount(3)
                    .build());
            ServiceDescription steady = service.awaitSteady(Duration.ofMinutes(1));
            System.out.println(steady.summary());                 // ACTIVE, 3/3 running, 0 pending, 1 deployment
            service.scale(5);                                      // the reconciler starts two more
        }
        // end::readme-service[]

        assertThat(backend.tasks("dev")).filteredOn(Task::isLive).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void readmeJsonExample_runs() {
        Path webJson = Path.of("src/test/resources/task-definitions/web-nginx-health-check.json");
        // tag::readme-json[]
        EcsTaskDefinitionJson json = EcsTaskDefinitionJson.create();
        TaskDefinition fromFile = json.read(webJson);   // a file made for `aws ecs register-task-definition --cli-input-json`
        String text = json.write(fromFile);             // and back, in the same format
        // end::readme-json[]

        assertThat(json.read(text)).isEqualTo(fromFile);
    }

    @Test
    void readmeStateDirectoryExample_runs(@TempDir Path stateDir) {
        InMemoryBackend backend = InMemoryBackend.create(Clock.systemUTC());
        // tag::readme-state[]
        try (Berth berth = Berth.builder(backend)
                .stateDirectory(stateDir)   // clusters, task definitions and services survive a restart
                .build()) {
            berth.clusters().getOrCreate("dev");
        }
        // end::readme-state[]

        try (Berth restarted = Berth.builder(backend).stateDirectory(stateDir).build()) {
            assertThat(restarted.clusters().get("dev")).isPresent();
        }
    }

    @Test
    void testingDocsExample_runsDeterministically() {
        TaskDefinition web = TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64))
                .build();
        // tag::docs-deterministic[]
        MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
        InMemoryBackend backend = InMemoryBackend.create(clock);
        backend.addInstance("test", InMemoryBackend.instance("i-1"));
        try (Berth berth = Berth.builder(backend).clock(clock)
                .executor(new ManualScheduledExecutor())       // no background passes: the test drives them
                .build()) {
            berth.taskDefinitions().register(web);
            Service service = berth.clusters().create("test").services()
                    .create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web")).desiredCount(2).build());
            berth.reconcileNow("test", "web");                          // starts 2 tasks
            String crashed = service.tasks().get(0).taskId();
            backend.exitContainer("test", crashed, "app", 1);           // its essential container exits
            clock.advance(Duration.ofSeconds(1));
            berth.reconcileNow("test", "web");                          // a replacement starts
            assertThat(service.tasks()).hasSize(2).noneMatch(t -> t.taskId().equals(crashed));
        }
        // end::docs-deterministic[]
    }

    @Test
    void readme_showsTheRealValidationMessage() throws IOException {
        String message = catchThrowableOfType(InvalidSpecException.class, () -> TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable")
                        .healthCheck(HealthCheck.shell("true").withInterval(Duration.ofSeconds(1))))
                .build()).getMessage();

        assertThat(documentation()).contains(message);
    }

    @Test
    void readme_showsTheExamplesVerbatim() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/berth/ReadmeExampleTest.java"));

        assertThat(documentation()).contains(region(source, "readme")).contains(region(source, "readme-json"))
                .contains(region(source, "readme-service")).contains(region(source, "readme-state"))
                .contains(region(source, "docs-deterministic"));
    }

    /** @return README.md and the pages of docs/, one after the other */
    private static String documentation() throws IOException {
        StringBuilder text = new StringBuilder(Files.readString(Path.of("../README.md")));
        try (Stream<Path> pages = Files.list(Path.of("../docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                text.append('\n').append(Files.readString(page));
            }
        }
        return text.toString();
    }

    private static String region(String source, String tag) {
        String body = source.substring(source.indexOf("// tag::" + tag + "[]"), source.indexOf("// end::" + tag + "[]"));
        String[] lines = body.substring(body.indexOf('\n') + 1).split("\n");
        int indent = Arrays.stream(lines).filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return Arrays.stream(lines).map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"))
                .stripTrailing();
    }
}
