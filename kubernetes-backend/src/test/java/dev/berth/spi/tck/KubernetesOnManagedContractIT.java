package dev.berth.spi.tck;

import dev.berth.kubernetes.KubernetesBackend;
import dev.berth.kubernetes.KubernetesBackendConfig;
import dev.berth.kubernetes.KwokCluster;
import dev.berth.kubernetes.RequiresKubernetes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The backend contract in {@link KubernetesBackendConfig.Mode#MANAGED} mode; exclusions in {@link KubernetesContract}. */
@RequiresKubernetes
class KubernetesOnManagedContractIT extends KubernetesContract {

    private static KwokCluster kwok;
    private static String cluster;

    @BeforeAll
    static void createNodesAndNamespaces() {
        kwok = new KwokCluster();
        kwok.addNode("contract-a", 4, 8, "zone-a");
        kwok.addNode("contract-b", 4, 8, "zone-b");
        cluster = kwok.unique("managed");
        try (KubernetesBackend backend = KubernetesBackend.create(kwok.config(KubernetesBackendConfig.Mode.MANAGED)
                .build())) {
            backend.createCluster(cluster);
            backend.createCluster(cluster + "-other");
        }
        kwok.deleteAtEnd(cluster);
        kwok.deleteAtEnd(cluster + "-other");
    }

    @AfterAll
    static void deleteNodesAndNamespaces() {
        kwok.close();
    }

    @Override
    KwokCluster kwok() {
        return kwok;
    }

    @Override
    KubernetesBackendConfig.Mode mode() {
        return KubernetesBackendConfig.Mode.MANAGED;
    }

    @Override
    protected String cluster() {
        return cluster;
    }

    @Override
    String namespace() {
        return cluster;
    }
}
