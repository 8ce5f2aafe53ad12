package dev.berth.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.RequiresDockerEngine;
import dev.berth.docker.TestImages;
import dev.berth.docker.WebTasks;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * Berth services as a Testcontainers {@code @Container}, beside a plain Testcontainers container, on the engine
 * Testcontainers discovered.
 */
@RequiresDockerEngine
@Testcontainers
class TestcontainersBridgeIT {

    @Container
    static BerthServiceContainer berth = BerthServiceContainer.of(
            ServiceDeclaration.fromClasspath("web", "classpath:web-task.json", 2));

    @Container
    static GenericContainer<?> plain = new GenericContainer<>(DockerImageName.parse(TestImages.BUSYBOX))
            .withCommand("sh", "-c", "mkdir -p /www && echo from-testcontainers > /www/index.html"
                    + " && exec httpd -f -p 8081 -h /www")
            .withExposedPorts(8081);

    @Test
    void berthServicesAndTestcontainersContainers_runSideBySide() {
        BerthServiceHandle web = berth.handle("web");

        assertThat(web.endpoints(WebTasks.PORT)).hasSize(2)
                .allSatisfy(e -> assertThat(WebTasks.get(e.host(), e.port())).hasValue("hello-from-json"));
        assertThat(WebTasks.get(plain.getHost(), plain.getMappedPort(8081))).hasValue("from-testcontainers");
        assertThat(EngineResources.ofScope(web.cluster().name())).isGreaterThan(0);
    }

    @Test
    void testcontainersEngine_isTheEngineBerthFindsToo() {
        assertThat(TestcontainersEngine.dockerBackendConfig().dockerHost())
                .isEqualTo(DockerBackendConfig.fromEnvironment().dockerHost());
    }

    @Test
    void stop_removesTheServices_andStartAgainRunsThemAfresh() {
        BerthServiceContainer own = BerthServiceContainer.of(ServiceDeclaration.of("again", WebTasks.definition("v1"), 1));
        own.start();
        String first = own.handle("again").cluster().name();
        own.stop();
        assertThat(EngineResources.ofScope(first)).isZero();

        own.start();
        try {
            assertThat(own.handle("again").cluster().name()).isNotEqualTo(first);
        } finally {
            own.stop();
        }
    }
}
