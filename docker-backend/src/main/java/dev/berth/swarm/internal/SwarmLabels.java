package dev.berth.swarm.internal;

import dev.berth.docker.internal.Labels;

/**
 * The labels Berth puts on the Swarm services it creates, beside the Docker backend's ({@link Labels}: cluster, task,
 * task definition, container, group, startedBy, created-at, essential, stop timeout, dependency level), which the
 * services and their containers carry alike. Everything needed to report a task is on the swarm, so that a new
 * process reports (and stops) what an earlier one started.
 */
public final class SwarmLabels {

    /** What the Swarm service is to Berth: {@link #KIND_TASK}, {@link #KIND_SERVICE}. */
    public static final String KIND = "dev.berth.swarm.kind";
    /** A Swarm service that runs one container of one Berth task. */
    public static final String KIND_TASK = "task";
    /** A Swarm service that is a whole Berth service (managed mode): each of its Swarm tasks is a Berth task. */
    public static final String KIND_SERVICE = "service";
    /** The node a task's containers run on (tasks only; absent until Swarm placed a managed RunTask's task). */
    public static final String NODE = "dev.berth.swarm.node";
    /** The stop code Berth recorded when it stopped the task (tasks only). */
    public static final String STOP_CODE = "dev.berth.stop-code";
    /** The stop reason Berth recorded when it stopped the task (tasks only). */
    public static final String STOP_REASON = "dev.berth.stop-reason";
    /** Present while Berth deletes a Swarm-managed service: its tasks stop, then the service is removed. */
    public static final String DELETING = "dev.berth.swarm.deleting";
    /** The names of all the containers of a task, comma-separated in definition order (tasks only). */
    public static final String CONTAINERS = "dev.berth.swarm.containers";

    private SwarmLabels() {
    }
}
