package dev.berth.examples;

import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.api.ServiceDescription;
import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.examples.HttpProbe.Answer;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.WaitTimeoutException;
import dev.berth.model.HealthCheck;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.progress.ProgressLine;
import dev.berth.progress.ProgressListener;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.RolloutState;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The README's first example ({@code bash scripts/example.sh}): on the local Docker engine, a 3-replica busybox
 * httpd service is deployed, shown serving, scaled to 5, rolled to a new revision and deleted, one line per step.
 */
public final class DockerQuickstart {

    /** The image of the web tasks; {@code scripts/docker-env.sh} builds it (nothing is pulled). */
    public static final String IMAGE = "berth-test/busybox:1";

    private static final String SERVICE = "web";
    private static final int PORT = 8080;
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final Berth berth;
    private final DockerBackend backend;
    private final String cluster;
    private final HttpProbe probe;
    private final ProgressLine out;

    private DockerQuickstart(Berth berth, DockerBackend backend, String cluster, HttpProbe probe, ProgressLine out) {
        this.berth = berth;
        this.backend = backend;
        this.cluster = cluster;
        this.probe = probe;
        this.out = out;
    }

    /** Runs the quickstart on the engine of the environment, in cluster {@code quickstart}; exits 1 on failure. */
    public static void main(String[] args) {
        try {
            run(DockerBackendConfig.fromEnvironment(), "quickstart", System.out);
        } catch (BackendUnavailableException e) {
            System.err.println("No Docker engine answers (start one with: bash scripts/docker-env.sh): "
                    + e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("The quickstart failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Deploys, serves, scales, rolls and deletes the {@code web} service; the service is deleted even when a step
     * fails.
     *
     * @param config the engine to run on
     * @param cluster the cluster to use (created if missing)
     * @param out where each step is reported, and deployments' progress as an updating line
     * @return what was observed on the way
     * @throws IllegalStateException if {@link #IMAGE} is missing on the engine (the message says how to build it)
     * @throws WaitTimeoutException if a step does not finish within two minutes
     */
    public static QuickstartResult run(DockerBackendConfig config, String cluster, PrintStream out) {
        DockerBackend backend = DockerBackend.create(config);
        out.printf("%-10s %s, cluster %s%n", "engine", config.dockerHost(), cluster);
        // ECS looks again every 30 s when nothing seems to move; on a local engine 5 s lets the roll complete
        // soon after the new tasks turn healthy.
        ReconcilerSettings settings = new ReconcilerSettings(Duration.ofSeconds(40), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofMinutes(10));
        ProgressLine progress = ProgressListener.printingTo(out);
        try (Berth berth = Berth.builder(backend).reconcilerSettings(settings).progressListener(progress).build()) {
            return new DockerQuickstart(berth, backend, cluster, new HttpProbe(config.endpointHost(), PORT), progress)
                    .run();
        }
    }

    private QuickstartResult run() {
        RegisteredTaskDefinition v1 = register("hello from v1");
        Service web = berth.clusters().getOrCreate(cluster).services()
                .create(ServiceSpec.builder(SERVICE, v1.ref()).desiredCount(3).build());
        step("created", "service " + SERVICE + " on " + v1.ref() + ", 3 replicas");
        List<Answer> atThree;
        List<Answer> atFive;
        List<Answer> afterRoll;
        boolean rolled;
        try {
            atThree = steadyAndServing(web);
            web.scale(5);
            step("scaling", "to 5");
            atFive = steadyAndServing(web);
            RegisteredTaskDefinition v2 = register("hello from v2");
            Instant rollStart = Instant.now();
            web.deploy(v2.ref());
            step("rolling", "to " + v2.ref() + " (min 100 %, max 200 %)");
            await("the deployment of " + v2.ref() + " to complete", web, () -> completed(web, v2));
            rolled = completed(web, v2);
            step("rolled", web.describe().summary() + " after " + seconds(rollStart));
            afterRoll = serving(web);
            printEvents(web);
        } finally {
            delete(web);
        }
        int left = backend.tasks(cluster).size();
        step("deleted", "service " + SERVICE + ", " + left + " tasks left");
        return new QuickstartResult(statuses(atThree), statuses(atFive), afterRoll.stream().map(Answer::body).toList(),
                rolled, left);
    }

    private RegisteredTaskDefinition register(String page) {
        RegisteredTaskDefinition registered = berth.taskDefinitions().register(TaskDefinition.builder(SERVICE)
                .container(c -> c.name("httpd").image(IMAGE).memoryMiB(16).stopTimeout(Duration.ofSeconds(2))
                        .portMapping(PORT)
                        .command("sh", "-c", "mkdir -p /www && echo '" + page + "' > /www/index.html"
                                + " && exec httpd -f -p " + PORT + " -h /www")
                        .healthCheck(HealthCheck.shell("wget -q -O /dev/null http://localhost:" + PORT + "/")
                                .withInterval(Duration.ofSeconds(5)).withRetries(2)))
                .build());
        step("registered", registered.ref() + ": busybox httpd on " + IMAGE + " serving \"" + page + "\"");
        return registered;
    }

    private List<Answer> steadyAndServing(Service web) {
        Instant start = Instant.now();
        await("service " + SERVICE + " to be steady", web, () -> web.describe().isStable());
        step("steady", web.describe().summary() + " after " + seconds(start));
        return serving(web);
    }

    private List<Answer> serving(Service web) {
        List<Answer> answers = probe.getEach(web.tasks().stream()
                .filter(t -> t.lastStatus() == TaskStatus.RUNNING).toList());
        step("serving", answers.stream().collect(Collectors.groupingBy(Answer::reply, TreeMap::new,
                        Collectors.mapping(a -> ":" + a.hostPort(), Collectors.joining(" ")))).entrySet().stream()
                .map(e -> e.getKey() + " from " + e.getValue()).collect(Collectors.joining("; ")));
        return answers;
    }

    private void printEvents(Service web) {
        List<ServiceEvent> events = new ArrayList<>(web.events());
        Collections.reverse(events);
        step("events", events.size() + ", oldest first:");
        events.forEach(e -> out.println(String.format("%-10s %s %s", "", TIME.format(e.createdAt()), e.message())));
    }

    private void delete(Service web) {
        Instant start = Instant.now();
        web.delete(true);
        web.awaitDeleted(WAIT);
        step("stopped", "every task of " + SERVICE + " after " + seconds(start));
    }

    private static boolean completed(Service web, RegisteredTaskDefinition revision) {
        ServiceDescription now = web.describe();
        return now.isStable() && now.deployments().get(0).deployment().rolloutState() == RolloutState.COMPLETED
                && now.deployments().get(0).deployment().taskDefinition().arn().equals(revision.arn());
    }

    /** Polls until {@code done}; fails fast, saying how to build it, when the image is missing. */
    private void await(String what, Service web, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(WAIT);
        int checks = 0;
        while (!done.getAsBoolean()) {
            checks++;
            failIfImageMissing();
            if (Instant.now().isAfter(deadline)) {
                throw new WaitTimeoutException(what, WAIT, checks, web.describe().summary());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    private void failIfImageMissing() {
        backend.tasks(cluster).stream().map(Task::stoppedReason).flatMap(Optional::stream)
                .filter(reason -> reason.startsWith("CannotPullContainerError")).findFirst().ifPresent(reason -> {
                    throw new IllegalStateException("The image " + IMAGE + " is not on the Docker engine and cannot"
                            + " be pulled. Build it with: bash scripts/docker-env.sh (" + reason + ")");
                });
    }

    private void step(String name, String detail) {
        out.println(String.format("%-10s %s", name, detail));
    }

    private static List<Integer> statuses(List<Answer> answers) {
        return answers.stream().map(Answer::status).toList();
    }

    private static String seconds(Instant start) {
        return String.format("%.1f s", Duration.between(start, Instant.now()).toMillis() / 1000.0);
    }
}
