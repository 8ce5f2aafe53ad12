package dev.berth.examples;

import java.util.List;

/**
 * What the quickstart observed, for a test to check.
 *
 * @param atThree the HTTP status each task answered with 3 replicas
 * @param atFive the HTTP status each task answered after scaling to 5
 * @param afterRoll the body each task answered once the roll to the new revision completed
 * @param rollCompleted whether the deployment of the new revision reached COMPLETED
 * @param tasksLeft the cluster's tasks the backend still lists after the service was deleted
 */
public record QuickstartResult(List<Integer> atThree, List<Integer> atFive, List<String> afterRoll,
                               boolean rollCompleted, int tasksLeft) {

    public QuickstartResult {
        atThree = List.copyOf(atThree);
        atFive = List.copyOf(atFive);
        afterRoll = List.copyOf(afterRoll);
    }
}
