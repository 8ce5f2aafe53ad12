package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.berth.docker.internal.Labels;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.RolloutState;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceEventTexts;
import dev.berth.service.ServiceStatus;
import dev.berth.spi.ManagedDeployment;
import dev.berth.spi.ManagedServiceStatus;
import dev.berth.swarm.internal.ServiceSpecs.Deployment;
import dev.berth.swarm.internal.SwarmService.UpdateStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A Swarm-managed service as ECS's {@code DescribeServices} would report it (pure).
 *
 * <p>Deployments: the PRIMARY one is what the service's spec runs; while Swarm updates (or rolls back, or paused
 * either) there is an ACTIVE one too, what the previous spec ran. Rollout state from Swarm's {@code UpdateStatus}:
 * {@code updating} IN_PROGRESS, {@code completed} COMPLETED; {@code paused} FAILED (the update stopped on failures,
 * as a failed ECS deployment does); {@code rollback_started} the PRIMARY (now the spec rolled back to) IN_PROGRESS
 * and the ACTIVE (the failed one) FAILED, {@code rollback_completed} the PRIMARY COMPLETED. A service never
 * updated is COMPLETED once its tasks all run. Task counts come from the tasks that carry each deployment's id.
 *
 * <p>Events, newest first, in ECS's words (ECS's service event messages): tasks started and stopped, from the Swarm
 * tasks' timestamps; a deployment completed, failed (with Swarm's message) or rolling back, from the update status;
 * the steady state once the desired count runs and no update is under way. Swarm keeps a few stopped tasks per
 * slot, so older events fall away as on ECS.
 */
public final class ServiceStatuses {

    private ServiceStatuses() {
    }

