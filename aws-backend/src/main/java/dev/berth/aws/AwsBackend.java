package dev.berth.aws;

import dev.berth.aws.internal.BerthTags;
import dev.berth.aws.internal.EcsErrors;
import dev.berth.aws.internal.EcsRevisions;
import dev.berth.aws.internal.EcsTaskCalls;
import dev.berth.aws.internal.InstanceMapper;
import dev.berth.aws.internal.LaunchSettings;
import dev.berth.aws.internal.OverrideMapper;
import dev.berth.aws.internal.PlacementMapper;
import dev.berth.aws.internal.RunTaskFailures;
import dev.berth.aws.internal.TaskMapper;
import dev.berth.aws.managed.EcsManagedServices;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.InstanceStatus;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.scheduler.TaskReservation;
import dev.berth.spi.BackendCapabilities;
import dev.berth.spi.ComputeBackend;
import dev.berth.spi.ContainerInstance;
import dev.berth.spi.ManagedServices;
import dev.berth.spi.ManagedTasks;
import dev.berth.spi.StartTaskRequest;
import dev.berth.spi.Subscription;
import dev.berth.spi.TaskChangePoller;
import dev.berth.task.RunTaskResult;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.StartTaskResponse;
import software.amazon.awssdk.services.ecs.model.TargetType;

/**
 * Berth on Amazon ECS. As a {@link ComputeBackend} it runs what Berth's scheduler decides on the EC2 container
 * instances of an ECS cluster (a Berth cluster is the ECS cluster of the same name): {@link #containerInstances}
 * reads them from ECS, {@link #startTask} is ECS's StartTask on the chosen instance, {@link #stopTask} is StopTask,
 * {@link #tasks} is ListTasks plus DescribeTasks. In {@link AwsBackendConfig.Mode#ECS_MANAGED} mode (the default)
 * {@link #capabilities()} tells Berth that services are ECS services, and {@link #managedTasks()} that standalone
 * tasks are ECS's RunTask; in
 * {@link AwsBackendConfig.Mode#CLIENT_SCHEDULED} mode Berth's own reconciler keeps services at their desired count
 * through this backend, as a custom ECS scheduler does.
 *
 * <pre>{@code
 * AwsBackend ecs = AwsBackend.create(AwsBackendConfig.builder()
 *         .ecsClient(b -> b.region(Region.EU_WEST_1))
 *         .mode(AwsBackendConfig.Mode.CLIENT_SCHEDULED)
 *         .build());
 * try (Berth berth = Berth.builder(ecs).build()) {
 *     berth.clusters().getOrCreate("prod").services().create(ServiceSpec.builder("web", web).desiredCount(3).build());
 * }
 * }</pre>
 *
 * <p><b>Task ids and definitions.</b> Every task this backend starts carries the ECS tag {@code berth:task-definition}
 * (Berth's revision ARN), and {@link #tasks} reports only tasks with it, under Berth's revision ARN. A task Berth
 * placed (StartTask) also carries {@code berth:task-id}, the id Berth's caller chose, and goes by it; a task ECS placed
 * (RunTask, whose tags are the same for all the tasks of a call) goes by ECS's task id. A Berth revision is
 * resolved to an ECS revision on its first start (the latest ACTIVE ECS revision of the family if its content is the
 * same, else registered once), then cached.
 *
 * <p><b>Clusters and instances.</b> Creating and deleting a Berth cluster creates and deletes the ECS cluster
 * (CreateCluster adopts an existing one); draining or activating an instance and putting attributes on it are
 * UpdateContainerInstancesState and PutAttributes, so ECS and everyone else see them too.
 *
 * <p><b>Resources.</b> An instance offers Berth what ECS reports as remaining plus what Berth's own live tasks hold
 * there, so tasks that others started on the instance are accounted for.
 *
 * <p><b>Not on ECS.</b> {@link #logs} and {@link #followLogs} throw {@link UnsupportedOperationException}: ECS
 * has no log API, the task definition's log driver (e.g. {@code awslogs} to CloudWatch Logs) decides where logs go.
 * {@link #onTaskChange} polls: ECS publishes task changes to EventBridge, not to API clients.
 *
 * <p>Errors are Berth's exceptions with ECS's message, error code and request id ({@link EcsErrors}).
 */
