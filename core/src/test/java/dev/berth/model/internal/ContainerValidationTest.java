package dev.berth.model.internal;

import static dev.berth.model.internal.ValidationFixtures.container;
import static dev.berth.model.internal.ValidationFixtures.onlyProblem;
import static dev.berth.model.internal.ValidationFixtures.problemsOf;
import static dev.berth.model.internal.ValidationFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.exception.SpecProblem;
import dev.berth.model.Compatibility;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.FirelensConfiguration;
import dev.berth.model.LogConfiguration;
import dev.berth.model.NetworkMode;
import dev.berth.model.RestartPolicy;
import dev.berth.model.TaskDefinition;
import dev.berth.model.Ulimit;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules for a container's own fields: name, image, cpu, memory, variables, timeouts, restarts, links, logs, ulimits. */
class ContainerValidationTest {

    private static TaskDefinition.Builder fargate(ContainerDefinition.Builder container) {
        return task(container).requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC)
                .cpu(256).memoryMiB(512);
    }

    @Nested
    class Name {
        @Test
        void build_whenNameEmpty_reportsEcsText() {
            SpecProblem problem = onlyProblem(task(container("")), "containerDefinitions[0].name",
                    "container.name.empty");

            assertThat(problem.message()).isEqualTo("Container.name should not be null or empty.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"my app", "app.1", "app:1"})
        void build_whenNameHasOtherCharacters_reportsNamePattern(String name) {
            onlyProblem(task(container(name)), "containerDefinitions[0].name", "container.name.pattern");
        }

        @Test
        void build_whenName256Characters_reportsNamePattern() {
            onlyProblem(task(container("n".repeat(256))), "containerDefinitions[0].name", "container.name.pattern");
        }

        @Test
        void build_whenNameUsedTwice_reportsDuplicateAtSecond() {
            SpecProblem problem = onlyProblem(task(container("app"), container("log"), container("app")),
                    "containerDefinitions[2].name", "container.name.duplicate");

            assertThat(problem.message()).contains("containerDefinitions[0]");
        }
    }

    @Nested
    class Image {
        @Test
        void build_whenImageEmpty_reportsEcsText() {
            SpecProblem problem = onlyProblem(task(container("app").image("")), "containerDefinitions[0].image",
                    "container.image.empty");

            assertThat(problem.message()).isEqualTo("Container.image should not be null or empty.");
        }

        @Test
        void build_whenOnlyDigestGiven_reportsImageEmpty() {
            onlyProblem(task(container("app").image("@sha256:" + "a".repeat(64))), "containerDefinitions[0].image",
                    "container.image.empty");
        }

        @Test
        void build_whenImage256CharactersBeforeDigest_reportsTooLong() {
            String image = "r".repeat(256) + "@sha256:" + "0".repeat(64);

            onlyProblem(task(container("app").image(image)), "containerDefinitions[0].image",
                    "container.image.tooLong");
        }

        @Test
        void build_whenImage255CharactersAndDigest_accepts() {
            String image = "r".repeat(255) + "@sha256:" + "0".repeat(64);

            assertThat(problemsOf(task(container("app").image(image)))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"busy box", "busybox:1.36!", "café/app"})
        void build_whenImageHasOtherCharacters_reportsCharacters(String image) {
            List<SpecProblem> problems = problemsOf(task(container("app").image(image)));

            assertThat(problems).extracting(SpecProblem::rule).contains("container.image.characters");
        }

        @ParameterizedTest
        @ValueSource(strings = {"app@sha256:abc", "a@b@sha256:x", "app@md5:0123456789abcdef0123456789abcdef",
            "app@sha256:ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789"})
        void build_whenDigestMalformed_reportsDigest(String image) {
            onlyProblem(task(container("app").image(image)), "containerDefinitions[0].image",
                    "container.image.digest");
        }

        @ParameterizedTest
        @ValueSource(strings = {"busybox", "localhost:5000/team/app:1.2", "Repo/App#1:latest",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:v2@sha256:"
                    + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
        void build_whenImageIsEcsValid_accepts(String image) {
            assertThat(problemsOf(task(container("app").image(image)))).isEmpty();
        }
    }

    @Nested
    class CpuAndMemory {
        @Test
        void build_whenContainerCpuNegative_reportsCpuNegative() {
            onlyProblem(task(container("app").cpu(-2)), "containerDefinitions[0].cpu", "container.cpu.negative");
        }

        @Test
        void build_whenContainerCpuAboveAgentCap_accepts() {
            assertThat(problemsOf(task(container("app").cpu(300_000)))).isEmpty();
        }

        @Test
        void build_whenNoMemoryAnywhere_reportsEcsText() {
            ContainerDefinition.Builder noMemory = ContainerDefinition.builder("worker").image("busybox");

            SpecProblem problem = onlyProblem(task(noMemory), "containerDefinitions[0].memory",
                    "container.memory.required");

            assertThat(problem.message()).isEqualTo("Invalid setting for container 'worker'. At least one of"
                    + " 'memory' or 'memoryReservation' must be specified.");
        }

        @Test
        void build_whenTaskMemoryCoversContainerWithoutMemory_accepts() {
            ContainerDefinition.Builder noMemory = ContainerDefinition.builder("worker").image("busybox");

            assertThat(problemsOf(task(noMemory).memoryMiB(512))).isEmpty();
        }

        @Test
        void build_whenOnlyReservationGiven_accepts() {
            ContainerDefinition.Builder soft = ContainerDefinition.builder("worker").image("busybox")
                    .memoryReservationMiB(64);

            assertThat(problemsOf(task(soft))).isEmpty();
        }

        @Test
        void build_whenMemoryBelow6MiB_reportsMemoryMinimum() {
            onlyProblem(task(container("app").memoryMiB(5)), "containerDefinitions[0].memory",
                    "container.memory.minimum");
        }

        @Test
        void build_whenMemoryEqualsReservation_accepts() {
            // ECS registers it: AWS's ecs-cli wrote such definitions for years (aws/amazon-ecs-cli #570, #678).
            assertThat(problemsOf(task(container("app").memoryMiB(128).memoryReservationMiB(128)))).isEmpty();
        }

        @Test
        void build_whenMemoryBelowReservation_reportsMemoryReservation() {
            SpecProblem problem = onlyProblem(task(container("app").memoryMiB(127).memoryReservationMiB(128)),
                    "containerDefinitions[0].memory", "container.memory.reservation");

            assertThat(problem.message()).isEqualTo("memory (127 MiB) must not be less than memoryReservation"
                    + " (128 MiB); raise memory or lower memoryReservation.");
        }

        @Test
        void build_whenReservationZero_reportsReservationMinimum() {
            onlyProblem(task(container("app").memoryReservationMiB(0)), "containerDefinitions[0].memoryReservation",
                    "container.memoryReservation.minimum");
        }

        @Test
        void build_whenContainerMemoryAboveTask_reportsEcsText() {
            SpecProblem problem = onlyProblem(task(container("worker").memoryMiB(1024)).memoryMiB(512),
                    "containerDefinitions[0].memory", "container.memory.exceedsTask");

            assertThat(problem.message())
                    .isEqualTo("The 'memory' setting for container 'worker' is greater than for the task.");
        }
    }

    @Nested
    class EnvironmentAndSecrets {
        @Test
        void build_whenEnvironmentNameEmpty_reportsNameEmpty() {
            onlyProblem(task(container("app").environment("", "x")), "containerDefinitions[0].environment[0].name",
                    "environment.name.empty");
        }

        @Test
        void build_whenEnvironmentNameTwice_reportsDuplicateWithoutTheValue() {
            SpecProblem problem = onlyProblem(task(container("app").environment("MODE", "a")
                            .environment("MODE", "top-secret")),
                    "containerDefinitions[0].environment[1].name", "environment.name.duplicate");

            assertThat(problem.value()).isEqualTo("MODE");
            assertThat(problem.toString()).doesNotContain("top-secret");
        }

        @Test
        void build_whenSecretNameEmpty_reportsNameEmpty() {
            onlyProblem(task(container("app").secret("", "arn:aws:ssm:eu-west-1:1:parameter/p")),
                    "containerDefinitions[0].secrets[0].name", "secrets.name.empty");
        }

        @Test
        void build_whenSecretNamedLikeEnvironmentVariable_reportsDuplicate() {
            onlyProblem(task(container("app").environment("TOKEN", "x").secret("TOKEN", "token-param")),
                    "containerDefinitions[0].secrets[0].name", "secrets.name.duplicate");
        }

        @Test
        void build_whenSecretValueFromEmpty_reportsValueFromEmpty() {
            onlyProblem(task(container("app").secret("TOKEN", "")), "containerDefinitions[0].secrets[0].valueFrom",
                    "secrets.valueFrom.empty");
        }
    }

    @Nested
    class Timeouts {
        @Test
        void build_whenStartTimeoutNegative_reportsNegative() {
            onlyProblem(task(container("app").startTimeout(Duration.ofSeconds(-1))),
                    "containerDefinitions[0].startTimeout", "container.startTimeout.negative");
        }

        @Test
        void build_whenStopTimeoutNegative_reportsNegative() {
            onlyProblem(task(container("app").stopTimeout(Duration.ofSeconds(-1))),
                    "containerDefinitions[0].stopTimeout", "container.stopTimeout.negative");
        }

        @Test
        void build_whenStartTimeoutHasMillis_reportsWholeSeconds() {
            SpecProblem problem = onlyProblem(task(container("app").startTimeout(Duration.ofMillis(1500))),
                    "containerDefinitions[0].startTimeout", "container.startTimeout.wholeSeconds");

            assertThat(problem.value()).isEqualTo("1.5");
        }

        @Test
        void build_whenStopTimeoutHasMillis_reportsWholeSeconds() {
            onlyProblem(task(container("app").stopTimeout(Duration.ofMillis(30_001))),
                    "containerDefinitions[0].stopTimeout", "container.stopTimeout.wholeSeconds");
        }

        @Test
        void build_whenEc2TimeoutsLong_accepts() {
            assertThat(problemsOf(task(container("app").startTimeout(Duration.ofMinutes(10))
                    .stopTimeout(Duration.ofMinutes(10))))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 121})
        void build_whenFargateStartTimeoutOutside2To120_reportsFargateRange(int seconds) {
            onlyProblem(fargate(container("app").startTimeout(Duration.ofSeconds(seconds))),
                    "containerDefinitions[0].startTimeout", "fargate.startTimeout.range");
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 121})
        void build_whenFargateStopTimeoutOutside2To120_reportsFargateRange(int seconds) {
            onlyProblem(fargate(container("app").stopTimeout(Duration.ofSeconds(seconds))),
                    "containerDefinitions[0].stopTimeout", "fargate.stopTimeout.range");
        }

        @Test
        void build_whenFargateTimeoutsAtLimits_accepts() {
            assertThat(problemsOf(fargate(container("app").startTimeout(Duration.ofSeconds(2))
                    .stopTimeout(Duration.ofSeconds(120))))).isEmpty();
        }
    }

    @Nested
    class Restart {
        @Test
        void build_whenFiftyOneIgnoredExitCodes_reportsTooMany() {
            RestartPolicy policy = new RestartPolicy(true, Collections.nCopies(51, 1), Optional.empty());

            onlyProblem(task(container("app").restartPolicy(policy)),
                    "containerDefinitions[0].restartPolicy.ignoredExitCodes", "restartPolicy.ignoredExitCodes.tooMany");
        }

        @ParameterizedTest
        @ValueSource(ints = {59, 1801})
        void build_whenAttemptPeriodOutOfRange_reportsRange(int seconds) {
            RestartPolicy policy = new RestartPolicy(true, List.of(), Optional.of(Duration.ofSeconds(seconds)));

            onlyProblem(task(container("app").restartPolicy(policy)),
                    "containerDefinitions[0].restartPolicy.restartAttemptPeriod",
                    "restartPolicy.restartAttemptPeriod.range");
        }

        @Test
        void build_whenAttemptPeriodHasMillis_reportsWholeSeconds() {
            RestartPolicy policy = new RestartPolicy(true, List.of(), Optional.of(Duration.ofMillis(60_500)));

            onlyProblem(task(container("app").restartPolicy(policy)),
                    "containerDefinitions[0].restartPolicy.restartAttemptPeriod",
                    "restartPolicy.restartAttemptPeriod.wholeSeconds");
        }

        @Test
        void build_whenRestartPolicyAtLimits_accepts() {
            RestartPolicy policy = new RestartPolicy(true, Collections.nCopies(50, 0),
                    Optional.of(Duration.ofSeconds(1800)));

            assertThat(problemsOf(task(container("app").restartPolicy(policy)))).isEmpty();
        }
    }

    @Nested
    class Links {
        @Test
        void build_whenLinksInBridgeMode_accepts() {
            assertThat(problemsOf(task(container("db"), container("app").link("db").link("db:database"))))
                    .isEmpty();
        }

        @Test
        void build_whenLinksInAwsvpcMode_reportsNetworkMode() {
            SpecProblem problem = onlyProblem(task(container("db"), container("app").link("db"))
                    .networkMode(NetworkMode.AWSVPC), "containerDefinitions[1].links", "links.networkMode");

            assertThat(problem.value()).isEqualTo("awsvpc");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "db:", "db:alias:more", "d b"})
        void build_whenLinkMalformed_reportsFormat(String link) {
            onlyProblem(task(container("db"), container("app").link(link)), "containerDefinitions[1].links[0]",
                    "links.format");
        }

        @Test
        void build_whenLinkNamesUnknownContainer_reportsTarget() {
            onlyProblem(task(container("db"), container("app").link("cache:c")), "containerDefinitions[1].links[0]",
                    "links.target");
        }

        @Test
        void build_whenLinkNamesItself_reportsTarget() {
            onlyProblem(task(container("app").link("app")), "containerDefinitions[0].links[0]", "links.target");
        }
    }

    @Nested
    class Logs {
        @ParameterizedTest
        @ValueSource(strings = {"json-file", "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk",
            "awsfirelens"})
        void build_whenLogDriverKnown_accepts(String driver) {
            assertThat(problemsOf(task(container("app").logConfiguration(LogConfiguration.of(driver, Map.of())),
                    container("router").firelensConfiguration(FirelensConfiguration.of(
                            FirelensConfiguration.Type.FLUENTBIT))))).isEmpty();
        }

        @Test
        void build_whenLogDriverUnknown_reportsUnknown() {
            onlyProblem(task(container("app").logConfiguration(LogConfiguration.of("local", Map.of()))),
                    "containerDefinitions[0].logConfiguration.logDriver", "logConfiguration.logDriver.unknown");
        }

        @Test
        void build_whenFargateWithJsonFile_reportsFargateLogDriver() {
            onlyProblem(fargate(container("app").logConfiguration(LogConfiguration.of("json-file", Map.of()))),
                    "containerDefinitions[0].logConfiguration.logDriver", "fargate.logDriver");
        }

        @Test
        void build_whenFargateWithAwslogs_accepts() {
            assertThat(problemsOf(fargate(container("app").logConfiguration(
                    LogConfiguration.of("awslogs", Map.of("awslogs-group", "web")))))).isEmpty();
        }
    }

    @Nested
    class Ulimits {
        @Test
        void build_whenUlimitNameUnknown_reportsUnknown() {
            onlyProblem(task(container("app").ulimit(new Ulimit("files", 10, 10))),
                    "containerDefinitions[0].ulimits[0].name", "ulimits.name.unknown");
        }

        @Test
        void build_whenSoftAboveHard_reportsExceedsHard() {
            onlyProblem(task(container("app").ulimit(new Ulimit("nofile", 2048, 1024))),
                    "containerDefinitions[0].ulimits[0].softLimit", "ulimits.softLimit.exceedsHard");
        }

        @Test
        void build_whenUlimitsValid_accepts() {
            assertThat(problemsOf(task(container("app").ulimit(new Ulimit("nofile", 1024, 4096))
                    .ulimit(new Ulimit("core", 0, 0))))).isEmpty();
        }
    }
}
