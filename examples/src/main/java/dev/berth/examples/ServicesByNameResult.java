package dev.berth.examples;

import dev.berth.network.Endpoint;
import dev.berth.network.TargetHealthState;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ServicesByName} observed, for a test to check.
 *
 * @param endpoint what {@code api.endpoint(8080)} returned
 * @param listener the target group's listener
 * @param viaEndpoint the distinct answers of six calls through the endpoint
 * @param clientLog the client task's log: one line per call of {@code http://api:8080/}, or FAIL
 * @param clientContainers how many containers the client's task has
 * @param targets the target group's targets' states once both api tasks were healthy
 */
public record ServicesByNameResult(Endpoint endpoint, Endpoint listener, List<String> viaEndpoint,
                                   List<String> clientLog, int clientContainers, List<TargetHealthState> targets) {

    /** @throws NullPointerException if a component is null */
    public ServicesByNameResult {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(listener, "listener");
        viaEndpoint = List.copyOf(viaEndpoint);
        clientLog = List.copyOf(clientLog);
        targets = List.copyOf(targets);
    }
}
