package dev.berth.aws.internal;

import dev.berth.model.ContainerOverride;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/** Berth's per-container overrides as ECS's task override, for RunTask and StartTask. */
public final class OverrideMapper {

    private OverrideMapper() {
    }

    /**
     * @param overrides Berth's overrides, any number
     * @return ECS's task override; empty when there is nothing to override, so that the call carries none
     */
    public static Optional<TaskOverride> taskOverride(List<ContainerOverride> overrides) {
        if (overrides.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(TaskOverride.builder().containerOverrides(overrides.stream()
                .map(o -> software.amazon.awssdk.services.ecs.model.ContainerOverride.builder()
                        .name(o.containerName())
                        .command(o.command().orElse(null))
                        .environment(o.environment().isEmpty() ? null : o.environment().stream()
                                .map(e -> KeyValuePair.builder().name(e.name()).value(e.value()).build()).toList())
                        .build())
                .toList()).build());
    }
}
