package dev.berth.model.internal;

import static dev.berth.model.internal.ValidationFixtures.container;
import static dev.berth.model.internal.ValidationFixtures.onlyProblem;
import static dev.berth.model.internal.ValidationFixtures.problemsOf;
import static dev.berth.model.internal.ValidationFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.Compatibility;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.NetworkMode;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.TaskDefinition;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Task-level rules: family, container list, task size, Fargate, modes, placement constraints, tags. */
class TaskDefinitionValidationTest {

    @Test
    void build_whenDefinitionIsValid_returnsIt() {
        TaskDefinition td = task().cpu(256).memoryMiB(512).build();

        assertThat(td.family()).isEqualTo("web");
        assertThat(TaskDefinitionValidator.problems(td)).isEmpty();
    }

    @Test
    void build_whenJsonFormIsOver64KiB_isAccepted_theQuotaIsCheckedAtRegistration() {
        TaskDefinition.Builder huge = task().container(container("sidecar").command("sh", "-c", "x".repeat(70_000)).build());

        assertThat(problemsOf(huge)).isEmpty();
    }

    @Test
    void build_whenSeveralRulesAreBroken_reportsAllInFieldOrder() {
        TaskDefinition.Builder builder = TaskDefinition.builder("bad family!")
                .container(container("app").cpu(-1)
                        .healthCheck(dev.berth.model.HealthCheck.shell("true").withInterval(Duration.ofSeconds(1)))
                        .build())
                .container(container("app").build())
                .memoryMiB(4)
                .pidMode("shared")
                .tag("", "v");

        List<SpecProblem> problems = problemsOf(builder);

        assertThat(problems).extracting(SpecProblem::path).containsExactly(
                "family",
                "containerDefinitions[0].cpu",
                "containerDefinitions[0].memory",
                "containerDefinitions[0].healthCheck.interval",
                "containerDefinitions[1].name",
                "containerDefinitions[1].memory",
                "memory",
                "pidMode",
                "tags[0].key");
        assertThat(problems).extracting(SpecProblem::rule).containsExactly(
                "family.pattern",
                "container.cpu.negative",
                "container.memory.exceedsTask",
                "healthCheck.interval.range",
                "container.name.duplicate",
                "container.memory.exceedsTask",
                "memory.minimum",
                "pidMode.value",
                "tags.key.length");
    }

    @Test
    void build_whenInvalid_throwsExceptionNamingTheFamilyAndEveryProblem() {
        TaskDefinition.Builder builder = TaskDefinition.builder("web").container(container("").build());

        assertThatThrownBy(builder::build)
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("task definition 'web'")
                .hasMessageContaining("containerDefinitions[0].name: Container.name should not be null or empty."
                        + " [container.name.empty]");
    }

    @Nested
    class Family {
        @ParameterizedTest
        @ValueSource(strings = {"", "my app", "web:1", "wéb"})
        void build_whenFamilyBreaksThePattern_reportsFamilyPattern(String family) {
            SpecProblem problem = onlyProblem(task().family(family), "family", "family.pattern");

            assertThat(problem.value()).isEqualTo(family);
        }

        @Test
        void build_whenFamilyIs256Characters_reportsFamilyPattern() {
            onlyProblem(task().family("f".repeat(256)), "family", "family.pattern");
        }

        @Test
        void build_whenFamilyIs255AllowedCharacters_accepts() {
            assertThat(problemsOf(task().family("A-z_0".repeat(51)))).isEmpty();
        }
    }

    @Nested
    class ContainerList {
        @Test
        void build_whenNoContainers_reportsEcsText() {
            SpecProblem problem = onlyProblem(TaskDefinition.builder("web"), "containerDefinitions",
                    "containerDefinitions.empty");

            assertThat(problem.message()).isEqualTo("Container list cannot be empty.");
        }

        @Test
        void build_whenElevenContainers_reportsTooMany() {
            ContainerDefinition.Builder[] containers = IntStream.range(0, 11)
                    .mapToObj(i -> container("c" + i)).toArray(ContainerDefinition.Builder[]::new);

            SpecProblem problem = onlyProblem(task(containers), "containerDefinitions",
                    "containerDefinitions.tooMany");

            assertThat(problem.value()).isEqualTo("11");
        }

        @Test
        void build_whenTenContainers_accepts() {
            ContainerDefinition.Builder[] containers = IntStream.range(0, 10)
                    .mapToObj(i -> container("c" + i)).toArray(ContainerDefinition.Builder[]::new);

            assertThat(problemsOf(task(containers))).isEmpty();
        }

        @Test
        void build_whenNoContainerIsEssential_reportsEcsText() {
            SpecProblem problem = onlyProblem(task(container("a").essential(false), container("b").essential(false)),
                    "containerDefinitions", "containerDefinitions.essential");

            assertThat(problem.message()).isEqualTo("Task definition doesn't have any essential container.");
        }
    }

