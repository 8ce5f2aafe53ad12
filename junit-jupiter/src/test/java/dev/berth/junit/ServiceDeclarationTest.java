package dev.berth.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.ServiceSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServiceDeclarationTest {

    @Test
    void fromClasspath_readsTheEcsJson() {
        ServiceDeclaration web = ServiceDeclaration.fromClasspath("web", "classpath:web-task.json", 2);

        assertThat(web.name()).isEqualTo("web");
        assertThat(web.spec().desiredCount()).isEqualTo(2);
        assertThat(web.taskDefinition().family()).isEqualTo("junit-web");
        assertThat(web.steadyTimeout()).isEqualTo(ServiceDeclaration.DEFAULT_STEADY_TIMEOUT);
    }

    @Test
    void fromClasspath_whenTheFileIsMissing_saysWhereToPutIt() {
        assertThatThrownBy(() -> ServiceDeclaration.fromClasspath("web", "classpath:nope/missing.json", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("src/test/resources/nope/missing.json");
    }

    @Test
    void of_whenTheSpecNamesAnotherFamily_isRejected() {
        ServiceSpec spec = ServiceSpec.builder("web", TaskDefinitionRef.latest("other")).build();

        assertThatThrownBy(() -> ServiceDeclaration.of(InMemoryServices.web("web"), spec))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'other'");
    }

    @Test
    void withSteadyTimeout_whenNotPositive_isRejected() {
        ServiceDeclaration web = ServiceDeclaration.of("web", InMemoryServices.web("web"), 1);

        assertThatThrownBy(() -> web.withSteadyTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(web.withSteadyTimeout(Duration.ofSeconds(5)).steadyTimeout()).isEqualTo(Duration.ofSeconds(5));
    }
}
