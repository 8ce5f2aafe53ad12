package dev.berth.benchmarks.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HarnessOptionsTest {

    @Test
    void parse_withoutOnly_runsEveryContenderButTheRoutingMesh() {
        assertThat(HarnessOptions.parse().contenders()).isEqualTo(Set.of("berth", "berth-lb", "swarm", "raw"));
    }

    @Test
    void parse_only_takesTheRoutingMeshWhenAsked() {
        assertThat(HarnessOptions.parse("--only", "berth-lb, swarm-mesh").contenders())
                .isEqualTo(Set.of("berth-lb", "swarm-mesh"));
    }

    @Test
    void parse_healthCheck_defaultsToEcsShortestIntervalAndDefaultTimeout_andTakesOthers() {
        assertThat(HarnessOptions.parse().healthInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(HarnessOptions.parse().healthTimeout()).isEqualTo(Duration.ofSeconds(5));
        HarnessOptions slow = HarnessOptions.parse("--health-interval", "30", "--health-timeout", "20");
        assertThat(slow.healthInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(slow.healthTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThatIllegalArgumentException().isThrownBy(() -> HarnessOptions.parse("--health-timeout", "0"))
                .withMessageContaining("must be positive");
    }

    @Test
    void parse_only_rejectsAnUnknownContender_namingTheKnownOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> HarnessOptions.parse("--only", "mesh"))
                .withMessageContaining("--only takes some of").withMessageContaining("swarm-mesh")
                .withMessageContaining("was [mesh]");
    }

    @Test
    void parse_warmUp_defaultsToTwoRounds_takesZero_andRejectsNegative() {
        assertThat(HarnessOptions.parse().warmUps()).isEqualTo(2);
        assertThat(HarnessOptions.parse("--warm-up", "0").warmUps()).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> HarnessOptions.parse("--warm-up", "-1"))
                .withMessageContaining("--warm-up must be at least 0");
    }
}
