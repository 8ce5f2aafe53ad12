package dev.berth.aws.internal;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The ECS tags by which Berth recognises its own tasks: ECS chooses task ids itself, Berth's callers choose theirs, so
 * each task Berth starts carries Berth's id and the Berth revision it runs. Tags live in ECS, so a new process finds
 * its tasks again.
 */
public final class BerthTags {

    /** Berth's id of the task. */
    public static final String TASK_ID = "berth:task-id";
    /** The ARN of the Berth revision the task runs (Berth's ARN, which may differ from ECS's). */
    public static final String TASK_DEFINITION = "berth:task-definition";

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
     * @param key the tag's key
     * @param value the tag's value
     * @return the tag
     */
    public static Tag of(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
