package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentlyFoundTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecentlyFound found = new RecentlyFound(clock, Duration.ofSeconds(10));

    @Test
    void isFresh_forTheFreshnessAfterItWasFound_thenNoLonger() {
        assertThat(found.isFresh("sha256:abc")).isFalse();

        found.found("sha256:abc");
        clock.advance(Duration.ofSeconds(9));
        assertThat(found.isFresh("sha256:abc")).isTrue();
        assertThat(found.isFresh("sha256:def")).isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(found.isFresh("sha256:abc")).isFalse();
    }

    @Test
    void isFresh_notOnceForgotten_untilFoundAgain() {
        found.found("nginx:1.27");

        found.forget("nginx:1.27");
        assertThat(found.isFresh("nginx:1.27")).isFalse();

        found.found("nginx:1.27");
        assertThat(found.isFresh("nginx:1.27")).isTrue();
    }
}