    @Nested
    class TaskSize {
        @ParameterizedTest
        @ValueSource(ints = {0, 127, 196_609})
        void build_whenEc2CpuOutOfRange_reportsCpuRange(int cpu) {
            onlyProblem(task(container("app").memoryMiB(64)).cpu(cpu).requiresCompatibilities(Compatibility.EC2),
                    "cpu", "cpu.range");
        }

        @ParameterizedTest
        @ValueSource(ints = {128, 196_608})
        void build_whenEc2CpuAtLimits_accepts(int cpu) {
            assertThat(problemsOf(task().cpu(cpu))).isEmpty();
        }

        @Test
        void build_whenContainersReserveMoreCpuThanTask_reportsCpuContainerSum() {
            SpecProblem problem = onlyProblem(task(container("a").cpu(200), container("b").cpu(57)).cpu(256),
                    "cpu", "cpu.containerSum");

            assertThat(problem.message()).contains("257 CPU units");
        }

        @Test
        void build_whenContainersReserveExactlyTaskCpu_accepts() {
            assertThat(problemsOf(task(container("a").cpu(200), container("b").cpu(56)).cpu(256))).isEmpty();
        }

        @Test
        void build_whenTaskMemoryBelow6MiB_reportsMemoryMinimum() {
            onlyProblem(task(ContainerDefinition.builder("app").image("busybox:1.36").memoryReservationMiB(4)).memoryMiB(5), "memory",
                    "memory.minimum");
        }

        @Test
        void build_whenContainerMemoryLimitsAddUpAboveTask_reportsMemoryContainerSum() {
            SpecProblem problem = onlyProblem(task(container("a").memoryMiB(300), container("b").memoryMiB(300))
                    .memoryMiB(512), "memory", "memory.containerSum");

            assertThat(problem.message()).contains("600 MiB");
        }

        @Test
        void build_whenContainerMemoryLimitsAddUpToTask_accepts() {
            assertThat(problemsOf(task(container("a").memoryMiB(256), container("b").memoryMiB(256))
                    .memoryMiB(512))).isEmpty();
        }
    }

    @Nested
    class Fargate {
        private TaskDefinition.Builder fargate() {
            return task().requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC)
                    .cpu(256).memoryMiB(512);
        }

        @Test
        void build_whenFargateDefinitionIsValid_accepts() {
            assertThat(problemsOf(fargate())).isEmpty();
        }

        @Test
        void build_whenFargateWithoutTaskCpu_reportsEcsText() {
            TaskDefinition.Builder builder = task().requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).memoryMiB(512);

            SpecProblem problem = onlyProblem(builder, "cpu", "fargate.cpu.required");

