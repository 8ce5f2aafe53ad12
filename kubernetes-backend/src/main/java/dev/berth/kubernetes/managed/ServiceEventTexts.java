package dev.berth.kubernetes.managed;

/**
 * The texts of the service events Berth reports for a Kubernetes-managed service, in ECS's words (see "Amazon ECS
 * service event messages" in ECS's developer guide), so that a service reads the same on every backend.
 */
final class ServiceEventTexts {

    private ServiceEventTexts() {
    }

    static String steadyState(String service) {
        return "service (" + service + ") has reached a steady state.";
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
        return "Berth deployment circuit breaker: " + failedTasks + " of " + threshold + " allowed tasks failed.";
    }

    static String unplaceable(String service, String schedulerMessage) {
        return "service (" + service + ") was unable to place a task because no container instance met all of its"
                + " requirements. Reason: " + schedulerMessage;
    }
}
