package dev.berth.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunIdentityTest {

    private final RunIdentity self = RunIdentity.CURRENT;

    @Test
    void isGoneRun_whenTheOtherJvmEnded_isTrue() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
        RunIdentity other = new RunIdentity("ended-run", self.host(), ended.pid(), Optional.of(1L));

        assertThat(self.isGoneRun(other.labels())).isTrue();
    }

    @Test
    void isGoneRun_whenTheOtherJvmStillRuns_isFalse() {
        RunIdentity parallel = new RunIdentity("parallel-run", self.host(), self.pid(), self.startedAt());

        assertThat(self.isGoneRun(parallel.labels())).isFalse();
    }

    @Test
    void isGoneRun_whenThePidWasReusedByALaterProcess_isTrue() {
        RunIdentity reused = new RunIdentity("old-run", self.host(), self.pid(),
                Optional.of(self.startedAt().orElseThrow() - 60_000));

        assertThat(self.isGoneRun(reused.labels())).isTrue();
    }

    @Test
    void isGoneRun_forAnotherHostOrThisRunOrNoLabels_isFalse() {
        RunIdentity elsewhere = new RunIdentity("remote-run", self.host() + "-other", Long.MAX_VALUE,
                Optional.empty());
        Map<String, String> noPid = new HashMap<>(new RunIdentity("x", self.host(), 1, Optional.empty()).labels());
        noPid.put(RunIdentity.PID, "not-a-number");

        assertThat(self.isGoneRun(elsewhere.labels())).isFalse();
        assertThat(self.isGoneRun(self.labels())).isFalse();
        assertThat(self.isGoneRun(Map.of())).isFalse();
        assertThat(self.isGoneRun(noPid)).isFalse();
    }
}
