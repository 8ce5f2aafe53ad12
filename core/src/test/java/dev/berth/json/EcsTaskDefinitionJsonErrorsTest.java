package dev.berth.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.exception.BerthException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.TaskDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every codec error is an {@link InvalidSpecException} whose problems name the path, the value and the fix. */
class EcsTaskDefinitionJsonErrorsTest {

    private final EcsTaskDefinitionJson json = EcsTaskDefinitionJson.create();

    /** A valid document with one container; {@code %s} is replaced by extra container fields. */
    private static String withContainerFields(String fields) {
        return """
                {"family": "web", "containerDefinitions": [
                    {"name": "app", "image": "busybox:1.36", "memory": 128%s}
                ]}
                """.formatted(fields.isEmpty() ? "" : ", " + fields);
    }

    private SpecProblem onlyProblem(String document) {
        return onlyProblem(document, json::read);
    }

    private SpecProblem onlyProblem(String document, Function<String, ?> read) {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> read.apply(document));
        assertThat(e).as("expected an InvalidSpecException").isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @Test
    void read_whenMalformedJson_reportsLineColumnAndPath() {
        SpecProblem p = onlyProblem("""
                {"family": "web", "containerDefinitions": [
                    {"name": "app", "image": "busybox", "memory": }
                ]}
                """);

        assertThat(p.rule()).isEqualTo("json.syntax");
        assertThat(p.path()).isEqualTo("containerDefinitions[0].memory");
        assertThat(p.message()).startsWith("Malformed JSON at line 2, column ")
                .contains("near 'containerDefinitions[0].memory'").endsWith("Fix the JSON syntax.");
    }

    @Test
    void read_whenDocumentIsEmpty_saysSo() {
        SpecProblem p = onlyProblem("  ");

        assertThat(p.rule()).isEqualTo("json.syntax");
        assertThat(p.message()).contains("empty");
    }

    @Test
    void read_whenContentFollowsTheObject_rejectsIt() {
        SpecProblem p = onlyProblem(withContainerFields("") + "{}");

        assertThat(p.rule()).isEqualTo("json.syntax");
        assertThat(p.message()).contains("Unexpected content after the JSON object at line 4");
    }

    @Test
    void read_whenDuplicateField_rejectsIt() {
        SpecProblem p = onlyProblem(withContainerFields("\"memory\": 256"));

        assertThat(p.rule()).isEqualTo("json.syntax");
        assertThat(p.path()).isEqualTo("containerDefinitions[0].memory");
        assertThat(p.message()).contains("Duplicate field 'memory'");
    }

    @Test
    void read_whenDocumentIsNotAnObject_saysWhatItIs() {
        SpecProblem p = onlyProblem("[]");

        assertThat(p.rule()).isEqualTo("json.type");
        assertThat(p.path()).isEmpty();
        assertThat(p.message()).isEqualTo("The document must be an object such as {\"field\": ...}, but is an array"
                + " ([]).");
    }

    @Test
    void read_whenStringWhereArrayExpected_namesFieldValueAndExpectedShape() {
        SpecProblem p = onlyProblem(withContainerFields("\"command\": \"echo hi\""));

        assertThat(p).isEqualTo(new SpecProblem("containerDefinitions[0].command", "json.type", "echo hi",
                "'containerDefinitions[0].command' must be an array of strings such as [\"a\", \"b\"], but is a"
                        + " string (\"echo hi\")."));
    }

    @Test
    void read_whenContainerMemoryIsAString_rejectsItBecauseOnlyTaskMemoryTakesStrings() {
        SpecProblem p = onlyProblem("""
                {"family": "web", "containerDefinitions": [{"name": "app", "image": "busybox", "memory": "512"}]}
                """);

        assertThat(p.path()).isEqualTo("containerDefinitions[0].memory");
        assertThat(p.rule()).isEqualTo("json.type");
        assertThat(p.message()).contains("must be a whole number (32-bit) such as 512, but is a string (\"512\")");
    }