public final class AwsBackend implements ComputeBackend {

    private static final int MAX_ATTRIBUTES_PER_CALL = 10;

    private final AwsBackendConfig config;
    private final EcsClient ecs;
    /** RunTask's and StartTask's client: without the SDK's retries when this backend builds it (see EcsTaskCalls). */
    private final EcsClient starts;
    private final boolean ownsClient;
    private final EcsTaskCalls calls;
    private final EcsRevisions revisions;
    private final EcsTaskDefinitions taskDefinitions;
    private final EcsClusters clusters;
    private final LaunchSettings launch;
    private final TaskChangePoller changes;
    private final Optional<ManagedServices> managedServices;
    private final Optional<ManagedTasks> managedTasks;
    /** Berth task id -> ECS task ARN, per cluster; refilled from ECS's tags after a restart. */
    private final Map<String, Map<String, String>> taskArns = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Map<String, StopCode> requestedStops = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> forgotten = new ConcurrentHashMap<>();
    /** ECS revisions this backend did not register, described once: a service's deployments are read every poll. */
    private final Map<String, RegisteredTaskDefinition> describedRevisions = new ConcurrentHashMap<>();

    private AwsBackend(AwsBackendConfig config, EcsClient ecs, EcsClient starts, boolean ownsClient) {
        this.config = config;
        this.ecs = ecs;
        this.starts = starts;
        this.ownsClient = ownsClient;
        this.calls = new EcsTaskCalls(ecs, starts, config.retryMaxAttempts());
        this.revisions = new EcsRevisions(ecs);
        this.taskDefinitions = new EcsTaskDefinitions(ecs, config.clock());
        this.clusters = new EcsClusters(ecs);
        this.launch = new LaunchSettings(config);
        this.changes = new TaskChangePoller("berth-ecs-task-changes", this::tasks, config.pollInterval());
        this.managedServices = config.mode() == AwsBackendConfig.Mode.ECS_MANAGED
                ? Optional.of(new EcsManagedServices(ecs, revisions::ecsArn, this::revisionOf, launch::applyTo))
                : Optional.empty();
        this.managedTasks = config.mode() == AwsBackendConfig.Mode.ECS_MANAGED
                ? Optional.of(this::runTasks) : Optional.empty();
    }

    /** @return the Berth revision an ECS revision stands for: the one resolved to it, else ECS's own, described once */
    private RegisteredTaskDefinition revisionOf(String ecsArn) {
        return revisions.berthRevision(ecsArn)
                .orElseGet(() -> describedRevisions.computeIfAbsent(ecsArn, taskDefinitions::describe));
    }

