package dev.berth.scheduler.internal;

import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.scheduler.PlacementRequest;
import dev.berth.scheduler.RequiredAttribute;
import dev.berth.scheduler.TaskReservation;
import java.util.List;

/**
 * What makes two requests share a {@link PlacementView}: everything but their count.
 *
 * @param reservation per task
 * @param group the task group
 * @param strategies in order
 * @param constraints in order
 * @param requiredAttributes the attributes the task definition requires
 */
public record ViewKey(TaskReservation reservation, String group, List<PlacementStrategy> strategies,
                      List<PlacementConstraint> constraints, List<RequiredAttribute> requiredAttributes) {

    /**
     * @param request the placement request
     * @return the key of {@code request}
     */
    public static ViewKey of(PlacementRequest request) {
        return new ViewKey(request.reservation(), request.group(), request.strategies(), request.constraints(),
                request.requiredAttributes());
    }
}
