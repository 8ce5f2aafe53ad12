package dev.berth.spi;

import dev.berth.task.Task;
import java.util.List;
import java.util.Set;

/**
 * The answer of {@link ClusterChangeFeed#since}: the tasks that may have changed, each as it is now. A task listed
 * may also be unchanged, so a reader compares with what it knew.
 *
 * @param cursor where to ask from next time
 * @param tasks the changed tasks that the backend still has
 * @param goneTaskIds the changed tasks that it no longer has (forgotten)
 */
public record ClusterChanges(long cursor, List<Task> tasks, Set<String> goneTaskIds) {

    public ClusterChanges {
        tasks = List.copyOf(tasks);
        goneTaskIds = Set.copyOf(goneTaskIds);
    }
}
