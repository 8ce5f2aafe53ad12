package dev.berth.reconciler;

import java.time.Duration;

/**
 * The texts of service events, as ECS writes them
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages.html).
 */
final class EventTexts {

    private EventTexts() {
    }

    static String steadyState(String service) {
        return "service (" + service + ") has reached a steady state.";
    }

    static String startImpaired(String service) {
        return "service (" + service + ") is unable to consistently start tasks successfully.";
    }

    static String stuck(String service) {
        return "service (" + service + ") was unable to stop or start tasks during a deployment because of the "
                + "service deployment configuration. Update the minimumHealthyPercent or maximumPercent value "
                + "and try again.";
    }

    /** The stopped reason of a task PENDING for too long: the agent's timeouts say "timed out after waiting". */
    static String pendingTooLong(Duration limit) {
        return "Task did not start: it was PENDING for longer than " + limit.toString().substring(2).toLowerCase()
                + " (pendingTimeout), timed out after waiting.";
    }

    static String deploymentCompleted(String service, String deploymentId) {
        return "service (" + service + ") (deployment " + deploymentId + ") deployment completed.";
    }

    static String deploymentFailed(String service, String deploymentId) {
        return "service (" + service + ") (deployment " + deploymentId + ") deployment failed: tasks failed to start.";
    }

    static String rollingBack(String service, String failedId, String targetId) {
        return "service (" + service + ") (deployment " + failedId + ") rolling back to deployment (" + targetId + ").";
    }

    static String circuitBreakerReason(int failedTasks, int threshold) {
        return "ECS deployment circuit breaker: " + failedTasks + " of " + threshold + " allowed tasks failed.";
    }

    static String startedTasks(String service, int count) {
        return "service (" + service + ") has started " + count + (count == 1 ? " task." : " tasks.");
    }

    static String stoppedTasks(String service, int count) {
        return "service (" + service + ") has stopped " + count + (count == 1 ? " running task." : " running tasks.");
    }
}
