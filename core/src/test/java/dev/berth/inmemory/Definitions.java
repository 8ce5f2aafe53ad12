package dev.berth.inmemory;

import dev.berth.model.ArnScope;
import dev.berth.model.HealthCheck;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import java.time.Instant;
import java.util.Optional;

/** Task definitions for the in-memory backend's tests: the image never runs, so any name will do. */
final class Definitions {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private Definitions() {
    }

    /** One essential container {@code app} publishing container port 8080 on a dynamic host port. */
    static RegisteredTaskDefinition web() {
        return registered(TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64).portMapping(8080))
                .build());
    }

    /** Like {@link #web()} with a health check on {@code app}. */
    static RegisteredTaskDefinition checkedWeb() {
        return registered(TaskDefinition.builder("checked-web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64).portMapping(8080)
                        .healthCheck(HealthCheck.cmd("wget", "-q", "-O-", "http://localhost:8080/")))
                .build());
    }

    /** One essential container {@code app} without ports. */
    static RegisteredTaskDefinition of(String family) {
        return registered(TaskDefinition.builder(family)
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64))
                .build());
    }

    /** Revision 1 of {@code definition}, registered at {@link #T0}. */
    static RegisteredTaskDefinition registered(TaskDefinition definition) {
        return new RegisteredTaskDefinition(ArnScope.local().taskDefinitionArn(definition.family(), 1), 1,
                TaskDefinitionStatus.ACTIVE, definition, T0, Optional.empty());
    }
}
