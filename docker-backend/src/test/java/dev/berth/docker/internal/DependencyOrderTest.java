package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.DependencyCondition;
import dev.berth.model.TaskDefinition;
import org.junit.jupiter.api.Test;

class DependencyOrderTest {

    @Test
    void of_chainAndIndependentContainers_ordersByDepthKeepingDefinitionOrder() {
        TaskDefinition td = TaskDefinition.builder("app")
                .container(c -> c.name("web").image("b").memoryMiB(16)
                        .dependsOn("api", DependencyCondition.HEALTHY).dependsOn("log", DependencyCondition.START))
                .container(c -> c.name("api").image("b").memoryMiB(16).healthCheck(
                        dev.berth.model.HealthCheck.shell("true")).dependsOn("init", DependencyCondition.SUCCESS))
                .container(c -> c.name("log").image("b").memoryMiB(16))
                .container(c -> c.name("init").image("b").memoryMiB(16).essential(false))
                .build();

        DependencyOrder order = DependencyOrder.of(td);

        assertThat(order.startOrder()).extracting(ContainerDefinition::name)
                .containsExactly("log", "init", "api", "web");
        assertThat(order.level("web")).isEqualTo(2);
        assertThat(order.level("api")).isEqualTo(1);
        assertThat(order.level("log")).isZero();
    }
}
