package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.InstanceStatus;
import dev.berth.testing.ForwardingBackend;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clusters and Instances tell the backend what they changed, for backends that keep clusters themselves (ECS). */
class BackendHooksTest {

    private final RecordingBackend backend = new RecordingBackend();
    private final Berth berth = Berth.builder(backend).build();

    @AfterEach
    void close() {
        berth.close();
    }

    @Test
    void clusters_createAndDelete_reachTheBackend() {
        berth.clusters().create("a");
        berth.clusters().getOrCreate("a");
        berth.clusters().getOrCreate("b");
        berth.clusters().delete("a");

        assertThat(backend.calls).containsExactly("createCluster a", "createCluster b", "deleteCluster a");
    }

    @Test
    void clusterTheBackendCannotCreate_isNotKept() {
        backend.failCreate = true;

        assertThatThrownBy(() -> berth.clusters().create("c")).isInstanceOf(BackendUnavailableException.class);
        assertThat(berth.clusters().get("c")).isEmpty();
    }

    @Test
    void instances_drainActivateAndAttributes_reachTheBackend() {
        backend.delegate.addInstance("a", InMemoryBackend.instance("i-1"));
        Cluster cluster = berth.clusters().create("a");

        cluster.instances().drain("i-1");
        cluster.instances().activate("i-1");
        cluster.instances().putAttributes("i-1", new java.util.TreeMap<>(Map.of("stack", "blue", "tier", "web")));
        cluster.instances().deleteAttributes("i-1", List.of("stack"));

        assertThat(backend.calls).containsExactly("createCluster a", "status i-1 DRAINING", "status i-1 ACTIVE",
                "attributes i-1 {stack=blue, tier=web}", "deleted i-1 [stack]");
        assertThat(cluster.instances().list()).singleElement()
                .satisfies(i -> assertThat(i.attributes()).containsEntry("tier", "web").doesNotContainKey("stack"));
    }

    /** An in-memory backend that records the hook calls. */
    private static final class RecordingBackend extends ForwardingBackend {
        final InMemoryBackend delegate;
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean failCreate;

        RecordingBackend() {
            this(InMemoryBackend.create(Clock.systemUTC()));
        }

        private RecordingBackend(InMemoryBackend delegate) {
            super(delegate);
            this.delegate = delegate;
        }

        @Override
        public void createCluster(String cluster) {
            if (failCreate) {
                throw new BackendUnavailableException("cannot create " + cluster, false);
            }
            calls.add("createCluster " + cluster);
        }

        @Override
        public void deleteCluster(String cluster) {
            calls.add("deleteCluster " + cluster);
        }

        @Override
        public void instanceStatusChanged(String cluster, String instanceId, InstanceStatus status) {
            calls.add("status " + instanceId + " " + status);
        }

        @Override
        public void attributesPut(String cluster, String instanceId, Map<String, String> attributes) {
            calls.add("attributes " + instanceId + " " + attributes);
        }

        @Override
        public void attributesDeleted(String cluster, String instanceId, Set<String> names) {
            calls.add("deleted " + instanceId + " " + names);
        }

        @Override
        public String name() {
            return "recording";
        }
    }
}
