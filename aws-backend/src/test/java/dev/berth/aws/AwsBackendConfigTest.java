package dev.berth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration refuses combinations ECS cannot run, naming the fix. */
class AwsBackendConfigTest {

    @Test
    void defaults_areEcsManagedOnEc2WithEcsWaiterTimings() {
        AwsBackendConfig config = AwsBackendConfig.builder().ecsClient(new FakeEcs()).build();

        assertThat(config.mode()).isEqualTo(AwsBackendConfig.Mode.ECS_MANAGED);
        assertThat(config.launchType()).isEqualTo(LaunchType.EC2);
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(6));
        assertThat(config.ecsClientCustomizer()).isEmpty();
    }

    @Test
    void withoutAClient_isRefused() {
        assertThatThrownBy(() -> AwsBackendConfig.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ecsClient");
    }

    @Test
    void clientScheduledOnFargate_isRefused() {
        assertThatThrownBy(() -> AwsBackendConfig.builder().ecsClient(new FakeEcs())
                .mode(AwsBackendConfig.Mode.CLIENT_SCHEDULED).launchType(LaunchType.FARGATE)
                .awsVpc(AwsVpcConfiguration.subnets("s")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CLIENT_SCHEDULED");
    }

    @Test
    void fargateWithoutSubnets_isRefused() {
        assertThatThrownBy(() -> AwsBackendConfig.builder().ecsClient(new FakeEcs())
                .launchType(LaunchType.FARGATE).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("awsVpc");
    }

    @Test
    void awsVpc_checksItsLimits() {
        assertThatThrownBy(() -> new AwsVpcConfiguration(List.of(), List.of(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subnets");
        assertThatThrownBy(() -> AwsVpcConfiguration.subnets("s").withSecurityGroups("1", "2", "3", "4", "5", "6"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("security groups");
    }

    @Test
    void nonPositiveTimings_areRefused() {
        assertThatThrownBy(() -> AwsBackendConfig.builder().ecsClient(new FakeEcs()).pollInterval(Duration.ZERO)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollInterval");
        assertThatThrownBy(() -> AwsBackendConfig.builder().ecsClient(new FakeEcs()).retryMaxAttempts(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryMaxAttempts");
    }
}
