package dev.berth.docker.internal;

import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a container that exited is restarted in place, by ECS's {@code restartPolicy} rules (pure): only a
 * container with an enabled policy, whose exit code is not ignored, and that ran at least {@code restartAttemptPeriod}
 * since its last (re)start. A container that is not restarted exits as any other: an essential one stops its task.
 *
 * <p>"Ran" is the engine's {@code FinishedAt - StartedAt} of the container's last run (Docker's {@code StartedAt} is
 * the last start, restarts included), not the time until Berth notices the exit: a container that crashed after a
 * second is not restarted because the observing process was busy or down for a while. Whether Berth asked the task
 * to stop is the caller's part: a stopping task's containers are never restarted.
 *
 * @param restart whether to start the container again
 * @param why the rule that decided, for logs and tests
 */
public record RestartDecision(boolean restart, String why) {

    /**
     * @param container a container as observed
     * @return the decision for it; {@code restart == false} for one that has not exited
     */
    public static RestartDecision decide(ContainerObservation container) {
        Optional<RestartRule> rule = container.restartRule();
        if (rule.isEmpty()) {
            return no("no enabled restartPolicy");
        }
        if (container.status() != TaskStatus.STOPPED) {
            return no("not exited");
        }
        if (container.exitCode().isEmpty()) {
            return no("no exit code");
        }
        int exitCode = container.exitCode().getAsInt();
        if (rule.get().ignoredExitCodes().contains(exitCode)) {
            return no("exit code " + exitCode + " is in ignoredExitCodes");
        }
        if (container.startedAt().isEmpty() || container.finishedAt().isEmpty()) {
            return no("start or finish time unknown");
        }
        Duration ran = Duration.between(container.startedAt().get(), container.finishedAt().get());
        if (ran.compareTo(rule.get().attemptPeriod()) < 0) {
            return no("ran " + ran + ", less than restartAttemptPeriod " + rule.get().attemptPeriod());
        }
        return new RestartDecision(true, "exit code " + exitCode + " after running " + ran);
    }

    private static RestartDecision no(String why) {
        return new RestartDecision(false, why);
    }
}
