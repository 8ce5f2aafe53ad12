package dev.berth.reconciler;

import dev.berth.task.Task;
import java.util.List;

/** Chooses which tasks of a service to stop when it has more than it should (ecs-semantics 3.10). */
@FunctionalInterface
public interface VictimSelector {

    /**
     * @param candidates live tasks of the service's PRIMARY deployment
     * @param count how many to stop, at most {@code candidates.size()}
     * @return {@code count} of the candidates, in the order they should stop
     */
    List<Task> select(List<Task> candidates, int count);
}
