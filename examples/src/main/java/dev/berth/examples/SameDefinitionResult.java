package dev.berth.examples;

import java.util.List;
import java.util.Objects;

/**
 * What {@link SameDefinitionOnDockerAndEcs} saw on one backend.
 *
 * @param backend the backend's name, e.g. {@code docker} or {@code ecs}
 * @param runningCount RUNNING tasks once the service was steady
 * @param taskDefinitionArns the revisions its tasks ran
 * @param registeredArn the revision Berth registered
 */
public record SameDefinitionResult(String backend, int runningCount, List<String> taskDefinitionArns,
                                   String registeredArn) {
    public SameDefinitionResult {
        Objects.requireNonNull(backend, "backend");
        taskDefinitionArns = List.copyOf(taskDefinitionArns);
        Objects.requireNonNull(registeredArn, "registeredArn");
    }
}
