package dev.berth.spi.tck;

import dev.berth.kubernetes.KubernetesBackendConfig;
import dev.berth.kubernetes.RequiresKubernetes;

/** The backend contract in {@link KubernetesBackendConfig.Mode#CLIENT_SCHEDULED} mode; exclusions in {@link KubernetesContract}. */
@RequiresKubernetes
class KubernetesOnClientScheduledContractIT extends KubernetesContract {

    @Override
    KubernetesBackendConfig.Mode mode() {
        return KubernetesBackendConfig.Mode.CLIENT_SCHEDULED;
    }
}
