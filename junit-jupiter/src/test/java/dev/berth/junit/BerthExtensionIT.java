package dev.berth.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.RequiresDockerEngine;
import dev.berth.docker.WebTasks;
import dev.berth.model.TaskDefinition;
import dev.berth.network.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The annotation form on the real engine: a class-wide service from an ECS JSON file, one from a factory method in
 * a static field, one per test in an instance field, injected into fields and parameters, answering HTTP.
 */
@RequiresDockerEngine
@BerthService(name = "web", taskDefinition = "classpath:web-task.json", desiredCount = 2)
class BerthExtensionIT {

    @BerthService(name = "api", definition = "apiDefinition")
    static BerthServiceHandle api;

    @BerthHandle("web")
    static BerthServiceHandle webField;

    @BerthService(name = "own", definition = "ownDefinition", steadyTimeoutSeconds = 60)
    BerthServiceHandle own;

    static TaskDefinition apiDefinition() {
        return WebTasks.definition("api-v1");
    }

    TaskDefinition ownDefinition() {
        return WebTasks.definition("own-v1");
    }

    @Test
    void parameter_ofAClassWideJsonService_reachesEveryTaskOverHttp(@BerthHandle("web") BerthServiceHandle web) {
        List<Endpoint> endpoints = web.endpoints(8080);

        assertThat(endpoints).hasSize(2);
        for (Endpoint e : endpoints) {
            assertThat(WebTasks.get(e.host(), e.port())).hasValue("hello-from-json");
        }
        assertThat(web.logs("app")).filteredOn("web-task-started"::equals).hasSize(2);
        assertThat(webField).isSameAs(web);
        assertThat(EngineResources.containers(RunIdentity.SCOPE, web.cluster().name())).isEqualTo(3);
    }

    @Test
    void fields_ofStaticAndPerTestServices_answerWithTheirOwnDefinitions() {
        Endpoint apiEndpoint = api.endpoint(WebTasks.PORT);
        Endpoint ownEndpoint = own.endpoint(WebTasks.PORT);

        assertThat(WebTasks.get(apiEndpoint.host(), apiEndpoint.port())).hasValue("api-v1");
        assertThat(WebTasks.get(ownEndpoint.host(), ownEndpoint.port())).hasValue("own-v1");
        assertThat(own.cluster().name()).isNotEqualTo(api.cluster().name());
        assertThat(api.cluster().name()).isEqualTo(webField.cluster().name());
        assertThat(api.service().describe().isStable()).isTrue();
    }
}