    @Test
    void read_whenNumberIsFractionalOrTooLarge_rejectsIt() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> json.read(
                withContainerFields("\"memoryReservation\": 64.5, \"portMappings\": [{\"containerPort\": 4294967296}]")));

        assertThat(e.problems()).extracting(SpecProblem::path).containsExactly(
                "containerDefinitions[0].memoryReservation", "containerDefinitions[0].portMappings[0].containerPort");
        assertThat(e.problems().get(0).message()).contains("a decimal number (64.5)");
    }

    @Test
    void read_whenBooleanIsAString_rejectsIt() {
        SpecProblem p = onlyProblem(withContainerFields("\"essential\": \"true\""));

        assertThat(p.path()).isEqualTo("containerDefinitions[0].essential");
        assertThat(p.message()).isEqualTo("'containerDefinitions[0].essential' must be true or false, but is a"
                + " string (\"true\").");
    }

    @Test
    void read_whenUnknownProtocol_listsTheAllowedValues() {
        SpecProblem p = onlyProblem(withContainerFields("""
                "portMappings": [{"containerPort": 80}, {"containerPort": 5000, "protocol": "sctp"}]"""));

        assertThat(p).isEqualTo(new SpecProblem("containerDefinitions[0].portMappings[1].protocol", "json.enum",
                "sctp", "'containerDefinitions[0].portMappings[1].protocol' must be one of tcp, udp (case-sensitive),"
                        + " but is 'sctp'."));
    }

    @Test
    void read_whenEnumInWrongCase_rejectsItWithEcsSpelling() {
        SpecProblem p = onlyProblem("""
                {"family": "web", "networkMode": "AWSVPC",
                 "containerDefinitions": [{"name": "app", "image": "busybox", "memory": 64}]}
                """);

        assertThat(p.path()).isEqualTo("networkMode");
        assertThat(p.message()).contains("must be one of bridge, host, awsvpc, none (case-sensitive), but is 'AWSVPC'");
    }

    @Test
    void read_whenUnknownDependencyConditionAndCompatibility_reportsBoth() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> json.read("""
                {"family": "web", "requiresCompatibilities": ["EC2", "LAMBDA"], "containerDefinitions": [
                    {"name": "a", "image": "busybox", "memory": 64, "essential": false},
                    {"name": "b", "image": "busybox", "memory": 64,
                     "dependsOn": [{"containerName": "a", "condition": "STARTED"}]}]}
                """));

        assertThat(e.problems()).extracting(SpecProblem::path).containsExactly(
                "containerDefinitions[1].dependsOn[0].condition", "requiresCompatibilities[1]");
        assertThat(e.problems()).extracting(SpecProblem::rule).containsOnly("json.enum");
    }

    @Test
    void read_whenUnknownField_namesItAndSuggestsTheClosestEcsField() {
        SpecProblem p = onlyProblem(withContainerFields("\"memoryReservaton\": 64"));

        assertThat(p.path()).isEqualTo("containerDefinitions[0].memoryReservaton");
        assertThat(p.rule()).isEqualTo("json.unknownField");
        assertThat(p.value()).isEqualTo("memoryReservaton");
        assertThat(p.message()).isEqualTo("'containerDefinitions[0].memoryReservaton' is not a field of an ECS"
                + " container definition (did you mean 'memoryReservation'?). Fix or remove it, or read with"
                + " ignoreUnknownFields(true) to drop unknown fields.");
    }

    @Test
    void read_whenUnknownFieldResemblesNothing_namesItWithoutSuggestion() {
        SpecProblem p = onlyProblem("""
                {"family": "web", "replicas": 3, "containerDefinitions": [{"name": "a", "image": "b", "memory": 6}]}
                """);

        assertThat(p.path()).isEqualTo("replicas");
        assertThat(p.message()).startsWith("'replicas' is not a field of an ECS task definition. Fix or remove it");
    }

    @Test
    void read_whenTaskFieldIsInAContainer_saysItIsATaskLevelField() {
        SpecProblem p = onlyProblem(withContainerFields("\"networkMode\": \"awsvpc\""));

        assertThat(p.path()).isEqualTo("containerDefinitions[0].networkMode");
        assertThat(p.rule()).isEqualTo("json.misplacedField");
        assertThat(p.message()).isEqualTo("'containerDefinitions[0].networkMode' is not a field of an ECS container"
                + " definition: networkMode is a task-level field; move it to the top level of the task definition,"
                + " next to containerDefinitions.");
    }

    @Test
    void read_whenContainerFieldIsAtTaskLevel_saysItBelongsInEachContainer() {
        SpecProblem p = onlyProblem("""
                {"family": "web", "memoryReservation": 256,
                 "containerDefinitions": [{"name": "a", "image": "busybox", "memory": 512}]}
                """);

        assertThat(p.path()).isEqualTo("memoryReservation");
        assertThat(p.rule()).isEqualTo("json.misplacedField");
        assertThat(p.message()).isEqualTo("'memoryReservation' is not a field of an ECS task definition:"
                + " memoryReservation is a field of each container definition; move it into the containers of"
                + " containerDefinitions.");
    }

    @Test
    void read_whenUnknownFieldsAndRuleViolations_reportsBothInOneException() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> json.read("""
                {"family": "web", "replicas": 2,
                 "containerDefinitions": [{"name": "a", "image": "busybox", "memory": 64, "memoryReservation": 65,
                     "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}], "colour": "red"}]}
                """));

        assertThat(e.problems()).extracting(SpecProblem::path, SpecProblem::rule).containsExactly(
                tuple("replicas", "json.unknownField"),
                tuple("containerDefinitions[0].colour", "json.unknownField"),
                tuple("containerDefinitions[0].memory", "container.memory.reservation"),
                tuple("containerDefinitions[0].mountPoints[0].sourceVolume", "mountPoints.sourceVolume.unknown"));
        assertThat(e.problems().get(3).message()).isEqualTo("Unknown volume 'data'.");
    }

    @Test
    void read_whenWrongTypeAndRuleViolation_reportsOnlyTheTypeSinceTheValueWasNotRead() {
        SpecProblem p = onlyProblem("""
                {"family": "web", "containerDefinitions": [{"name": "a", "image": "busybox", "memory": "64"}]}
                """);

        assertThat(p.rule()).isEqualTo("json.type");
    }

    @Test
    void read_whenFargateDefinitionHasNoNetworkMode_saysItIsMissingAndDefaultsToBridge() {
        SpecProblem p = onlyProblem("""
                {"family": "web", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "a", "image": "busybox"}]}
                """);

        assertThat(p.path()).isEqualTo("networkMode");
        assertThat(p.rule()).isEqualTo("fargate.networkMode");
        assertThat(p.value()).isEmpty();
        assertThat(p.message()).isEqualTo("Fargate only supports network mode \u2018awsvpc\u2019. networkMode is"
                + " missing, so it is ECS's default, bridge: add \"networkMode\": \"awsvpc\".");
    }

    @Test
    void read_whenFargateDefinitionSaysBridge_showsTheValue() {
        SpecProblem p = onlyProblem("""
                {"family": "web", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
                 "networkMode": "bridge", "containerDefinitions": [{"name": "a", "image": "busybox"}]}
                """);

        assertThat(p.value()).isEqualTo("bridge");
        assertThat(p.message()).endsWith("networkMode is 'bridge'; set it to awsvpc.");
    }

    @Test
    void read_whenDocumentIsCutShort_saysWhereItEndsAndWhatIsStillOpen() {
        SpecProblem p = onlyProblem("""
                {"family": "web",
                 "containerDefinitions": [
                   {"name": "a", "image": "busybox", "memory": 64""");

        assertThat(p.rule()).isEqualTo("json.syntax");
        assertThat(p.message()).isEqualTo("The document ends at line 3, column 50 while an object opened at"
                + " line 1, column 1, an array 'containerDefinitions' opened at line 2, column 26, an object"
                + " 'containerDefinitions[0]' opened at line 3, column 4 are still open: it was cut short, or a"
                + " closing } or ] is missing.");
        assertThat(p.message()).doesNotContain("Source", "REDACTED", "StreamReadFeature");
    }

    @Test
    void read_whenImageIsAnUnfilledPlaceholder_namesTheCharacterAndTheCause() {
        SpecProblem p = onlyProblem(withContainerFields("").replace("busybox:1.36", "<IMAGE1_NAME>"));

        assertThat(p.rule()).isEqualTo("container.image.characters");
        assertThat(p.message()).contains("'<' at position 1 is none of these").contains("template placeholder");
    }

    @Test
    void read_whenImageHasASpace_namesItWithoutSayingPlaceholder() {
        SpecProblem p = onlyProblem(withContainerFields("").replace("busybox:1.36", "busy box"));

        assertThat(p.message()).contains("the space at position 5 is none of these")
                .doesNotContain("placeholder");
    }

    @Test
    void read_whenEcsWritesEmptyValues_acceptsThemAsAbsent() {
        TaskDefinition td = json.read("""
                {"family": "web", "volumes": [], "runtimePlatform": null, "enableFaultInjection": false,
                 "containerDefinitions": [{"name": "a", "image": "busybox", "memory": 64, "mountPoints": [],
                     "volumesFrom": [], "linuxParameters": {}, "privileged": false, "systemControls": []}]}
                """);

        assertThat(td).isEqualTo(json.read(withContainerFields("").replace("\"app\"", "\"a\"")
                .replace("busybox:1.36", "busybox").replace("128", "64")));
    }

    @Test
    void read_whenIgnoringUnknownFields_dropsOnlyWhatEcsDoesNotKnow() {
        EcsTaskDefinitionJson lenient = EcsTaskDefinitionJson.builder().ignoreUnknownFields(true).build();

        TaskDefinition td = lenient.read("""
                {"family": "web", "replicas": 3, "volumes": [{"name": "data"}],
                 "containerDefinitions": [{"name": "app", "image": "busybox:1.36", "memory": 128,
                     "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}], "x-owner": "me",
                     "portMappings": [{"containerPortRange": "8000-8010"}, {"containerPort": 80, "colour": "red"}],
                     "healthCheck": {"command": ["CMD", "true"], "flavour": "strict"}}]}
                """);

        TaskDefinition expected = json.read("""
                {"family": "web", "volumes": [{"name": "data"}],
                 "containerDefinitions": [{"name": "app", "image": "busybox:1.36", "memory": 128,
                     "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}],
                     "portMappings": [{"containerPortRange": "8000-8010"}, {"containerPort": 80}],
                     "healthCheck": {"command": ["CMD", "true"]}}]}
                """);
        assertThat(td).isEqualTo(expected);
        assertThat(td.volumes()).hasSize(1);
    }

    @Test
    void read_whenIgnoringUnknownFields_stillRejectsWrongTypes() {
        EcsTaskDefinitionJson lenient = EcsTaskDefinitionJson.builder().ignoreUnknownFields(true).build();

        SpecProblem p = onlyProblem(withContainerFields("\"links\": \"db\""), lenient::read);

        assertThat(p.path()).isEqualTo("containerDefinitions[0].links");
    }

    @Test
    void read_whenCpuVcpusAreNotWholeUnits_showsTheUnitsTheyComeTo() {
        SpecProblem p = onlyProblem("""
                {"family": "web", "cpu": "1.3 vCPU", "memory": "2 GB",
                 "containerDefinitions": [{"name": "app", "image": "busybox"}]}
                """);

        assertThat(p.path()).isEqualTo("cpu");
        assertThat(p.rule()).isEqualTo("json.cpu");
        assertThat(p.value()).isEqualTo("1.3 vCPU");
        assertThat(p.message()).isEqualTo("'cpu' must be CPU units such as \"256\", or vCPUs such as \"1 vCPU\" or"
                + " \"0.5 vCPU\", that come to a whole number of units (1 vCPU = 1024 units), but is \"1.3 vCPU\""
                + " (1331.2 units).");
    }

    @Test
    void read_whenCpuOrMemoryUnparsable_reportsBoth() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> json.read("""
                {"family": "web", "cpu": "two cores", "memory": "2 TB",
                 "containerDefinitions": [{"name": "app", "image": "busybox"}]}
                """));

        assertThat(e.problems()).extracting(SpecProblem::rule).containsExactly("json.cpu", "json.memory");
        assertThat(e.problems().get(1).message()).startsWith("'memory' must be MiB such as \"512\", or GB such as"
                + " \"2 GB\" or \"0.5 GB\", that come to a whole number of MiB (1 GB = 1024 MiB), but is \"2 TB\".");
    }

    @Test
    void read_whenCpuIsAFractionalNumberOrABoolean_rejectsIt() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> json.read("""
                {"family": "web", "cpu": 0.5, "memory": true,
                 "containerDefinitions": [{"name": "app", "image": "busybox"}]}
                """));

        assertThat(e.problems()).extracting(SpecProblem::value).containsExactly("0.5", "true");
        assertThat(e.problems().get(0).message()).endsWith("but is 0.5 (0.5 units).");
    }

    @Test
    void read_whenRequiredNestedFieldsAreMissing_namesEach() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> json.read(
                withContainerFields("""
                        "secrets": [{"name": "DB_PASSWORD"}], "ulimits": [{"name": "nofile", "softLimit": 1024}],
                        "healthCheck": {"interval": 10}, "logConfiguration": {"options": {}},
                        "restartPolicy": {}, "portMappings": [{"hostPort": 80}]""")));

        assertThat(e.problems()).extracting(SpecProblem::path).containsExactly(
                "containerDefinitions[0].portMappings[0].containerPort",
                "containerDefinitions[0].restartPolicy.enabled",
                "containerDefinitions[0].secrets[0].valueFrom",
                "containerDefinitions[0].ulimits[0].hardLimit",
                "containerDefinitions[0].logConfiguration.logDriver",
                "containerDefinitions[0].healthCheck.command");
        assertThat(e.problems()).extracting(SpecProblem::rule).containsOnly("json.required");
        assertThat(e.problems().get(2).message()).isEqualTo(
                "'containerDefinitions[0].secrets[0].valueFrom' is required in an ECS secret; add it.");
    }

    @Test
    void read_whenSeveralProblems_reportsAllInOneException() {
        assertThatThrownBy(() -> json.read("""
                {"family": "web", "networkMode": "overlay", "containerDefinitions": [
                    {"name": "app", "image": "busybox", "memory": "lots", "cmd": ["x"]}], "cpu": "many"}
                """))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("Invalid task-definition JSON (4 problems):")
                .satisfies(t -> assertThat(((InvalidSpecException) t).problems()).extracting(SpecProblem::path)
                        .containsExactly("networkMode", "containerDefinitions[0].cmd",
                                "containerDefinitions[0].memory", "cpu"));
    }

    @Test
    void read_whenJsonIsFineButEcsRulesAreBroken_throwsTheValidatorsProblems() {
        SpecProblem p = onlyProblem("{\"family\": \"web\", \"containerDefinitions\": []}");

        assertThat(p.rule()).isEqualTo("containerDefinitions.empty");
        assertThat(p.message()).isEqualTo("Container list cannot be empty.");
    }

    @Test
    void read_whenJsonProblemsAndRuleViolations_reportsJsonProblemsFirstAndAlone() {
        SpecProblem p = onlyProblem("{\"family\": \"web\", \"containerDefinitions\": [], \"cpu\": \"x\"}");

        assertThat(p.rule()).isEqualTo("json.cpu");
    }

    @Test
    void readRegistered_whenRegisterInput_namesTheMissingReadOnlyFields() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> json.readRegistered(withContainerFields("")));

        assertThat(e.problems()).extracting(SpecProblem::path)
                .containsExactly("taskDefinitionArn", "revision", "status", "registeredAt");
        assertThat(e.problems().get(0).message()).isEqualTo("'taskDefinitionArn' is required to read a registered"
                + " task definition (describe-task-definition output); read register-task-definition input with"
                + " read(...) instead.");
    }

    @Test
    void readRegistered_whenDescribeOutputHasBadReadOnlyFields_reportsThemUnderTaskDefinition() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> json.readRegistered("""
                {"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:eu-west-1:1:task-definition/web:0",
                    "family": "web", "revision": 0, "status": "RETIRED", "registeredAt": "yesterday",
                    "containerDefinitions": [{"name": "a", "image": "busybox", "memory": 64}]}}
                """));

        assertThat(e.problems()).extracting(SpecProblem::path).containsExactly("taskDefinition.status",
                "taskDefinition.registeredAt", "taskDefinition.revision");
        assertThat(e.problems().get(1).message()).isEqualTo("'taskDefinition.registeredAt' must be epoch seconds"
                + " such as 1700000000.5 or an ISO-8601 time such as \"2023-11-14T22:13:20.5Z\", but is a string"
                + " (\"yesterday\").");
        assertThat(e.problems().get(2).message()).isEqualTo("'taskDefinition.revision' must be 1 or more, but is 0.");
    }

    @Test
    void read_whenDescribeOutputHasTagsInsideAndOutside_asksToKeepOne() {
        SpecProblem p = onlyProblem("""
                {"taskDefinition": {"family": "web", "tags": [{"key": "a", "value": "1"}],
                    "containerDefinitions": [{"name": "a", "image": "busybox", "memory": 64}]},
                 "tags": [{"key": "b", "value": "2"}]}
                """);

        assertThat(p.path()).isEqualTo("taskDefinition.tags");
        assertThat(p.message()).contains("keep only one");
    }

    @Test
    void read_whenDescribeWrapperHasNoTaskDefinition_saysItIsRequired() {
        SpecProblem p = onlyProblem("{\"taskDefinition\": null, \"tags\": []}");

        assertThat(p.path()).isEqualTo("taskDefinition");
        assertThat(p.rule()).isEqualTo("json.required");
    }

    @Test
    void read_whenFileIsMissing_throwsBerthExceptionNamingIt() {
        Path missing = Path.of("does-not-exist", "web.json");

        assertThatThrownBy(() -> json.read(missing))
                .isExactlyInstanceOf(BerthException.class)
                .hasMessageContaining("Cannot read task-definition JSON " + missing);
    }

    @Test
    void read_whenDocumentHasComments_rejectsThemAsECSDoes() {
        String commented = withContainerFields("") + "// deployed by CI\n";

        assertThat(onlyProblem(commented).rule()).isEqualTo("json.syntax");
    }
}