            assertThat(problem.message()).isEqualTo("Fargate requires that 'cpu' be defined at the task level.");
        }

        @Test
        void build_whenFargateWithoutTaskMemory_reportsEcsText() {
            TaskDefinition.Builder builder = task().requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu(256);

            SpecProblem problem = onlyProblem(builder, "memory", "fargate.memory.required");

            assertThat(problem.message()).isEqualTo("Fargate requires that 'memory' be defined at the task level.");
        }

        @Test
        void build_whenFargateSizeDoesNotExist_reportsEcsTextAtMemory() {
            SpecProblem problem = onlyProblem(fargate().cpu(512).memoryMiB(512), "memory", "fargate.size");

            assertThat(problem.message()).isEqualTo("No Fargate configuration exists for given values: 512 CPU,"
                    + " 512 memory. See the Amazon ECS documentation for the valid values.");
        }

        @Test
        void build_whenFargateCpuDoesNotExist_reportsFargateSizeAtCpu() {
            SpecProblem problem = onlyProblem(fargate().cpu(300), "cpu", "fargate.size");

            assertThat(problem.value()).isEqualTo("300");
        }

        @ParameterizedTest
        @CsvSource({"256,512", "256,1024", "256,2048", "512,1024", "512,4096", "1024,2048", "1024,8192",
            "2048,4096", "2048,16384", "4096,8192", "4096,30720", "8192,16384", "8192,61440", "16384,32768",
            "16384,122880"})
        void build_whenFargateSizeIsInTheTable_accepts(int cpu, int memory) {
            assertThat(problemsOf(fargate().cpu(cpu).memoryMiB(memory))).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({"256,1536", "256,4096", "512,5120", "1024,9216", "2048,3072", "4096,31744", "8192,18432",
            "16384,36864", "16384,131072"})
        void build_whenFargateSizeIsNotInTheTable_reportsFargateSize(int cpu, int memory) {
            onlyProblem(fargate().cpu(cpu).memoryMiB(memory), "memory", "fargate.size");
        }

        @Test
        void build_whenFargateAndEc2AreBothRequired_appliesFargateRules() {
            TaskDefinition.Builder builder = task().requiresCompatibilities(Compatibility.EC2, Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu(512).memoryMiB(512);

            onlyProblem(builder, "memory", "fargate.size");
        }

        @Test
        void build_whenFargateWithBridgeMode_reportsEcsText() {
            SpecProblem problem = onlyProblem(fargate().networkMode(NetworkMode.BRIDGE), "networkMode",
                    "fargate.networkMode");

            assertThat(problem.message()).isEqualTo("Fargate only supports network mode \u2018awsvpc\u2019."
                    + " networkMode is 'bridge'; set it to awsvpc.");
            assertThat(problem.value()).isEqualTo("bridge");
        }

        @Test
        void build_whenFargateWithHostPidMode_reportsFargatePidMode() {
            onlyProblem(fargate().pidMode("host"), "pidMode", "fargate.pidMode");
        }

        @Test
        void build_whenFargateWithTaskPidMode_accepts() {
            assertThat(problemsOf(fargate().pidMode("task"))).isEmpty();
        }

        @Test
        void build_whenFargateWithIpcMode_reportsEcsText() {
            SpecProblem problem = onlyProblem(fargate().ipcMode("task"), "ipcMode", "fargate.ipcMode");

            assertThat(problem.message()).isEqualTo("Tasks using the Fargate launch type do not support ipcMode.");
        }
    }

    @Nested
    class Modes {
        @Test
        void build_whenPidModeUnknown_reportsPidModeValue() {
            onlyProblem(task().pidMode("container"), "pidMode", "pidMode.value");
        }

        @Test
        void build_whenIpcModeUnknown_reportsIpcModeValue() {
            onlyProblem(task().ipcMode("shareable"), "ipcMode", "ipcMode.value");
        }

        @Test
        void build_whenModesAreEcsValues_accepts() {
            assertThat(problemsOf(task().pidMode("host").ipcMode("none"))).isEmpty();
        }
    }

    @Nested
    class PlacementConstraints {
        @Test
        void build_whenMemberOfHasExpression_accepts() {
            assertThat(problemsOf(task().placementConstraint(
                    PlacementConstraint.memberOf("attribute:ecs.instance-type =~ t2.*")))).isEmpty();
        }

        @Test
        void build_whenDistinctInstance_reportsPlacementType() {
            onlyProblem(task().placementConstraint(PlacementConstraint.distinctInstance()),
                    "placementConstraints[0].type", "placementConstraints.type");
        }

        @Test
        void build_whenExpressionBlank_reportsExpressionEmpty() {
            onlyProblem(task().placementConstraint(PlacementConstraint.memberOf(" ")),
                    "placementConstraints[0].expression", "placementConstraints.expression.empty");
        }

        @Test
        void build_whenExpressionLongerThan2000_reportsExpressionTooLong() {
            String expression = "attribute:stack == " + "x".repeat(1982);

            onlyProblem(task().placementConstraint(PlacementConstraint.memberOf(expression)),
                    "placementConstraints[0].expression", "placementConstraints.expression.tooLong");
        }

        @Test
        void build_whenElevenConstraints_reportsTooMany() {
            TaskDefinition.Builder builder = task();
            for (int i = 0; i < 11; i++) {
                builder.placementConstraint(PlacementConstraint.memberOf("attribute:n == " + i));
            }

            onlyProblem(builder, "placementConstraints", "placementConstraints.tooMany");
        }
    }

    @Nested
    class Tags {
        @Test
        void build_whenFiftyOneTags_reportsTooMany() {
            TaskDefinition.Builder builder = task();
            for (int i = 0; i < 51; i++) {
                builder.tag("k" + i, "v");
            }

            onlyProblem(builder, "tags", "tags.tooMany");
        }

        @Test
        void build_whenTagKeyEmpty_reportsKeyLength() {
            onlyProblem(task().tag("", "v"), "tags[0].key", "tags.key.length");
        }

        @Test
        void build_whenTagKeyLongerThan128_reportsKeyLength() {
            onlyProblem(task().tag("k".repeat(129), "v"), "tags[0].key", "tags.key.length");
        }

        @Test
        void build_whenTagKeyUsedTwice_reportsDuplicateAtSecond() {
            onlyProblem(task().tag("team", "a").tag("env", "b").tag("team", "c"), "tags[2].key",
                    "tags.key.duplicate");
        }

        @Test
        void build_whenTagValueLongerThan256_reportsValueLength() {
            onlyProblem(task().tag("k", "v".repeat(257)), "tags[0].value", "tags.value.length");
        }

        @Test
        void build_whenTagsAtTheirLimits_accepts() {
            assertThat(problemsOf(task().tag("k".repeat(128), "v".repeat(256)).tag("empty", ""))).isEmpty();
        }
    }
}
