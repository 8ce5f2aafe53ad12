package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.ResourceNotFoundException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackendCallPolicyTest {

    private static final String ENGINE = "unix:///test/docker.sock";

    @Test
    void call_transientFailureThenSuccess_isRetried() {
        BackendCallPolicy policy = BackendCallPolicy.forEngine(ENGINE);
        AtomicInteger attempts = new AtomicInteger();

        String result = policy.call("list containers", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new BackendUnavailableException("engine restarting", true);
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(BackendCallPolicy.MAX_ATTEMPTS);
    }

    @Test
    void call_answerThatIsAnError_isNotRetried() {
        BackendCallPolicy policy = BackendCallPolicy.forEngine(ENGINE);
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> policy.call("inspect container x", () -> {
            attempts.incrementAndGet();
            throw new ResourceNotFoundException("no such container");
        })).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> policy.call("start container x", () -> {
            attempts.incrementAndGet();
            throw new BackendUnavailableException("internal server error", false);
        })).isInstanceOf(BackendUnavailableException.class);

        assertThat(attempts).hasValue(2);
    }

    @Test
    void call_engineKeepsFailing_opensTheBreaker_andLaterCallsFailFastNamingTheEngine() {
        BackendCallPolicy policy = BackendCallPolicy.forEngine(ENGINE);
        AtomicInteger attempts = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> policy.run("ping", () -> {
                attempts.incrementAndGet();
                throw new BackendUnavailableException("connection refused", true);
            })).isInstanceOf(BackendUnavailableException.class);
        }
        int beforeOpen = attempts.get();

        assertThatThrownBy(() -> policy.run("list containers", attempts::incrementAndGet))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining(ENGINE).hasMessageContaining("circuit breaker")
                .hasMessageContaining("list containers")
                .satisfies(e -> assertThat(((BackendUnavailableException) e).isRetryable()).isTrue());
        assertThat(attempts).as("no call reaches the engine while open").hasValue(beforeOpen);
    }

    @Test
    void call_notFoundAnswers_neverOpenTheBreaker() {
        BackendCallPolicy policy = BackendCallPolicy.forEngine(ENGINE);
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> policy.run("inspect container gone", () -> {
                throw new ResourceNotFoundException("no such container");
            })).isInstanceOf(ResourceNotFoundException.class);
        }

        assertThat(policy.call("list containers", () -> "listed")).isEqualTo("listed");
    }
}
