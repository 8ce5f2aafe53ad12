package dev.berth.api;

import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;

/**
 * How the standalone tasks of one {@link Berth} are placed and started (ECS's RunTask): by Berth's scheduler
 * ({@link BerthPlacedTasks}), or by a backend that places tasks itself, such as ECS ({@link BackendPlacedTasks}).
 * The {@link Berth} chooses once, when it is built.
 */
interface TaskRunner {

    /**
     * @param cluster the cluster's name; it exists
     * @param revision the ACTIVE revision to run
     * @param group the tasks' group
     * @param request how many, who starts them, overrides and placement rules
     * @return the started tasks and, if some did not fit, why
     */
    RunTaskResult run(String cluster, RegisteredTaskDefinition revision, String group, RunTaskRequest request);
}