    /**
     * @param service the Swarm service
     * @param tasks its Swarm tasks
     * @param draining whether Berth is deleting it
     * @param readyNodes the nodes that are ready: a task elsewhere reports a state its node can no longer change
     * @param revisions the revision a task template runs (with the service's endpoint, or a missing node for a
     *     task's template), from those Berth gave this process, else read back from the template
     * @return the status
     */
    public static ManagedServiceStatus of(SwarmService service, List<SwarmTask> tasks, boolean draining,
                                          Set<String> readyNodes,
                                          BiFunction<JsonNode, JsonNode, Optional<RegisteredTaskDefinition>> revisions) {
        String name = service.labels().getOrDefault(Labels.SERVICE, service.name());
        List<SwarmTask> wanted = tasks.stream().filter(t -> !t.shutDownBySwarm()).toList();
        int running = (int) wanted.stream().filter(SwarmTask::running).count();
        int pending = (int) wanted.stream().filter(SwarmTask::beforeRunning).count();
        int desired = draining ? 0 : service.global() ? wanted.size() : service.replicas();
        Optional<UpdateStatus> update = service.updateStatus();
        String state = update.map(UpdateStatus::state).orElse("");
        boolean inFlight = state.equals("updating") || state.equals("paused") || state.equals("rollback_started")
                || state.equals("rollback_paused");
        boolean rollback = update.map(UpdateStatus::rollback).orElse(false);
        Optional<Deployment> primary = ServiceSpecs.deployment(service);
        String primaryId = primary.map(Deployment::id).orElse("");
        Optional<Deployment> previous = service.previousSpec().flatMap(p -> ServiceSpecs.deployment(
                Json.strings(p.path("Labels")), Json.strings(p.path("TaskTemplate").path("ContainerSpec")
                        .path("Labels"))))
                .filter(p -> !p.id().equals(primaryId));
        // Older deployments are ACTIVE while Swarm updates and while their tasks still stop afterwards; a task on a
        // node that is not ready keeps none (its state is the last its node sent).
        Map<String, List<SwarmTask>> older = new LinkedHashMap<>();
        previous.filter(p -> inFlight).ifPresent(p -> older.put(p.id(), new ArrayList<>()));
        // Swarm drops the previous spec when it rolls back: the deployment rolled back is that of the newest task
        // that is not the restored deployment's, failed or not
        Optional<String> rolledBack = tasks.stream()
                .filter(t -> !t.containerLabels().getOrDefault(Labels.DEPLOYMENT, primaryId).equals(primaryId))
                .max(Comparator.comparing(SwarmTask::createdAt))
                .map(t -> t.containerLabels().get(Labels.DEPLOYMENT)).filter(id -> rollback);
        if (state.equals("rollback_started") || state.equals("rollback_paused")) {
            rolledBack.ifPresent(id -> older.putIfAbsent(id, new ArrayList<>()));
        }
        for (SwarmTask t : tasks) {
            String id = t.containerLabels().getOrDefault(Labels.DEPLOYMENT, "");
            if (!t.isFinal() && readyNodes.contains(t.nodeId()) && !id.isEmpty() && !id.equals(primaryId)) {
                older.computeIfAbsent(id, k -> new ArrayList<>()).add(t);
            }
        }
        boolean steady = running == desired && pending == 0;
        List<ManagedDeployment> deployments = new ArrayList<>();
        if (primary.isPresent()) {
            RolloutState rollout = switch (state) {
                case "paused", "rollback_paused" -> RolloutState.FAILED;
                default -> steady && !inFlight && older.isEmpty() ? RolloutState.COMPLETED : RolloutState.IN_PROGRESS;
            };
            String reason = rollout == RolloutState.FAILED ? update.map(UpdateStatus::message).orElse("") : "";
            deployments.add(deployment(primary.get(), revisions.apply(service.spec().path("TaskTemplate"),
                            service.spec().path("EndpointSpec")), tasks,
                    DeploymentStatus.PRIMARY, rollout, reason, service.updatedAt()));
        }
        for (Map.Entry<String, List<SwarmTask>> e : older.entrySet()) {
            Optional<Deployment> known = previous.filter(p -> p.id().equals(e.getKey()));
            Optional<RegisteredTaskDefinition> revision = known.isPresent()
                    ? service.previousSpec().flatMap(p -> revisions.apply(p.path("TaskTemplate"),
                            p.path("EndpointSpec")))
                    : tasks.stream().filter(t -> e.getKey().equals(t.containerLabels().get(Labels.DEPLOYMENT)))
                            .findFirst().flatMap(t -> revisions.apply(t.template(), MissingNode.getInstance()));
            if (revision.isEmpty()) {
                continue; // a revision this process was never given, and no spec names it any more
            }
            Deployment d = known.orElseGet(() -> new Deployment(e.getKey(), "", tasks.stream()
                    .filter(t -> e.getKey().equals(t.containerLabels().get(Labels.DEPLOYMENT)))
                    .map(SwarmTask::createdAt).min(Instant::compareTo).orElse(service.updatedAt())));
            deployments.add(deployment(d, revision, tasks, DeploymentStatus.ACTIVE,
                    rollback ? RolloutState.FAILED : RolloutState.COMPLETED,
                    rollback ? update.map(UpdateStatus::message).orElse("") : "", service.updatedAt()));
        }
        String failedId = rolledBack.or(() -> previous.map(Deployment::id)).orElse("?");
        return new ManagedServiceStatus(draining ? ServiceStatus.DRAINING : ServiceStatus.ACTIVE, desired, running,
                pending, deployments, events(name, service, tasks, primary, failedId,
                steady && !inFlight && older.isEmpty()));
    }

