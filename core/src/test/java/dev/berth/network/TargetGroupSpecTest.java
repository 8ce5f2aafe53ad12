package dev.berth.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ELB's defaults and ranges for target groups and their health checks. */
class TargetGroupSpecTest {

    @Test
    void builder_startsWithElbDefaults() {
        TargetGroupSpec spec = TargetGroupSpec.builder("api").build();

        assertThat(spec.protocol()).isEqualTo(TargetGroupProtocol.HTTP);
        assertThat(spec.deregistrationDelay()).isEqualTo(Duration.ofSeconds(300));
        assertThat(spec.listenerPort()).isZero();
        HealthCheckSettings check = spec.healthCheck();
        assertThat(check.protocol()).isEqualTo(HealthCheckProtocol.HTTP);
        assertThat(check.path()).isEqualTo("/");
        assertThat(check.port()).isEqualTo(OptionalInt.empty());
        assertThat(check.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(check.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(check.healthyThreshold()).isEqualTo(5);
        assertThat(check.unhealthyThreshold()).isEqualTo(2);
        assertThat(check.matcher()).isEqualTo(new HttpCodeMatcher("200"));
    }

    @Test
    void builder_whenTcp_checksByTcpWithElbsTenSecondTimeout() {
        HealthCheckSettings check = TargetGroupSpec.builder("db").protocol(TargetGroupProtocol.TCP).build()
                .healthCheck();

        assertThat(check.protocol()).isEqualTo(HealthCheckProtocol.TCP);
        assertThat(check.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-api", "api-", "a_b", "internal-api", "this-name-is-far-too-long-for-elb-1", ""})
    void name_whenBreakingElbsRule_isRejected(String name) {
        assertThatThrownBy(() -> TargetGroupSpec.builder(name).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target group name");
    }

    @Test
    void healthCheck_outsideElbsRanges_isRejectedNamingTheField() {
        assertThatThrownBy(() -> HealthCheckSettings.builder(TargetGroupProtocol.HTTP).interval(Duration.ofSeconds(4))
                .timeout(Duration.ofSeconds(2)).build()).hasMessageContaining("interval");
        assertThatThrownBy(() -> HealthCheckSettings.builder(TargetGroupProtocol.HTTP).timeout(Duration.ofSeconds(1))
                .build()).hasMessageContaining("timeout");
        assertThatThrownBy(() -> HealthCheckSettings.builder(TargetGroupProtocol.HTTP).interval(Duration.ofSeconds(5))
                .build()).hasMessageContaining("smaller than its interval");
        assertThatThrownBy(() -> HealthCheckSettings.builder(TargetGroupProtocol.HTTP).healthyThreshold(11).build())
                .hasMessageContaining("healthyThreshold");
        assertThatThrownBy(() -> HealthCheckSettings.builder(TargetGroupProtocol.HTTP).unhealthyThreshold(1).build())
                .hasMessageContaining("unhealthyThreshold");
        assertThatThrownBy(() -> HealthCheckSettings.builder(TargetGroupProtocol.HTTP).path("health").build())
                .hasMessageContaining("path");
    }

    @Test
    void httpTargetGroup_withTcpChecks_isRejectedAsInElb() {
        assertThatThrownBy(() -> TargetGroupSpec.builder("api").healthCheck(c -> c.protocol(HealthCheckProtocol.TCP))
                .build()).hasMessageContaining("TCP health checks");
    }

    @Test
    void deregistrationDelay_outside0To3600_isRejected() {
        assertThat(TargetGroupSpec.builder("api").deregistrationDelay(Duration.ZERO).build().deregistrationDelay())
                .isZero();
        assertThatThrownBy(() -> TargetGroupSpec.builder("api").deregistrationDelay(Duration.ofSeconds(3601)).build())
                .hasMessageContaining("deregistrationDelay");
    }

    @Test
    void matcher_acceptsCodesListsAndRanges() {
        HttpCodeMatcher matcher = new HttpCodeMatcher("200,202,300-302");

        assertThat(matcher.matches(202)).isTrue();
        assertThat(matcher.matches(301)).isTrue();
        assertThat(matcher.matches(201)).isFalse();
        assertThatThrownBy(() -> new HttpCodeMatcher("200-600")).hasMessageContaining("200..499");
        assertThatThrownBy(() -> new HttpCodeMatcher("ok")).hasMessageContaining("matcher");
    }
}
