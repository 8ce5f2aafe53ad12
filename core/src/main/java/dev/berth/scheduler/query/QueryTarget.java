package dev.berth.scheduler.query;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The facts about a container instance that the cluster query language can test, one method per subject.
 * {@link dev.berth.scheduler.InstanceState} implements it; so does the scheduler's live view of an instance,
 * which also counts the tasks placed during the current scheduling pass.
 */
public interface QueryTarget {

    /**
     * @param name an attribute name such as {@code ecs.availability-zone}
     * @return the attribute's value, or empty when the instance does not have it
     */
    Optional<String> attribute(String name);

    /** @return whether the container agent is connected ({@code agentConnected}) */
    boolean agentConnected();

    /** @return the agent version, digits separated by dots ({@code agentVersion}) */
    String agentVersion();

    /** @return the EC2 instance id; empty for external instances ({@code ec2InstanceId}) */
    Optional<String> ec2InstanceId();

    /** @return when the instance registered with the cluster ({@code registeredAt}) */
    Instant registeredAt();

    /** @return the number of tasks on the instance ({@code runningTasksCount}) */
    int runningTasksCount();

    /** @return the task groups with at least one task on the instance ({@code task:group}) */
    Set<String> taskGroups();
}
