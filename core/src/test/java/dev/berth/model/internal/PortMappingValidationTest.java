package dev.berth.model.internal;

import static dev.berth.model.internal.ValidationFixtures.container;
import static dev.berth.model.internal.ValidationFixtures.onlyProblem;
import static dev.berth.model.internal.ValidationFixtures.problemsOf;
import static dev.berth.model.internal.ValidationFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.exception.SpecProblem;
import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Port-mapping rules per network mode. */
class PortMappingValidationTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 65536, -1})
    void build_whenContainerPortOutOfRange_reportsRange(int port) {
        onlyProblem(task(container("app").portMapping(port)), "containerDefinitions[0].portMappings[0].containerPort",
                "portMappings.containerPort.range");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536})
    void build_whenHostPortOutOfRange_reportsRange(int port) {
        onlyProblem(task(container("app").portMapping(80, port)), "containerDefinitions[0].portMappings[0].hostPort",
                "portMappings.hostPort.range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-http", "HTTP", "http.1", ""})
    void build_whenPortNameBreaksEcsPattern_reportsNamePattern(String name) {
        onlyProblem(task(container("app").portMapping(PortMapping.of(8080).withName(name))),
                "containerDefinitions[0].portMappings[0].name", "portMappings.name.pattern");
    }

    @Test
    void build_whenPortNamesFollowEcsPattern_accepts() {
        assertThat(problemsOf(task(container("app").portMapping(PortMapping.of(8080).withName("http"))
                .portMapping(PortMapping.of(9090).withName("metrics_2-x"))
                .portMapping(PortMapping.of(9091).withName("a".repeat(64)))))).isEmpty();
    }

    @Test
    void build_whenBridgeMappingsDynamicAndStatic_accepts() {
        assertThat(problemsOf(task(container("app").portMapping(80).portMapping(443, 8443).portMapping(1, 65535))))
                .isEmpty();
    }

    @Test
    void build_whenPortMappingsWithNetworkModeNone_reportsNetworkModeNone() {
        onlyProblem(task(container("app").portMapping(80)).networkMode(NetworkMode.NONE),
                "containerDefinitions[0].portMappings", "portMappings.networkModeNone");
    }

    @ParameterizedTest
    @EnumSource(value = NetworkMode.class, names = {"AWSVPC", "HOST"})
    void build_whenHostPortDiffersFromContainerPortInAwsvpcOrHost_reportsNetworkMode(NetworkMode mode) {
        SpecProblem problem = onlyProblem(task(container("app").portMapping(80, 8080)).networkMode(mode),
                "containerDefinitions[0].portMappings[0].hostPort", "portMappings.hostPort.networkMode");

        assertThat(problem.message()).contains(mode.ecsName()).contains("80");
    }

    @ParameterizedTest
    @EnumSource(value = NetworkMode.class, names = {"AWSVPC", "HOST"})
    void build_whenHostPortOmittedOrEqualInAwsvpcOrHost_accepts(NetworkMode mode) {
        assertThat(problemsOf(task(container("app").portMapping(80).portMapping(443, 443)).networkMode(mode)))
                .isEmpty();
    }

    @Test
    void build_whenContainerPortExposedForTwoProtocols_reportsProtocolConflict() {
        PortMapping udp = PortMapping.of(53).withProtocol(Protocol.UDP);

        SpecProblem problem = onlyProblem(task(container("dns").portMapping(53).portMapping(udp)),
                "containerDefinitions[0].portMappings[1].protocol", "portMappings.protocol.conflict");

        assertThat(problem.value()).isEqualTo("udp");
    }

    @Test
    void build_whenContainerPortPublishedTwiceWithOneProtocol_accepts() {
        assertThat(problemsOf(task(container("app").portMapping(80, 8080).portMapping(80, 8081)))).isEmpty();
    }

    @Test
    void build_whenStaticHostPortUsedByTwoContainers_reportsDuplicateAtSecond() {
        SpecProblem problem = onlyProblem(task(container("a").portMapping(80, 8080), container("b")
                        .portMapping(81, 8080)),
                "containerDefinitions[1].portMappings[0].hostPort", "portMappings.hostPort.duplicate");

        assertThat(problem.message()).contains("8080/tcp").contains("containerDefinitions[0].portMappings[0]");
    }

    @Test
    void build_whenSameHostPortWithOtherProtocol_accepts() {
        PortMapping udp = PortMapping.of(81, 8080).withProtocol(Protocol.UDP);

        assertThat(problemsOf(task(container("a").portMapping(80, 8080), container("b").portMapping(udp))))
                .isEmpty();
    }

    @Test
    void build_whenTwoAwsvpcContainersExposeOnePort_reportsDuplicate() {
        onlyProblem(task(container("a").portMapping(80), container("b").portMapping(80))
                        .networkMode(NetworkMode.AWSVPC),
                "containerDefinitions[1].portMappings[0].hostPort", "portMappings.hostPort.duplicate");
    }

    @Test
    void build_whenTwoBridgeContainersUseDynamicPorts_accepts() {
        assertThat(problemsOf(task(container("a").portMapping(80), container("b").portMapping(80)))).isEmpty();
    }
}
