package dev.berth.aws.internal;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The ECS tags by which Berth recognises its own tasks. Every task Berth starts carries the Berth revision it runs.
 * A task Berth placed itself (StartTask) also carries the id Berth's caller chose for it; a task ECS placed (RunTask,
 * which tags all the tasks of a call alike) goes by ECS's own task id. Tags live in ECS, so a new process finds its
 * tasks again.
 */
public final class BerthTags {

    /** Berth's id of the task. */
    public static final String TASK_ID = "berth:task-id";
    /** The ARN of the Berth revision the task runs (Berth's ARN, which may differ from ECS's). */
    public static final String TASK_DEFINITION = "berth:task-definition";
    /**
     * The client token of the RunTask call that started the task: after a call whose answer was lost, Berth finds
     * the tasks it started by this tag instead of starting them again.
     */
    public static final String CLIENT_TOKEN = "berth:client-token";

    private BerthTags() {
    }

    /**
     * @param tags a resource's tags
     * @param key a tag key
     * @return the tag's value, if the resource has it
     */
    public static Optional<String> value(List<Tag> tags, String key) {
        return tags.stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst();
    }

    /**
     * @param task an ECS task, described with its tags
     * @return whether Berth started it: every task it starts carries its revision
     */
    public static boolean isBerths(software.amazon.awssdk.services.ecs.model.Task task) {
        return value(task.tags(), TASK_DEFINITION).isPresent();
    }

    /**
     * @param task an ECS task Berth started
     * @return Berth's id of it: the id Berth chose, else ECS's task id (the last part of its ARN)
     */
    public static String taskId(software.amazon.awssdk.services.ecs.model.Task task) {
        return value(task.tags(), TASK_ID).orElseGet(() -> ecsTaskId(task.taskArn()));
    }

    /**
     * @param taskArn {@code arn:aws:ecs:<region>:<account>:task/<cluster>/<id>}, or the older form without cluster
     * @return the id
     */
    public static String ecsTaskId(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    /**
     * @param key the tag's key
     * @param value the tag's value
     * @return the tag
     */
    public static Tag of(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