    private static ManagedDeployment deployment(Deployment d, Optional<RegisteredTaskDefinition> revision,
                                                List<SwarmTask> tasks, DeploymentStatus status, RolloutState rollout,
                                                String reason, Instant updatedAt) {
        List<SwarmTask> own = tasks.stream().filter(t -> d.id().equals(t.containerLabels().get(Labels.DEPLOYMENT)))
                .toList();
        int running = (int) own.stream().filter(t -> t.running() && !t.shutDownBySwarm()).count();
        int pending = (int) own.stream().filter(t -> t.beforeRunning() && !t.shutDownBySwarm()).count();
        int failed = (int) own.stream().filter(t -> t.state().equals("failed") || t.state().equals("rejected"))
                .count();
        RegisteredTaskDefinition definition = revision.orElseThrow(() -> new IllegalStateException(
                "deployment " + d.id() + " has no task definition label; was the service changed outside Berth?"));
        Instant created = d.createdAt();
        return new ManagedDeployment(d.id(), definition, status, rollout, reason, failed, running, pending, created,
                updatedAt.isBefore(created) ? created : updatedAt);
    }

    private static List<ServiceEvent> events(String name, SwarmService service, List<SwarmTask> tasks,
                                             Optional<Deployment> primary, String failedId, boolean steady) {
        List<ServiceEvent> events = new ArrayList<>();
        Instant latest = service.createdAt();
        for (SwarmTask t : tasks) {
            if (t.running()) {
                events.add(new ServiceEvent(t.statusAt(), ServiceEvent.Kind.TASKS_STARTED,
                        "(service " + name + ") has started 1 tasks: (task " + t.id() + ")."));
            } else if (t.isFinal() && !t.neverRan()) {
                events.add(new ServiceEvent(t.statusAt(), ServiceEvent.Kind.TASKS_STOPPED,
                        "(service " + name + ") has stopped 1 running tasks: (task " + t.id() + ")."));
            }
            latest = t.statusAt().isAfter(latest) ? t.statusAt() : latest;
        }
        Optional<UpdateStatus> update = service.updateStatus();
        if (update.isPresent() && primary.isPresent()) {
            UpdateStatus u = update.get();
            Instant at = u.completedAt().or(u::startedAt).orElse(service.updatedAt());
            latest = at.isAfter(latest) ? at : latest;
            String primaryId = primary.get().id();
            switch (u.state()) {
                case "completed", "rollback_completed" -> events.add(new ServiceEvent(at,
                        ServiceEvent.Kind.SERVICE_DEPLOYMENT_COMPLETED, ServiceEventTexts.deploymentCompleted(name,
                        primaryId)));
                case "paused", "rollback_paused" -> events.add(new ServiceEvent(at,
                        ServiceEvent.Kind.SERVICE_DEPLOYMENT_FAILED, ServiceEventTexts.deploymentFailed(name,
                        primaryId, u.message())));
                case "rollback_started" -> events.add(new ServiceEvent(at,
                        ServiceEvent.Kind.SERVICE_DEPLOYMENT_FAILED, ServiceEventTexts.deploymentFailed(name,
                        failedId, u.message())));
                default -> events.add(new ServiceEvent(at, ServiceEvent.Kind.SERVICE_DEPLOYMENT_IN_PROGRESS,
                        ServiceEventTexts.deploymentInProgress(name, primaryId)));
            }
            if (u.rollback()) {
                events.add(new ServiceEvent(u.startedAt().orElse(at), ServiceEvent.Kind.SERVICE_DEPLOYMENT_FAILED,
                        ServiceEventTexts.rollingBack(name, failedId, primaryId)));
            }
        }
        if (steady) {
            events.add(new ServiceEvent(latest, ServiceEvent.Kind.SERVICE_STEADY_STATE,
                    ServiceEventTexts.steadyState(name)));
        }
        // newest first; at one instant the steady state comes last, so first here, as ECS reports it
        events.sort(Comparator.comparing(ServiceEvent::createdAt).reversed()
                .thenComparing(e -> e.kind() != ServiceEvent.Kind.SERVICE_STEADY_STATE));
        return events;
    }

    /** @return whether the service's spec labels mark it as being deleted */
    static boolean draining(Map<String, String> labels) {
        return labels.containsKey(SwarmLabels.DELETING);
    }
}