    /**
     * @param config how to reach ECS and run tasks there
     * @return the backend; it builds its client now if the configuration has a customizer instead of a client
     */
    public static AwsBackend create(AwsBackendConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.ecsClient().isPresent()) {
            return new AwsBackend(config, config.ecsClient().get(), config.ecsClient().get(), false);
        }
        EcsClientBuilder builder = EcsClient.builder();
        builder.overrideConfiguration(o -> o.retryStrategy(retryStrategy(config.retryMaxAttempts())));
        config.ecsClientCustomizer().orElseThrow().accept(builder);
        EcsClient ecs = builder.build();
        // The starts' client: the user's settings, without retries (a repeat must first look for what it started).
        builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                .retryStrategy(AwsRetryStrategy.doNotRetry()).build());
        return new AwsBackend(config, ecs, builder.build(), true);
    }

    /**
     * The SDK's standard retry strategy, with more attempts than its default 3 and a slower backoff for throttling
     * (ECS's ThrottlingException "Rate exceeded" and the other throttling codes): a reconciler polls steadily, so a
     * throttled call should wait for the token bucket to refill rather than fail. The only retry layer.
     */
    static RetryStrategy retryStrategy(int maxAttempts) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(BackoffStrategy.exponentialDelay(
                        Duration.ofMillis(100), Duration.ofSeconds(20)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(
                        Duration.ofSeconds(1), Duration.ofSeconds(20)))
                .build();
    }

    /** @return ECS's task definitions in Berth's model */
    public EcsTaskDefinitions taskDefinitions() {
        return taskDefinitions;
    }

    /** @return ECS's clusters as ECS reports them, with its counts */
    public EcsClusters clusters() {
        return clusters;
    }

    /** @return the configuration */
    public AwsBackendConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "ecs";
    }

    /** @return services ECS-scheduled in ECS_MANAGED mode, Berth-scheduled in CLIENT_SCHEDULED mode */
    @Override
    public BackendCapabilities capabilities() {
        return new BackendCapabilities(config.mode() == AwsBackendConfig.Mode.ECS_MANAGED);
    }

    /**
     * @return in ECS_MANAGED mode, ECS's service scheduler: Berth's services are ECS services, created, updated and
     *     described through ECS ({@link EcsManagedServices}); empty in CLIENT_SCHEDULED mode
     */
    @Override
    public Optional<ManagedServices> managedServices() {
        return managedServices;
    }

    /**
     * @return in ECS_MANAGED mode, ECS's placement of standalone tasks: Berth's {@code Tasks.run} is ECS's RunTask
     *     ({@link #runTasks}); empty in CLIENT_SCHEDULED mode, where Berth places and StartTask starts
     */
    @Override
    public Optional<ManagedTasks> managedTasks() {
        return managedTasks;
    }

    /**
     * RunTask, in calls of at most 10 tasks, with the request's placement rules and the configuration's launch type
     * and network configuration. The tasks carry only the {@code berth:task-definition} tag (RunTask tags all the
     * tasks of a call alike) and go by ECS's task ids. Each call carries a fresh client token, also as a tag, so that a
     * call whose answer was lost is not repeated before Berth looked for the tasks it started ({@link EcsTaskCalls}).
     *
     * @throws dev.berth.exception.InvalidSpecException if the launch type is FARGATE and the definition cannot run
     *     there, or ECS rejects the request
     * @throws ResourceNotFoundException if ECS has no such cluster
     */
    private RunTaskResult runTasks(String cluster, RegisteredTaskDefinition revision, String group,
                                   dev.berth.task.RunTaskRequest request) {
        changes.watch(cluster);
        RunTaskRequest.Builder run = RunTaskRequest.builder()
                .cluster(cluster)
                .taskDefinition(revisions.ecsArn(revision))
                .group(group)
                .startedBy(request.startedBy().orElse(null))
                .placementStrategy(PlacementMapper.strategies(request.placementStrategies()))
                .placementConstraints(PlacementMapper.constraints(request.placementConstraints()))
                .tags(BerthTags.of(BerthTags.TASK_DEFINITION, revision.arn()));
        OverrideMapper.taskOverride(request.overrides()).ifPresent(run::overrides);
        var ran = calls.runTask(launch.applyTo(revision.definition(), run.build()), request.count());
        // RunTask's answer need not echo the tags: the request says whose tasks they are.
        List<Task> started = ran.tasks().stream()
                .map(t -> toBerth(cluster, t, BerthTags.ecsTaskId(t.taskArn()), revision.arn()))
                .toList();
        return new RunTaskResult(started,
                RunTaskFailures.of(group, request.count() - started.size(), ran.failures()));
    }

    /**
     * @return the cluster's ACTIVE and DRAINING container instances, with what they offer Berth
     * @throws ResourceNotFoundException if ECS has no such cluster
     */
    @Override
    public List<ContainerInstance> containerInstances(String cluster) {
        var instances = calls.containerInstances(cluster);
        Map<String, List<TaskReservation>> held = new HashMap<>();
        for (var task : berthTasks(cluster)) {
            if (task.containerInstanceArn() != null && TaskMapper.status(task.lastStatus()).isLive()) {
                held.computeIfAbsent(task.containerInstanceArn(), id -> new ArrayList<>())
                        .add(TaskReservation.of(revisions.definition(task.taskDefinitionArn())));
            }
        }
        Instant now = config.clock().instant();
        return instances.stream()
                .filter(i -> "ACTIVE".equals(i.status()) || "DRAINING".equals(i.status()))
                .map(i -> InstanceMapper.toBerth(i, held.getOrDefault(i.containerInstanceArn(), List.of()),
                        firstSeen.computeIfAbsent(i.containerInstanceArn(), arn -> now)))
                .toList();
    }

    /**
     * StartTask of the request's revision (resolved to an ECS revision on first use) on the chosen instance. A call
     * whose answer was lost is repeated only once no task with the request's id (its {@code berth:task-id} tag) is
     * found on the instance, so that the task starts once.
     *
     * @throws ResourceNotFoundException if ECS has no such cluster or instance
     * @throws ConflictException if ECS refuses the instance (no resources, agent disconnected, ...)
     * @throws dev.berth.exception.InvalidSpecException if ECS rejects the definition or the request
     */
    @Override
    public Task startTask(StartTaskRequest request) {
        changes.watch(request.cluster());
        Optional<Task> existing = findExisting(request);
        if (existing.isPresent()) {
            return existing.get();
        }
        String ecsArn = revisions.ecsArn(request.taskDefinition());
        software.amazon.awssdk.services.ecs.model.StartTaskRequest.Builder start =
                software.amazon.awssdk.services.ecs.model.StartTaskRequest.builder()
                        .cluster(request.cluster())
                        .taskDefinition(ecsArn)
                        .group(request.group())
                        .startedBy(request.startedBy())
                        .tags(BerthTags.of(BerthTags.TASK_ID, request.taskId()),
                                BerthTags.of(BerthTags.TASK_DEFINITION, request.taskDefinition().arn()));
        OverrideMapper.taskOverride(request.overrides()).ifPresent(start::overrides);
        launch.networkConfiguration(request.taskDefinition().definition()).ifPresent(start::networkConfiguration);
        StartTaskResponse response = calls.startTask(start.build(), List.of(request.instanceId()),
                () -> calls.tagged(request.cluster(), BerthTags.TASK_ID, request.taskId(),
                        b -> b.containerInstance(request.instanceId())).orElse(List.of()));
        if (response.tasks().isEmpty()) {
            throw startFailure(request, response.failures());
        }
        var task = response.tasks().get(0);
        taskArns.computeIfAbsent(request.cluster(), c -> new ConcurrentHashMap<>())
                .put(request.taskId(), task.taskArn());
        // StartTask's answer need not echo the tags: the request says whose task it is.
        Instant seen = firstSeen.computeIfAbsent(task.taskArn(), arn -> config.clock().instant());
        return TaskMapper.toBerth(task, request.taskId(), request.cluster(), request.taskDefinition().arn(), seen,
                Optional.empty());
    }

    /** StopTask; ECS records every StopTask as UserInitiated, so Berth's stop code is remembered here. */
    @Override
    public void stopTask(String cluster, String taskId, StopCode stopCode, String reason) {
        Optional<String> arn = taskArn(cluster, taskId);
        if (arn.isEmpty()) {
            return;
        }
        requestedStops.put(arn.get(), stopCode);
        calls.stopTask(cluster, arn.get(), reason);
    }

    @Override
    public List<Task> tasks(String cluster) {
        changes.watch(cluster);
        List<Task> listed = berthTasks(cluster).stream().map(t -> toBerth(cluster, t).orElseThrow()).toList();
        Set<String> gone = forgotten.get(cluster);
        if (gone == null) {
            return listed;
        }
        // ECS drops stopped tasks from its listings after about an hour; so can this backend then.
        gone.retainAll(listed.stream().map(Task::taskId).toList());
        return listed.stream().filter(t -> !gone.contains(t.taskId())).toList();
    }

    /** @return the cluster's ECS tasks (desired RUNNING, or recently STOPPED) that Berth started */
    private List<software.amazon.awssdk.services.ecs.model.Task> berthTasks(String cluster) {
        return calls.describeListedTasks(cluster, calls.listTaskArns(cluster, b -> { })).stream()
                .filter(BerthTags::isBerths)
                .toList();
    }

    @Override
    public void forgetTask(String cluster, String taskId) {
        forgotten.computeIfAbsent(cluster, c -> ConcurrentHashMap.newKeySet()).add(taskId);
        Map<String, String> arns = taskArns.get(cluster);
        if (arns != null) {
            String arn = arns.remove(taskId);
            if (arn != null) {
                requestedStops.remove(arn);
                firstSeen.remove(arn);
            }
        }
    }

    /**
     * @throws ResourceNotFoundException if the cluster has no such task, or the task no such container
     * @throws UnsupportedOperationException otherwise: ECS has no log API; read the log driver's destination
     */
    @Override
    public List<String> logs(String cluster, String taskId, String containerName, int tailLines) {
        if (tailLines < 1) {
            throw new IllegalArgumentException("tailLines must be >= 1, was " + tailLines);
        }
        throw noLogs(cluster, taskId, containerName);
    }

    /**
     * @throws ResourceNotFoundException if the cluster has no such task, or the task no such container
     * @throws UnsupportedOperationException otherwise: ECS has no log API; read the log driver's destination
     */
    @Override
    public Subscription followLogs(String cluster, String taskId, String containerName, Consumer<String> lines) {
        throw noLogs(cluster, taskId, containerName);
    }

    /**
     * ECS publishes task changes to EventBridge, not to API clients: while a listener is registered, the clusters
     * this backend was asked about are read every {@link AwsBackendConfig#pollInterval()} and signalled on change.
     */
    @Override
    public Subscription onTaskChange(Consumer<String> listener) {
        return changes.subscribe(listener);
    }

    /** CreateCluster: ECS creates the cluster, or returns the existing one of that name. */
    @Override
    public void createCluster(String cluster) {
        EcsErrors.call("CreateCluster", () -> ecs.createCluster(b -> b.clusterName(cluster)));
    }

    /**
     * DeleteCluster.
     *
     * @throws ConflictException if ECS refuses because instances, services or tasks remain in the cluster
     */
    @Override
    public void deleteCluster(String cluster) {
        EcsErrors.call("DeleteCluster", () -> ecs.deleteCluster(b -> b.cluster(cluster)));
    }

    /**
     * UpdateContainerInstancesState: ECS places nothing new on a DRAINING instance either, and reports it DRAINING
     * to everyone else.
     */
    @Override
    public void instanceStatusChanged(String cluster, String instanceId, InstanceStatus status) {
        var response = EcsErrors.call("UpdateContainerInstancesState", () -> ecs.updateContainerInstancesState(
                b -> b.cluster(cluster).containerInstances(instanceId).status(status.name())));
        if (!response.failures().isEmpty()) {
            throw new ResourceNotFoundException("ECS UpdateContainerInstancesState of " + instanceId + " in cluster "
                    + cluster + " failed: " + response.failures().get(0).reason());
        }
    }

    /**
     * PutAttributes on the container instance, in calls of at most 10 attributes (ECS's limit per call).
     *
     * @throws ResourceNotFoundException if ECS has no such instance in the cluster
     * @throws dev.berth.exception.InvalidSpecException if ECS refuses the attributes (more than 10 on the instance)
     */
    @Override
    public void attributesPut(String cluster, String instanceId, Map<String, String> attributes) {
        List<Attribute> all = attributes.entrySet().stream()
                .map(e -> attribute(instanceId, e.getKey()).value(e.getValue()).build())
                .toList();
        for (List<Attribute> batch : EcsTaskCalls.batches(all, MAX_ATTRIBUTES_PER_CALL)) {
            EcsErrors.call("PutAttributes", () -> ecs.putAttributes(b -> b.cluster(cluster).attributes(batch)));
        }
    }

    /**
     * DeleteAttributes on the container instance, in calls of at most 10 attributes.
     *
     * @throws ResourceNotFoundException if ECS has no such instance in the cluster
     */
    @Override
    public void attributesDeleted(String cluster, String instanceId, Set<String> names) {
        List<Attribute> all = names.stream().sorted().map(name -> attribute(instanceId, name).build()).toList();
        for (List<Attribute> batch : EcsTaskCalls.batches(all, MAX_ATTRIBUTES_PER_CALL)) {
            EcsErrors.call("DeleteAttributes", () -> ecs.deleteAttributes(b -> b.cluster(cluster).attributes(batch)));
        }
    }

    private static Attribute.Builder attribute(String instanceId, String name) {
        return Attribute.builder().name(name).targetId(instanceId)
                // ECS wants the target type only for a short id; with the full ARN it is implied.
                .targetType(instanceId.startsWith("arn:") ? null : TargetType.CONTAINER_INSTANCE.toString());
    }

    /** Closes the ECS client if this backend built it; a client the user passed stays open. */
    @Override
    public void close() {
        changes.close();
        if (ownsClient) {
            ecs.close();
            starts.close();
        }
    }

    private RuntimeException noLogs(String cluster, String taskId, String containerName) {
        Task task = tasks(cluster).stream().filter(t -> t.taskId().equals(taskId)).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("Cluster " + cluster + " has no task " + taskId));
        if (task.containers().stream().noneMatch(c -> c.name().equals(containerName))) {
            throw new ResourceNotFoundException("Task " + taskId + " has no container " + containerName);
        }
        return new UnsupportedOperationException("ECS has no API for container logs: the task definition's log"
                + " driver decides where they go (e.g. awslogs to CloudWatch Logs); read them there");
    }

    private Optional<Task> findExisting(StartTaskRequest request) {
        if (forgotten.getOrDefault(request.cluster(), Set.of()).contains(request.taskId())) {
            return Optional.empty();
        }
        Optional<String> known = Optional.ofNullable(taskArns.getOrDefault(request.cluster(), Map.of())
                .get(request.taskId()));
        // ListTasks allows startedBy only as its sole filter; the instance narrows the search as well.
        List<String> candidates = known.map(List::of).orElseGet(() -> calls.listTaskArns(request.cluster(),
                b -> b.containerInstance(request.instanceId())));
        return calls.describeTasks(request.cluster(), candidates).stream()
                .filter(t -> BerthTags.value(t.tags(), BerthTags.TASK_ID).filter(request.taskId()::equals).isPresent())
                .findFirst()
                .flatMap(t -> toBerth(request.cluster(), t));
    }

    private Optional<String> taskArn(String cluster, String taskId) {
        String known = taskArns.getOrDefault(cluster, Map.of()).get(taskId);
        if (known != null) {
            return Optional.of(known);
        }
        tasks(cluster);
        return Optional.ofNullable(taskArns.getOrDefault(cluster, Map.of()).get(taskId));
    }

    /** @return Berth's view of the ECS task; empty for a task Berth did not start */
    private Optional<Task> toBerth(String cluster, software.amazon.awssdk.services.ecs.model.Task task) {
        if (!BerthTags.isBerths(task)) {
            return Optional.empty();
        }
        String definitionArn = BerthTags.value(task.tags(), BerthTags.TASK_DEFINITION)
                .or(() -> revisions.berthRevision(task.taskDefinitionArn()).map(RegisteredTaskDefinition::arn))
                .orElse(task.taskDefinitionArn());
        return Optional.of(toBerth(cluster, task, BerthTags.taskId(task), definitionArn));
    }

    private Task toBerth(String cluster, software.amazon.awssdk.services.ecs.model.Task task, String taskId,
                         String definitionArn) {
        taskArns.computeIfAbsent(cluster, c -> new ConcurrentHashMap<>()).putIfAbsent(taskId, task.taskArn());
        Instant seen = firstSeen.computeIfAbsent(task.taskArn(), arn -> config.clock().instant());
        return TaskMapper.toBerth(task, taskId, cluster, definitionArn, seen,
                Optional.ofNullable(requestedStops.get(task.taskArn())));
    }

    private static RuntimeException startFailure(StartTaskRequest request, List<Failure> failures) {
        String why = failures.isEmpty() ? "no task and no failure returned"
                : failures.stream().map(f -> f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")"))
                        .reduce((a, b) -> a + "; " + b).orElseThrow();
        String message = "ECS StartTask of " + request.taskId() + " on " + request.instanceId() + " in cluster "
                + request.cluster() + " failed: " + why;
        String reason = failures.isEmpty() ? "" : String.valueOf(failures.get(0).reason());
        if (reason.equals("MISSING")) {
            return new ResourceNotFoundException(message);
        }
        if (reason.startsWith("RESOURCE:") || reason.equals("AGENT") || reason.equals("ATTRIBUTE")
                || reason.equals("INACTIVE") || reason.equals("LOCATION")) {
            return new ConflictException(message);
        }
        return new BackendUnavailableException(message, false);
    }
}
