package dev.berth.docker.reliability;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.docker.TestImages;
import dev.berth.model.DependencyCondition;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.CircuitBreakerThreshold;
import dev.berth.service.Deployment;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.RolloutState;
import dev.berth.service.ServiceSpec;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The operations the kill-point sweep ({@link KillPointSweepIT}) interrupts, each in three parts: {@link #prepare}
 * (in the test JVM, straight on the engine), {@link #operate} (in a child JVM through the {@link EngineFaultProxy},
 * killed after its N-th changing engine call) and {@link #converged} (a new Berth in the test JVM on the same state
 * directory, straight on the engine). Every service has minimumHealthyPercent 100 and maximumPercent 150.
 */
enum KillPointScenario {

    /** Creating a service of 3 tasks. */
    SERVICE_CREATION {
        @Override
        void prepare(Berth berth, String cluster) {
            register(berth, "v1");
            berth.clusters().create(cluster);
        }

        @Override
        void operate(Berth berth, String cluster) {
            Service web = cluster(berth, cluster).services().create(spec(berth, "v1", 3));
            requested();
            await(web, "v1", 3);
        }

        @Override
        boolean converged(Berth berth, String cluster) {
            return settled(berth, cluster, "v1", 3);
        }

        @Override
        boolean unchanged(Berth berth, String cluster) {
            return cluster(berth, cluster).services().get("web").isEmpty();
        }
    },

    /** Scaling a service of 2 tasks up to 4. */
    SCALE_UP {
        @Override
        void prepare(Berth berth, String cluster) {
            Service web = createService(berth, cluster, 2);
            await(web, "v1", 2);
        }

        @Override
        void operate(Berth berth, String cluster) {
            Service web = service(berth, cluster);
            web.scale(4);
            requested();
            await(web, "v1", 4);
        }

        @Override
        boolean converged(Berth berth, String cluster) {
            return settled(berth, cluster, "v1", 4);
        }

        @Override
        boolean unchanged(Berth berth, String cluster) {
            return service(berth, cluster).describe().desiredCount() == 2 && settled(berth, cluster, "v1", 2);
        }
    },

    /** Scaling a service of 4 tasks in to 1. */
    SCALE_IN {
        @Override
        void prepare(Berth berth, String cluster) {
            Service web = createService(berth, cluster, 4);
            await(web, "v1", 4);
        }

        @Override
        void operate(Berth berth, String cluster) {
            Service web = service(berth, cluster);
            web.scale(1);
            requested();
            FaultBerths.awaitTrue("1 task left, the others stopped", TIMEOUT,
                    () -> settled(berth, cluster, "v1", 1) && web.tasks().stream()
                            .noneMatch(t -> t.lastStatus() != TaskStatus.STOPPED && !t.isLive()));
        }

        @Override
        boolean converged(Berth berth, String cluster) {
            return settled(berth, cluster, "v1", 1) && service(berth, cluster).tasks().stream()
                    .noneMatch(t -> t.lastStatus() != TaskStatus.STOPPED && !t.isLive());
        }

        @Override
        boolean unchanged(Berth berth, String cluster) {
            return service(berth, cluster).describe().desiredCount() == 4 && settled(berth, cluster, "v1", 4);
        }
    },

    /** A rolling deployment of 3 tasks to a new revision: the roll of issue #17. */
    ROLLING_DEPLOYMENT {
        @Override
        void prepare(Berth berth, String cluster) {
            Service web = createService(berth, cluster, 3);
            register(berth, "v2");
            await(web, "v1", 3);
        }

        @Override
        void operate(Berth berth, String cluster) {
            Service web = service(berth, cluster);
            web.deploy(TaskDefinitionRef.parse(FAMILY + ":2"));
            requested();
            FaultBerths.awaitTrue("the roll to v2", TIMEOUT, () -> converged(berth, cluster));
        }

        @Override
        boolean converged(Berth berth, String cluster) {
            Service web = service(berth, cluster);
            return web.describe().deployments().get(0).deployment().taskDefinition().revision() == 2
                    && steady(web, 3);
        }

        @Override
        boolean unchanged(Berth berth, String cluster) {
            Service web = service(berth, cluster);
            return web.describe().deployments().get(0).deployment().taskDefinition().revision() == 1
                    && steady(web, 3);
        }
    },

    /**
     * A rolling deployment of 2 tasks to a revision whose container exits at once: the circuit breaker (2 failures)
     * fails it and rolls back to the first revision.
     */
    ROLL_WITH_ROLLBACK {
        @Override
        void prepare(Berth berth, String cluster) {
            Service web = createService(berth, cluster, 2);
            berth.taskDefinitions().register(TaskDefinition.builder(FAMILY)
                    .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                            .command("sh", "-c", "exit 3"))
                    .build());
            await(web, "v1", 2);
        }

        @Override
        void operate(Berth berth, String cluster) {
            Service web = service(berth, cluster);
            web.deploy(TaskDefinitionRef.parse(FAMILY + ":2"));
            requested();
            FaultBerths.awaitTrue("the rollback to v1", TIMEOUT, () -> converged(berth, cluster));
        }

        @Override
        boolean converged(Berth berth, String cluster) {
            Service web = service(berth, cluster);
            Deployment primary = web.describe().deployments().get(0).deployment();
            return primary.rollbackOf().isPresent() && primary.taskDefinition().revision() == 1 && steady(web, 2);
        }

        @Override
        boolean unchanged(Berth berth, String cluster) {
            Service web = service(berth, cluster);
            Deployment primary = web.describe().deployments().get(0).deployment();
            return primary.rollbackOf().isEmpty() && primary.taskDefinition().revision() == 1 && steady(web, 2);
        }
    },

    /** RunTask of a task of two containers, the second one depending on the first one's start. */
    RUN_TASK_WITH_DEPENDS_ON {
        @Override
        void prepare(Berth berth, String cluster) {
            berth.taskDefinitions().register(TaskDefinition.builder(PAIR)
                    .container(c -> c.name("db").image(TestImages.BUSYBOX).memoryMiB(16)
                            .stopTimeout(Duration.ofSeconds(2)).command(SLEEPER))
                    .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                            .stopTimeout(Duration.ofSeconds(2)).command(SLEEPER)
                            .dependsOn("db", DependencyCondition.START))
                    .build());
            berth.clusters().create(cluster);
        }

        @Override
        void operate(Berth berth, String cluster) {
            Cluster c = cluster(berth, cluster);
            List<Task> started = c.tasks().run(RunTaskRequest.builder(TaskDefinitionRef.parse(PAIR + ":1"))
                    .startedBy("kill-point").build()).tasks();
            requested();
            c.tasks().awaitRunning(started.stream().map(Task::taskId).toList(), TIMEOUT);
        }

        /**
         * A standalone task is nobody's to restart: it is running with both containers, or it stopped as failed to
         * start, or nothing of it reached the engine. A task half started and still half running is not.
         */
        @Override
        boolean converged(Berth berth, String cluster) {
            List<Task> tasks = cluster(berth, cluster).tasks().list();
            return tasks.size() <= 1 && tasks.stream().allMatch(t -> t.lastStatus() == TaskStatus.RUNNING
                    && t.containers().stream().allMatch(c -> c.lastStatus() == TaskStatus.RUNNING)
                    || t.lastStatus() == TaskStatus.STOPPED
                    && t.stopCode().orElse(null) == StopCode.TASK_FAILED_TO_START);
        }

        @Override
        boolean unchanged(Berth berth, String cluster) {
            return cluster(berth, cluster).tasks().list().isEmpty();
        }
    },

    /** Deleting a service of 2 tasks (with force: ECS deletes a service scaled above 0 only so). */
    SERVICE_DELETION {
        @Override
        void prepare(Berth berth, String cluster) {
            Service web = createService(berth, cluster, 2);
            await(web, "v1", 2);
        }

        @Override
        void operate(Berth berth, String cluster) {
            Service web = service(berth, cluster);
            web.delete(true);
            requested();
            web.awaitDeleted(TIMEOUT);
        }

        @Override
        boolean converged(Berth berth, String cluster) {
            // A deleted service is hidden at once (DRAINING, as ECS hides it); the deletion is done once every one of
            // its tasks has stopped.
            Cluster c = cluster(berth, cluster);
            return c.services().get("web").isEmpty() && c.tasks().list().stream()
                    .filter(t -> t.group().equals("service:web")).allMatch(t -> t.lastStatus() == TaskStatus.STOPPED);
        }

        @Override
        boolean unchanged(Berth berth, String cluster) {
            // get() finds ACTIVE services only: a deletion stored before the kill is not "unchanged"
            return cluster(berth, cluster).services().get("web").map(web -> steady(web, 2)).orElse(false);
        }
    };

    static final String FAMILY = "kill-web";
    static final String PAIR = "kill-pair";
    static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String[] SLEEPER = {"sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"};

    /** Sets up what the operation starts from; runs in the test JVM, the engine reached directly. */
    abstract void prepare(Berth berth, String cluster);

    /** The operation, run to its end: in a child JVM through the proxy, killed at a kill point. */
    abstract void operate(Berth berth, String cluster);

    /** @return whether a new Berth finished what the operation set out to do */
    abstract boolean converged(Berth berth, String cluster);

    /**
     * @return whether the state is still the prepared one, steady, the request not stored: what a process killed
     *     before its request took effect leaves (a kill point can fall before the operation's API call, between its
     *     first reads). A request stored just before the kill, before the child said so, must be finished instead:
     *     the prepared state also looks steady for a moment while the new process begins to carry it out.
     */
    abstract boolean unchanged(Berth berth, String cluster);

    /** Printed by the child once the operation's API call returned: from then on it must be finished. */
    static final String REQUESTED = "operation requested";

    private static void requested() {
        System.out.println(REQUESTED);
    }

    static RegisteredTaskDefinition register(Berth berth, String version) {
        return berth.taskDefinitions().register(FaultBerths.sleeper(FAMILY, version));
    }

    static Service createService(Berth berth, String cluster, int count) {
        register(berth, "v1");
        return berth.clusters().create(cluster).services().create(spec(berth, "v1", count));
    }

    static ServiceSpec spec(Berth berth, String version, int count) {
        return ServiceSpec.builder("web", TaskDefinitionRef.parse(FAMILY + ":1")).desiredCount(count)
                .deploymentConfiguration(new DeploymentConfiguration(100, 150, new DeploymentCircuitBreaker(true, true,
                        new CircuitBreakerThreshold(CircuitBreakerThreshold.Type.COUNT, 2))))
                .build();
    }

    static Cluster cluster(Berth berth, String cluster) {
        return berth.clusters().get(cluster).orElseThrow(() -> new AssertionError("cluster " + cluster + " lost"));
    }

    static Service service(Berth berth, String cluster) {
        Optional<Service> web = cluster(berth, cluster).services().get("web");
        return web.orElseThrow(() -> new AssertionError("service web lost"));
    }

    static void await(Service web, String version, int count) {
        FaultBerths.awaitTrue(count + " tasks of " + version, TIMEOUT, () -> steady(web, count));
    }

    static boolean settled(Berth berth, String cluster, String version, int count) {
        return steady(service(berth, cluster), count);
    }

    /**
     * @return whether the PRIMARY deployment completed and exactly {@code count} tasks are live, all of its revision
     *     and RUNNING
     */
    static boolean steady(Service web, int count) {
        Deployment primary = web.describe().deployments().get(0).deployment();
        List<Task> tasks = web.tasks();
        return primary.rolloutState() == RolloutState.COMPLETED
                && tasks.stream().filter(FaultBerths::running)
                        .filter(t -> t.taskDefinitionArn().equals(primary.taskDefinition().arn())).count() == count
                && tasks.stream().filter(Task::isLive).count() == count;
    }
}
