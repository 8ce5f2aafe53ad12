package dev.berth.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The test swarm itself: overlay networking across the three nodes (VXLAN between the network namespaces) and
 * host-mode publishing work for real ({@code scripts/swarm-env.sh check-network}); the routing mesh works where the
 * kernel has IPVS, and where it has none the check says so.
 */
@RequiresSwarm
class SwarmTestBedIT {

    @Test
    void checkNetwork_overlayAndHostPublishingWorkAcrossTheNodes() {
        SwarmTestBed.NetworkCheck check = SwarmTestBed.get().checkNetwork();

        assertThat(check.output()).contains("PASS overlay", "PASS host-mode publishing");
        if (Files.exists(Path.of("/proc/net/ip_vs"))) {
            assertThat(check.output()).contains("PASS ingress");
            assertThat(check.passed()).isTrue();
        } else {
            assertThat(check.output()).contains("FAIL ingress", "CONFIG_IP_VS is not set");
        }
    }
}
