package dev.berth.internal.json;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.TaskDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ECS's quota on a registration: the RegisterTaskDefinition request, as compact JSON, is at most 64 KiB
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html). ECS checks it when a revision is
 * registered, not when a definition is written, so Berth checks it there too.
 */
public final class RegistrationQuota {

    /** ECS's limit on a task definition's JSON size. */
    static final int MAX_JSON_BYTES = 64 * 1024;

    private RegistrationQuota() {
    }

    /**
     * @param definition a valid task definition about to be registered
     * @throws InvalidSpecException if its JSON form is over 64 KiB (rule {@code taskDefinition.size})
     */
    public static void requireWithin(TaskDefinition definition) {
        int bytes = TaskDefinitionJsonWriter.registerFormat(definition).toString()
                .getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_JSON_BYTES) {
            throw new InvalidSpecException("task definition '" + definition.family() + "'", List.of(new SpecProblem(
                    "", "taskDefinition.size", String.valueOf(bytes), "the task definition is " + bytes + " bytes as"
                    + " JSON; ECS accepts at most 65536 (64 KiB). Move large values (long commands, many environment"
                    + " variables) into the image or a secret store.")));
        }
    }
}
