package dev.berth.aws.internal;

import dev.berth.model.InstanceRejection;
import dev.berth.model.PlacementFailure;
import dev.berth.model.Rejection;
import dev.berth.model.RejectionReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.Failure;

/**
 * RunTask's {@code failures} as Berth's {@link PlacementFailure}: a failure that names a container instance with one of
 * ECS's placement reason codes (RESOURCE:MEMORY, ATTRIBUTE, ...;
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/api_failures_messages.html) becomes that instance's
 * rejection, every other one (Fargate's "Capacity is unavailable at this time", a reason Berth has no code for) is kept
 * in ECS's words.
 */
public final class RunTaskFailures {

    private RunTaskFailures() {
    }

    /**
     * @param group the tasks' group
     * @param unplaced how many of the requested tasks ECS did not start
     * @param failures what ECS returned over all RunTask calls
     * @return why the tasks were not started; empty when all were
     */
    public static Optional<PlacementFailure> of(String group, int unplaced, List<Failure> failures) {
        if (unplaced < 1) {
            return Optional.empty();
        }
        Map<String, List<Rejection>> byInstance = new TreeMap<>();
        List<String> other = new ArrayList<>();
        for (Failure failure : failures) {
            Optional<RejectionReason> reason = reason(failure.reason());
            String detail = failure.detail() == null ? "" : failure.detail();
            if (reason.isPresent() && failure.arn() != null && failure.arn().contains(":container-instance/")) {
                byInstance.computeIfAbsent(failure.arn(), arn -> new ArrayList<>())
                        .add(new Rejection(reason.get(), detail));
            } else {
                other.add(failure.reason() + (detail.isEmpty() ? "" : " (" + detail + ")")
                        + (failure.arn() == null ? "" : " " + failure.arn()));
            }
        }
        if (byInstance.isEmpty() && other.isEmpty()) {
            // moto's RunTask drops what it cannot place without a word (moto/ecs/models.py run_task); real ECS says
            // why.
            other.add("ECS did not start " + unplaced + (unplaced == 1 ? " task" : " tasks")
                    + " and gave no reason");
        }
        List<InstanceRejection> instances = byInstance.entrySet().stream()
                .map(e -> new InstanceRejection(e.getKey(), e.getValue())).toList();
        return Optional.of(new PlacementFailure(group, unplaced, instances, other));
    }

    private static Optional<RejectionReason> reason(String code) {
        return Arrays.stream(RejectionReason.values()).filter(r -> r.code().equals(code)).findFirst();
    }
}
