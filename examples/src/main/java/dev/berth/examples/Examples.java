package dev.berth.examples;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.WaitTimeoutException;
import dev.berth.model.PlacementFailure;
import dev.berth.service.ReconcilerSettings;
import dev.berth.task.RunTaskResult;
import dev.berth.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** What every example shares: its {@code main} error handling, reconciler timings for a local engine, waiting. */
final class Examples {

    private static final Duration POLL = Duration.ofMillis(250);

    private Examples() {
    }

    /**
     * Runs an example's body as a {@code main}: a missing engine or a failed step prints one line and exits 1.
     *
     * @param name the example's name, for the message
     * @param body the example
     */
    static void runMain(String name, Runnable body) {
        try {
            body.run();
        } catch (BackendUnavailableException e) {
            System.err.println("No Docker engine answers (start one with: bash scripts/docker-env.sh): "
                    + e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("The example " + name + " failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * ECS's timings, but a resync every 5 s instead of 30 s: ECS looks again every 30 s when nothing seems to move;
     * on a local engine 5 s lets a deployment finish soon after its tasks turn healthy.
     *
     * @return the reconciler settings of the examples
     */
    static ReconcilerSettings localEngineSettings() {
        return new ReconcilerSettings(Duration.ofSeconds(40), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofMinutes(10));
    }

    /**
     * Polls {@code done} until it holds.
     *
     * @param what what is awaited, for the timeout's message
     * @param timeout how long at most
     * @param done the condition
     * @param lastState what was last seen, for the timeout's message
     * @throws WaitTimeoutException if {@code done} does not hold within {@code timeout}
     */
    static void await(String what, Duration timeout, BooleanSupplier done, Supplier<String> lastState) {
        Instant deadline = Instant.now().plus(timeout);
        int checks = 0;
        while (!done.getAsBoolean()) {
            checks++;
            if (Instant.now().isAfter(deadline)) {
                throw new WaitTimeoutException(what, timeout, checks, lastState.get());
            }
            sleep(POLL);
        }
    }

    /**
     * @param result what RunTask started, one task asked for
     * @return the started task
     * @throws IllegalStateException if it fits on no instance; the message says why, per reason
     */
    static Task onlyTask(RunTaskResult result) {
        return result.tasks().stream().findFirst().orElseThrow(() -> new IllegalStateException(
                result.failure().map(PlacementFailure::explanation).orElse("RunTask started no task")));
    }

    /** @return the time since {@code start}, e.g. {@code 4.2 s} */
    static String seconds(Instant start) {
        return String.format("%.1f s", Duration.between(start, Instant.now()).toMillis() / 1000.0);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
