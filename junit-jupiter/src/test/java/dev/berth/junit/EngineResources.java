package dev.berth.junit;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.internal.DockerClients;
import java.util.List;

/** Counts what carries a label on the real engine, to check what the extension created and removed. */
final class EngineResources {

    private EngineResources() {
    }

    /** @return how many containers, running or not, carry {@code key=value} */
    static int containers(String key, String value) {
        try (DockerClients clients = DockerClients.open(DockerBackendConfig.fromEnvironment())) {
            return clients.calls().listContainersCmd().withShowAll(true).withLabelFilter(List.of(key + "=" + value))
                    .exec().size();
        }
    }

    /** @return how many networks carry {@code key=value} */
    static int networks(String key, String value) {
        try (DockerClients clients = DockerClients.open(DockerBackendConfig.fromEnvironment())) {
            return clients.calls().listNetworksCmd().withFilter("label", List.of(key + "=" + value)).exec().size();
        }
    }

    /** @return containers plus networks of the scope, i.e. of one cluster of the extension */
    static int ofScope(String cluster) {
        return containers(RunIdentity.SCOPE, cluster) + networks(RunIdentity.SCOPE, cluster);
    }

    /** @return containers plus networks of this JVM's run */
    static int ofThisRun() {
        String run = RunIdentity.CURRENT.runId();
        return containers(RunIdentity.RUN, run) + networks(RunIdentity.RUN, run);
    }
}
