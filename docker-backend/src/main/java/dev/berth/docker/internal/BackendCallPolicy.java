package dev.berth.docker.internal;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The one Resilience4j policy every call to one Docker engine goes through, in this fixed order:
 * {@code Retry(CircuitBreaker(translate(call)))}.
 * <ul>
 *   <li>The call's own deadline is the transport's response timeout of its class (ping seconds, short calls,
 *       pull minutes: {@link dev.berth.docker.DockerTimeouts}, applied by {@link DockerClients}).</li>
 *   <li>{@code translate} turns docker-java's failures into Berth's exceptions ({@link DockerCalls}).</li>
 *   <li>The circuit breaker is per engine. Only transient engine trouble counts as a failure
 *       ({@link BackendUnavailableException#isRetryable()}): a 404 or a 409 is an answer, not a fault. Once open,
 *       calls fail fast with a {@link BackendUnavailableException} naming the engine, until a trial call after
 *       {@link #OPEN_WAIT} succeeds.</li>
 *   <li>Retry repeats only transient errors, at most {@link #MAX_ATTEMPTS} attempts with exponential random
 *       backoff from {@link #FIRST_BACKOFF}; it never repeats a call the open breaker refused. The backoff sleeps
 *       the calling thread, so it is kept short: callers in a reconcile loop rely on the loop's own requeue.</li>
 * </ul>
 * Instances are named {@code docker.<engine>} so that they can be told apart in metrics and messages.
 */
public final class BackendCallPolicy {

    /** Attempts of one call, the first included. */
    static final int MAX_ATTEMPTS = 3;
    /** Backoff before the second attempt; it doubles (randomised by half) for each further one. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    /** How long the breaker stays open before it lets trial calls through. */
    static final Duration OPEN_WAIT = Duration.ofSeconds(10);

    private final String engine;
    private final Retry retry;
    private final CircuitBreaker breaker;

    private BackendCallPolicy(String engine, Retry retry, CircuitBreaker breaker) {
        this.engine = engine;
        this.retry = retry;
        this.breaker = breaker;
    }

    /**
     * @param engine the engine's endpoint, e.g. {@code unix:///var/run/docker.sock}, for names and messages
     * @return the policy of that engine
     */
    public static BackendCallPolicy forEngine(String engine) {
        String name = "docker." + engine;
        CircuitBreaker breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(OPEN_WAIT)
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordException(BackendCallPolicy::isTransient)
                .build());
        Retry retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(MAX_ATTEMPTS)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(FIRST_BACKOFF, 2.0, 0.5))
                .retryOnException(BackendCallPolicy::isTransient)
                .failAfterMaxAttempts(false)
                .build());
        return new BackendCallPolicy(engine, retry, breaker);
    }

    /**
     * @param <T> the call's result type
     * @param what the operation, for messages, e.g. {@code "inspect container berth-1-app"}
     * @param call the docker-java call
     * @return the call's result
     * @throws BackendUnavailableException if the engine stayed unreachable through every attempt, or the circuit
     *     breaker is open
     * @throws BerthException any other failure, translated by {@link DockerCalls#translate}
     */
    public <T> T call(String what, Supplier<T> call) {
        Supplier<T> translated = () -> DockerCalls.call(what, call);
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, translated)).get();
        } catch (CallNotPermittedException open) {
            throw new BackendUnavailableException("Docker engine " + engine + " is failing, so Berth does not call it"
                    + " for now (circuit breaker " + breaker.getName() + " is open after "
                    + breaker.getMetrics().getNumberOfFailedCalls() + " failed calls; it lets a trial call through "
                    + OPEN_WAIT.toSeconds() + " s after opening). Could not " + what + ".", true, open);
        }
    }

    /**
     * @param what the operation, for messages
     * @param call the docker-java call
     * @throws BackendUnavailableException if the engine stayed unreachable or the circuit breaker is open
     * @throws BerthException any other failure
     */
    public void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    private static boolean isTransient(Throwable t) {
        return t instanceof BackendUnavailableException e && e.isRetryable();
    }
}
