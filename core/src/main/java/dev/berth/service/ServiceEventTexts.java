package dev.berth.service;

/**
 * The texts of service events in ECS's words
 * (<a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages.html">Amazon ECS
 * service event messages</a>), for every backend that reports a service's events itself, so that a service reads
 * the same on each.
 */
public final class ServiceEventTexts {

    private ServiceEventTexts() {
    }

    /** @return e.g. {@code service (web) has reached a steady state.} */
    public static String steadyState(String service) {
        return "service (" + service + ") has reached a steady state.";
    }

    /** @return e.g. {@code service (web) is unable to consistently start tasks successfully.} */
    public static String startImpaired(String service) {
        return "service (" + service + ") is unable to consistently start tasks successfully.";
    }

    /** @return the event of a deployment that its minimumHealthyPercent and maximumPercent hold still */
    public static String stuck(String service) {
        return "service (" + service + ") was unable to stop or start tasks during a deployment because of the "
                + "service deployment configuration. Update the minimumHealthyPercent or maximumPercent value "
                + "and try again.";
    }

    /** @return e.g. {@code service (web) (deployment ecs-svc/2) deployment completed.} */
    public static String deploymentCompleted(String service, String deploymentId) {
        return "service (" + service + ") (deployment " + deploymentId + ") deployment completed.";
    }

    /** @return e.g. {@code service (web) (deployment ecs-svc/2) deployment in progress.} */
    public static String deploymentInProgress(String service, String deploymentId) {
        return "service (" + service + ") (deployment " + deploymentId + ") deployment in progress.";
    }

    /** @return the failure of a deployment whose tasks failed: {@code ... deployment failed: tasks failed to start.} */
    public static String deploymentFailed(String service, String deploymentId) {
        return deploymentFailed(service, deploymentId, "tasks failed to start.");
    }

    /** @return e.g. {@code service (web) (deployment ecs-svc/2) deployment failed: <reason>} */
    public static String deploymentFailed(String service, String deploymentId, String reason) {
        return "service (" + service + ") (deployment " + deploymentId + ") deployment failed: " + reason;
    }

    /** @return e.g. {@code service (web) (deployment ecs-svc/2) rolling back to deployment (ecs-svc/1).} */
    public static String rollingBack(String service, String failedId, String targetId) {
        return "service (" + service + ") (deployment " + failedId + ") rolling back to deployment (" + targetId + ").";
    }

    /** @return the rollout state reason of a deployment the circuit breaker stopped */
    public static String circuitBreakerReason(int failedTasks, int threshold) {
        return "ECS deployment circuit breaker: " + failedTasks + " of " + threshold + " allowed tasks failed.";
    }

    /** @return e.g. {@code service (web) has started 2 tasks.} */
    public static String startedTasks(String service, int count) {
        return "service (" + service + ") has started " + count + (count == 1 ? " task." : " tasks.");
    }

    /** @return e.g. {@code service (web) has stopped 1 running task.} */
    public static String stoppedTasks(String service, int count) {
        return "service (" + service + ") has stopped " + count + (count == 1 ? " running task." : " running tasks.");
    }

    /** @return ECS's placement failure event, with the scheduler's reason */
    public static String unplaceable(String service, String reason) {
        return "service (" + service + ") was unable to place a task because no container instance met all of its"
                + " requirements. Reason: " + reason;
    }
}
