package dev.berth.reconciler;

import dev.berth.task.Task;
import java.util.List;

/**
 * Chooses which tasks of a service to stop when it has more than it should (by the service's placement strategies,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html).
 */
@FunctionalInterface
public interface VictimSelector {

    /**
     * @param candidates live tasks of the service's PRIMARY deployment
     * @param count how many to stop, at most {@code candidates.size()}
     * @return {@code count} of the candidates, in the order they should stop
     */
    List<Task> select(List<Task> candidates, int count);
}
