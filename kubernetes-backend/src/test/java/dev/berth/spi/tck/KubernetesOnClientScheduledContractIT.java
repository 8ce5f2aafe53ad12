package dev.berth.spi.tck;

import dev.berth.kubernetes.KubernetesBackend;
import dev.berth.kubernetes.KubernetesBackendConfig;
import dev.berth.kubernetes.KwokCluster;
import dev.berth.kubernetes.RequiresKubernetes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The backend contract in {@link KubernetesBackendConfig.Mode#CLIENT_SCHEDULED} mode; exclusions in {@link KubernetesContract}. */
@RequiresKubernetes
class KubernetesOnClientScheduledContractIT extends KubernetesContract {

    private static KwokCluster kwok;
    private static String cluster;

    @BeforeAll
    static void createNodesAndNamespaces() {
        kwok = new KwokCluster();
        kwok.addNode("contract-a", 4, 8, "zone-a");
        kwok.addNode("contract-b", 4, 8, "zone-b");
        cluster = kwok.unique("client-scheduled");
        try (KubernetesBackend backend = KubernetesBackend.create(kwok.config(KubernetesBackendConfig.Mode.CLIENT_SCHEDULED)
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
        return KubernetesBackendConfig.Mode.CLIENT_SCHEDULED;
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
