package dev.berth.junit;

import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.TaskDefinition;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory backends for the extension's pure tests: one per scope, remembered by cluster so tests can look in. */
final class InMemoryServices {

    /** Every backend opened, by the cluster it was opened for. */
    static final Map<String, InMemoryBackend> OPENED = new ConcurrentHashMap<>();

    private InMemoryServices() {
    }

    /** @return a factory of in-memory backends with one instance in the scope's cluster */
    static ComputeBackendFactory factory() {
        return cluster -> {
            InMemoryBackend backend = InMemoryBackend.create(Clock.systemUTC());
            backend.addInstance(cluster, InMemoryBackend.instance("i-" + cluster));
            OPENED.put(cluster, backend);
            return backend;
        };
    }

    /** @return a one-container definition publishing 8080 on a dynamic host port */
    static TaskDefinition web(String family) {
        return TaskDefinition.builder(family)
                .container(c -> c.name("app").image("berth-test/busybox:1").memoryMiB(16).portMapping(8080))
                .build();
    }
}
